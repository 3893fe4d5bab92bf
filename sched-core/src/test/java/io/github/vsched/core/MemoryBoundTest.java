package io.github.vsched.core;

import io.github.vsched.api.Topology;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.S;
import static io.github.vsched.api.Durations.US;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulated hour of a 4-PCPU, 8-VCPU machine with every recorder on, in a 256 MiB heap
 * (this test runs in its own JVM with {@code -Xmx256m}): nothing the engine keeps grows with
 * simulated time.
 */
@Tag("memory-bound")
class MemoryBoundTest {

    @Test
    void aSimulatedHourRunsInASmallHeap() {
        Scenario.Builder b = Scenario.builder("hour").duration(3600 * S).seed(3)
                .platform(FixedCostPlatform.ideal(4).withTopology(Topology.regular(1, 4, 1, 2))
                        .withContextSwitch(2 * US).withIpi(3 * US))
                .scheduler("round-robin", Map.of("slice", "10ms"));
        b.domain(DomainSpec.builder("hogs").vcpus(2).workload("hog", Guests.workload(i -> Guests.hog())).build());
        b.domain(DomainSpec.builder("periodic").vcpus(2)
                .workload("p", Guests.workload(i -> Guests.periodic(10 * MS, 500 * US, i * MS))).build());
        b.domain(DomainSpec.builder("io").vcpus(4)
                .workload("io", Guests.workload(i -> Guests.ioWaker(300 * US, 20 * MS))).build());
        Simulation sim = Simulations.create(b.build());
        sim.addListener(PcpuTimeline.builder().window(0, 3600 * S).maxSegments(10_000).build());
        SimulationResult r = sim.run();
        assertThat(r.durationNs()).isEqualTo(3600 * S);
        assertThat(r.events()).isGreaterThan(5_000_000L);
        Runtime rt = Runtime.getRuntime();
        assertThat(rt.maxMemory()).as("run with -Xmx256m").isLessThanOrEqualTo(300L << 20);
        assertThat(r.vcpu("hogs", 0).cpuShare()).isGreaterThan(0.5);
    }
}
