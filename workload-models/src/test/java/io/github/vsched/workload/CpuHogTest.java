package io.github.vsched.workload;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.Workload;
import io.github.vsched.core.SimulationResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The hog draws no random numbers, so it has no distribution to test: its demand is all there is. */
class CpuHogTest {

    @Test
    void aHogAloneOnAPcpuGetsAllOfIt() {
        SimulationResult r = Scenarios.run(Scenarios.scenario("hog", 1, 2 * S)
                .domain(Scenarios.guest("hog", DomainType.PV, 1, CpuMask.of(0), "cpu-hog", Map.of())));
        assertThat(r.vcpu("hog", 0).cpuShare()).isEqualTo(1.0);
        assertThat(r.vcpu("hog", 0).blockedNs()).isZero();
        assertThat(r.workloads().get("hog").get("cpuSeconds")).isCloseTo(2.0, within(0.01));
    }

    /** Two hogs on one PCPU under round-robin split it evenly; each one's work halves (its quality metric). */
    @Test
    void twoHogsOnOnePcpuShareIt() {
        SimulationResult r = Scenarios.run(Scenarios.scenario("hogs", 1, 2 * S)
                .domain(Scenarios.guest("a", DomainType.PV, 1, CpuMask.of(0), "cpu-hog", Map.of()))
                .domain(Scenarios.guest("b", DomainType.PV, 1, CpuMask.of(0), "cpu-hog", Map.of())));
        assertThat(r.vcpu("a", 0).cpuShare()).isCloseTo(0.5, within(0.006));
        assertThat(r.vcpu("b", 0).cpuShare()).isCloseTo(0.5, within(0.006));
        assertThat(r.workloads().get("a").get("cpuSeconds")).isCloseTo(1.0, within(0.02));
    }

    /** A yielding hog yields after every yieldEvery of CPU: alone, 1000 yields a second and still all of the PCPU. */
    @Test
    void yieldingHogYieldsEveryPeriodOfCpu() {
        Workload w = Models.create(new CpuHogProvider(), DomainType.PV, 1, 1, Map.of("yieldEvery", "1ms"));
        SoloDriver d = new SoloDriver(w.vcpu(0)).runUntil(S);
        assertThat(d.yields).isBetween(999, 1000);
        assertThat(d.computeDurations()).containsOnly(MS);
        assertThat(w.metrics(S).get("yields")).isEqualTo(d.yields);

        SimulationResult r = Scenarios.run(Scenarios.scenario("yield", 1, S)
                .domain(Scenarios.guest("y", DomainType.PV, 2, CpuMask.of(0), "cpu-hog", Map.of("yieldEvery", "1ms"))));
        assertThat(r.vcpu("y", 0).cpuShare() + r.vcpu("y", 1).cpuShare()).isEqualTo(1.0);
        assertThat(r.workloads().get("y").get("yields")).isCloseTo(1000, within(2.0));
    }

    @Test
    void badYieldPeriodIsRejected() {
        assertThatThrownBy(() -> Models.create(new CpuHogProvider(), DomainType.PV, 1, 1, Map.of("yieldEvery", "1h")))
                .hasMessageContaining("g.yieldEvery").hasMessageContaining("[0ns, 10s]");
    }
}
