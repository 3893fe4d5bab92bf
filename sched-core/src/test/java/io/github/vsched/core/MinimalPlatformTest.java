package io.github.vsched.core;

import io.github.vsched.api.DomainType;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.Platform;
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
 * A third-party platform that gives only an id, a topology, a TSC rate and its costs runs a
 * simulation: memory and I/O take the SPI's defaults (unbounded memory, instant devices at no
 * CPU cost), and the engine charges the costs of the record.
 */
class MinimalPlatformTest {

    /** The whole platform. */
    record Minimal(String id, Topology topology, long tscHz, PlatformCosts costs) implements Platform {
    }

    static Platform minimal(int pcpus, PlatformCosts costs) {
        return new Minimal("minimal", Topology.flat(pcpus), 1_000_000_000L, costs);
    }

    /** Two hogs share one PCPU; every dispatch of either pays the record's 5 us context switch. */
    @Test
    void theContextSwitchOfTheRecordIsChargedOnEveryDispatch() {
        Scenario s = Scenario.builder("minimal").platform(minimal(1, PlatformCosts.builder().contextSwitchNs(5 * US)
                        .build()))
                .duration(100 * MS).checked(true).scheduler("round-robin", Map.of())
                .domain(DomainSpec.builder("a").memoryMb(1 << 20).workload("h", Guests.workload(i -> Guests.hog())).build())
                .domain(DomainSpec.builder("b").workload("h", Guests.workload(i -> Guests.hog())).build())
                .build();
        SimulationResult r = Simulations.create(s).run();
        assertThat(r.platform()).isEqualTo("minimal");
        for (String d : List.of("a", "b")) {
            VcpuStats v = r.vcpu(d, 0);
            assertThat(v.dispatches()).isGreaterThanOrEqualTo(4);
            assertThat(v.overheadNs()).isEqualTo(v.dispatches() * 5 * US);
        }
        assertThat(r.vcpu("a", 0).runningNs() + r.vcpu("b", 0).runningNs()).isEqualTo(100 * MS);
    }

    /**
     * A PV disk read through dom0 on the default instant I/O model: the guest pays the record's
     * 5 us event-channel send to issue it, dom0 its 5 us send of the completion, and nothing
     * else costs time, so the guest runs again at 10 us.
     */
    @Test
    void ioRunsOnTheInstantDefaultModelPayingOnlyTheEventChannels() {
        Scenario s = Scenario.builder("minimal-io")
                .platform(minimal(2, PlatformCosts.builder().eventChannelNotifyNs(5 * US).build()))
                .duration(MS).checked(true).scheduler("round-robin", Map.of())
                .domain(DomainSpec.builder("dom0").type(DomainType.PV).workload("w",
                        Guests.workload(i -> Guests.backend())).build())
                .domain(DomainSpec.builder("g").type(DomainType.PV).workload("w",
                        Guests.workload(i -> Guests.ioLoop(IoKind.DISK_READ, 4096, 10 * MS))).build())
                .build();
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = Simulations.create(s);
        sim.addListener(t);
        sim.run();
        List<PcpuTimeline.Segment> g = t.segments().stream().filter(x -> x.vcpu().equals("g/0")).toList();
        assertThat(g.get(0).end()).isEqualTo(5 * US);
        assertThat(g.get(1).start()).isEqualTo(10 * US);
    }
}
