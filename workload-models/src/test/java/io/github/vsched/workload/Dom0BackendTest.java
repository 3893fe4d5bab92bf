package io.github.vsched.workload;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.SimulationResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The driver domain's model: backend service, background load, and the delay it adds to guest I/O. */
class Dom0BackendTest {

    static SimulationResult run(Map<String, String> dom0, long duration) {
        DomainSpec d0 = DomainSpec.builder("dom0").vcpus(2).affinity(CpuMask.of(0)).memoryMb(0)
                .workload("dom0-backend", dom0).build();
        return Scenarios.run(Scenarios.scenario("dom0", 2, duration)
                .domain(d0)
                .domain(Scenarios.guest("net", DomainType.PV, 1, CpuMask.of(1), "network-pingpong", Map.of())));
    }

    /** Without background work, the backend takes every request at once and each VCPU's demand is its backend work. */
    @Test
    void servesEveryRequestAndCompletionAtOnceWhenIdle() {
        SimulationResult r = run(Map.of(), S);
        Map<String, Double> m = r.workloads().get("dom0");
        double exchanges = r.workloads().get("net").get("exchanges");
        assertThat(m.get("requests")).isCloseTo(exchanges, within(1.0));
        assertThat(m.get("completions")).isCloseTo(exchanges, within(1.0));
        assertThat(m.get("backendDelayMaxUs")).isZero();
        assertThat(m.get("backendCpuMs")).isCloseTo(exchanges * 43 / 1000, within(0.1)); // 20 + (3 + 20) us each
        assertThat(r.vcpu("dom0", 1).runningNs()).isZero(); // interrupts go to VCPU 0
    }

    /**
     * 30% background work on each of dom0's two VCPUs, both on PCPU 0: 60% of it, plus the
     * backend. Backend work waits behind at most one 100 us background slice of its own VCPU,
     * but also behind the other VCPU's slices under round-robin (10 ms): the guest's I/O
     * latency is the scheduler's business, as on Xen.
     */
    @Test
    void backgroundLoadIsUsedAndDelaysTheBackends() {
        SimulationResult r = run(Map.of("backgroundLoad", "0.3"), 2 * S);
        Map<String, Double> m = r.workloads().get("dom0");
        assertThat(m.get("backgroundCpuMs") / 2000).isCloseTo(0.6, within(0.01));
        assertThat(r.vcpu("dom0", 1).cpuShare()).isCloseTo(0.3, within(0.005));
        assertThat(m.get("backendDelayMaxUs")).isGreaterThan(100);
        assertThat(r.workloads().get("net").get("rttP99Us")).isGreaterThan(400);
    }

    /**
     * qemu-dm's display refresh (1 ms every 30 ms) and audio timer (20 us every 4 ms) run on
     * VCPU 1, re-armed one period after each run: on an otherwise idle PCPU they run on time, and
     * their CPU counts as device-model work.
     */
    @Test
    void deviceModelTimersRunOnTheirVcpuEveryPeriod() {
        DomainSpec d0 = DomainSpec.builder("dom0").vcpus(2).affinity(CpuMask.of(0)).memoryMb(0)
                .workload("dom0-backend", Map.of("displayRefreshCpu", "1ms", "audioTimerCpu", "20us",
                        "deviceModelVcpu", "1")).build();
        SimulationResult r = Scenarios.run(Scenarios.scenario("dom0-timers", 2, S).domain(d0));
        Map<String, Double> m = r.workloads().get("dom0");
        // display: runs at 30, 61, 92, ... ms (each re-armed after its 1 ms); audio every 4.02 ms
        double display = Math.floor(1000.0 / 31);
        double audio = Math.floor(1000.0 / 4.02);
        assertThat(m.get("deviceModelCpuMs")).isCloseTo(display * 1 + audio * 0.02, within(1.1));
        assertThat(r.vcpu("dom0", 1).runningNs()).isGreaterThan(30 * MS);
        assertThat(r.vcpu("dom0", 0).runningNs()).isZero();
        assertThat(m.get("deviceModelTimerLateP99Us")).isLessThan(1001.0); // at most behind the other timer's run
    }

    @Test
    void deviceModelVcpuMustBeOneOfTheDomains() {
        DomainSpec d0 = DomainSpec.builder("dom0").vcpus(2).affinity(CpuMask.of(0)).memoryMb(0)
                .workload("dom0-backend", Map.of("deviceModelVcpu", "2")).build();
        assertThatThrownBy(() -> Scenarios.run(Scenarios.scenario("dom0-bad", 2, S).domain(d0)))
                .hasMessageContaining("deviceModelVcpu").hasMessageContaining("0 to 1");
        DomainSpec d1 = DomainSpec.builder("dom0").vcpus(1).affinity(CpuMask.of(0)).memoryMb(0)
                .workload("dom0-backend", Map.of("audioTimerPeriod", "10ms")).build();
        assertThatThrownBy(() -> Scenarios.run(Scenarios.scenario("dom0-bad", 2, S).domain(d1)))
                .hasMessageContaining("audioTimerCpu is 0");
    }

    /** One VCPU alone: background work delays backend work by at most one slice. */
    @Test
    void backendWorkWaitsAtMostOneBackgroundSlice() {
        DomainSpec d0 = DomainSpec.builder("dom0").vcpus(1).affinity(CpuMask.of(0)).memoryMb(0)
                .workload("dom0-backend", Map.of("backgroundLoad", "0.5", "backgroundPeriod", "2ms")).build();
        SimulationResult r = Scenarios.run(Scenarios.scenario("dom0-one", 2, S).domain(d0)
                .domain(Scenarios.guest("net", DomainType.PV, 1, CpuMask.of(1), "network-pingpong", Map.of())));
        Map<String, Double> m = r.workloads().get("dom0");
        assertThat(m.get("backendDelayMaxUs")).isLessThanOrEqualTo(101);
        assertThat(m.get("backendDelayP99Us")).isGreaterThan(10);
        assertThat(r.vcpu("dom0", 0).cpuShare()).isGreaterThan(0.5);
    }

    @Test
    void backgroundPeriodWithoutLoadIsRejected() {
        assertThatThrownBy(() -> Models.create(new Dom0BackendProvider(), DomainType.PV, 1, 1,
                Map.of("backgroundPeriod", "5ms")))
                .hasMessageContaining("g.backgroundPeriod").hasMessageContaining("backgroundLoad is 0");
        assertThatThrownBy(() -> Models.create(new Dom0BackendProvider(), DomainType.PV, 1, 1,
                Map.of("backgroundLoad", "1")))
                .hasMessageContaining("g.backgroundLoad").hasMessageContaining("[0.0, 0.95]");
    }
}
