package io.github.vsched.core;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.Guest;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.PlatformCosts;
import io.github.vsched.api.Topology;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.US;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contention on a machine of two cache pairs ({0,1} and {2,3}) in one socket: work that starts
 * while the other core of its pair is busy takes 100% longer, and 10% longer per other busy core
 * of the socket, as sampled when it starts.
 */
class ContentionTest {
    static final FixedCostPlatform MACHINE = FixedCostPlatform.ideal(4).withTopology(Topology.regular(1, 4, 1, 2))
            .withCosts(PlatformCosts.builder().contention(1_000_000, 100_000).build());

    /** Sleeps 1 ms, computes 1 ms of work once, then blocks for good. */
    static GuestModel onceAfter() {
        return new GuestModel() {
            private int step;

            @Override
            public void next(Guest g) {
                switch (step++) {
                    case 0 -> {
                        g.setTimer(MS, 0);
                        g.block();
                    }
                    case 1 -> g.compute(MS);
                    default -> g.block();
                }
            }
        };
    }

    static Run work(int pcpu, FixedCostPlatform p) {
        Scenario.Builder b = Scenario.builder("contention").platform(p).duration(5 * MS).checked(true)
                .scheduler("round-robin", Map.of())
                .domain(DomainSpec.builder("hog").affinity(CpuMask.of(0)).workload("w", Guests.workload(i -> Guests.hog()))
                        .build())
                .domain(DomainSpec.builder("g").type(DomainType.PV).affinity(CpuMask.of(pcpu))
                        .workload("w", Guests.workload(i -> onceAfter())).build());
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = Simulations.create(b.build());
        sim.addListener(t);
        sim.run();
        List<Run> runs = Run.of(t.segments()).stream().filter(r -> r.vcpu().equals("g/0")).toList();
        return runs.get(runs.size() - 1);
    }

    @Test
    void workBesideABusyCacheSiblingTakesTheSharedCacheAndBusSlowdown() {
        assertThat(work(1, MACHINE).end() - work(1, MACHINE).start()).isEqualTo(2100 * US);
    }

    @Test
    void workOnTheOtherCachePairTakesOnlyTheBusSlowdown() {
        assertThat(work(2, MACHINE).end() - work(2, MACHINE).start()).isEqualTo(1100 * US);
    }

    @Test
    void withoutContentionWorkTakesItsOwnTime() {
        assertThat(work(1, FixedCostPlatform.ideal(4).withTopology(Topology.regular(1, 4, 1, 2))).end()
                - work(1, FixedCostPlatform.ideal(4)).start()).isEqualTo(MS);
    }
}
