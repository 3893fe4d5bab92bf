package io.github.vsched.credit;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.Topology;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import io.github.vsched.testkit.Timelines.Run;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.US;
import static org.assertj.core.api.Assertions.assertThat;

/** A cache refill after a move across caches is guest time lost, not a non-preemptible switch. */
class CacheRefillPreemptionTest {

    /**
     * Four PCPUs, caches {0,1} and {2,3}, a 1 ms refill across them. h, a hog on PCPU 0, is
     * UNDER after the 10 ms tick; at 15 ms its affinity moves it to PCPU 2, where it owes 1 ms
     * of refill (noBoostOnMigrate keeps it UNDER: Xen 4.0 would BOOST it on the move). v, pinned to PCPU 2, wakes BOOST at 15.5 ms and preempts h at once (not at
     * 16 ms, when the refill is done). h pays the rest of its refill when it runs again: 1 ms of
     * overhead in all.
     */
    @Test
    void aWakingBoostPreemptsAVcpuRefillingItsCache() {
        FixedCostPlatform p = FixedCostPlatform.ideal(4).withTopology(Topology.regular(1, 4, 1, 2))
                .withCrossCacheMigration(MS);
        Scenario s = Scenario.builder("refill").platform(p).duration(20 * MS).checked(true)
                .scheduler("credit", Map.of("tickPhase", "aligned", "noBoostOnMigrate", "true"))
                .domain(DomainSpec.builder("h").vcpuAffinity(0, CpuMask.of(0))
                        .workload("h", Guests.workload(i -> Guests.hog())).build())
                .domain(DomainSpec.builder("v").vcpuAffinity(0, CpuMask.of(2))
                        .workload("v", Guests.workload(i -> Guests.periodic(15_500 * US, 100 * US, 0))).build())
                .build();
        Simulation sim = Simulations.create(s);
        PcpuTimeline t = new PcpuTimeline();
        sim.addListener(t);
        sim.at(15 * MS, x -> x.setAffinity("h", 0, CpuMask.of(2)));
        SimulationResult r = sim.run();

        assertThat(Run.of(t.busySegments(2))).filteredOn(x -> x.end() > x.start() && x.start() >= 15 * MS).containsExactly(
                new Run(2, "h/0", 15 * MS, 15_500 * US),
                new Run(2, "v/0", 15_500 * US, 15_600 * US),
                new Run(2, "h/0", 15_600 * US, Long.MAX_VALUE));
        assertThat(r.vcpu("h", 0).overheadNs()).isEqualTo(MS);
    }
}
