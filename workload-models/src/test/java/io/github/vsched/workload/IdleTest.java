package io.github.vsched.workload;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.Workload;
import io.github.vsched.core.SimulationResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.S;
import static io.github.vsched.api.Durations.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The idle model: tick rates by OS, the dynamic-tick distribution, coalescing under contention. */
class IdleTest {
    static final IdleProvider IDLE = new IdleProvider();

    static SimulationResult run(DomainType type, Map<String, String> p, long slice, boolean hog, long duration) {
        var b = Scenarios.scenario("idle", 1, duration, slice)
                .domain(Scenarios.guest("g", type, 1, CpuMask.of(0), "idle", p));
        if (hog) {
            b.domain(Scenarios.guest("hog", DomainType.PV, 1, CpuMask.of(0), "cpu-hog", Map.of()));
        }
        return Scenarios.run(b);
    }

    /**
     * An HVM guest is Windows XP by default: 64 ticks a second of 5 us each, plus two VM exits
     * of its emulated LAPIC timer per tick (the EOI and re-arming it, 2 us each here).
     */
    @Test
    void windowsTicksAtSixtyFourHertz() {
        SimulationResult r = run(DomainType.HVM, Map.of(), 10 * MS, false, 5 * S);
        assertThat(r.workloads().get("g").get("wakeups")).isEqualTo(320.0);
        assertThat(r.vcpu("g", 0).cpuShare()).isCloseTo(64 * (5e-6 + 2 * Scenarios.VM_EXIT / 1e9), within(3e-6));
        assertThat(r.vcpu("g", 0).dispatchInterval().p50()).isCloseTo(15_625 * US, within(100 * US));
    }

    @Test
    void multimediaTimerTicksAtOneKilohertz() {
        SimulationResult r = run(DomainType.HVM, Map.of("tickHz", "1000"), 10 * MS, false, S);
        assertThat(r.workloads().get("g").get("wakeups")).isEqualTo(1000.0);
    }

    /** A PV guest is Linux 2.6.31 with dynamic ticks: about 5 wake-ups a second (Poisson: 100 +- 30 in 20 s). */
    @Test
    void linuxWakesAFewTimesASecond() {
        SimulationResult r = run(DomainType.PV, Map.of(), 10 * MS, false, 20 * S);
        assertThat(r.workloads().get("g").get("wakeups")).isBetween(70.0, 130.0);
        assertThat(r.vcpu("g", 0).cpuShare()).isLessThan(1e-4);
        SimulationResult never = run(DomainType.PV, Map.of("wakeupsPerSecond", "0"), 10 * MS, false, S);
        assertThat(never.workloads().get("g").get("wakeups")).isZero();
        assertThat(never.vcpu("g", 0).runningNs()).isZero();
    }

    /** KS (alpha 0.01, fixed seed): the gaps between dynamic-tick wake-ups are exponential with mean 1/rate. */
    @Test
    void linuxWakeupGapsAreExponential() {
        Workload w = Models.create(IDLE, DomainType.PV, 1, 21, Map.of("wakeupsPerSecond", "20", "tickCpu", "0ns"));
        SoloDriver d = new SoloDriver(w.vcpu(0)).runUntil(150 * S);
        double[] gaps = new double[d.blocks.size() - 1];
        for (int i = 1; i < d.blocks.size(); i++) {
            gaps[i - 1] = d.blocks.get(i) - d.blocks.get(i - 1);
        }
        assertThat(gaps.length).isGreaterThan(2000);
        assertThat(Stats.ks(gaps, x -> 1 - Math.exp(-x / 50e6))).isLessThan(Stats.ksCritical(gaps.length));
    }

    /**
     * Sharing a PCPU with a hog under 30 ms round-robin slices, a 64 Hz Windows VCPU runs only
     * every 30 ms or so and coalesces the ticks it missed: it handles about half of them.
     */
    @Test
    void missedTicksAreCoalescedUnderContention() {
        double handled = run(DomainType.HVM, Map.of(), 30 * MS, true, 5 * S).workloads().get("g").get("wakeups");
        assertThat(handled).isLessThan(0.6 * 320).isGreaterThan(0.3 * 320);
    }

    @Test
    void parametersOfTheOtherOsAreRejected() {
        assertThatThrownBy(() -> Models.create(IDLE, DomainType.PV, 1, 1, Map.of("tickHz", "1000")))
                .hasMessageContaining("g.tickHz").hasMessageContaining("the guest is linux");
        assertThatThrownBy(() -> Models.create(IDLE, DomainType.HVM, 1, 1, Map.of("wakeupsPerSecond", "3")))
                .hasMessageContaining("g.wakeupsPerSecond").hasMessageContaining("the guest is windows");
        // explicit os overrides the domain type
        Models.create(IDLE, DomainType.PV, 1, 1, Map.of("os", "windows", "tickHz", "1000"));
        assertThatThrownBy(() -> Models.create(IDLE, DomainType.PV, 1, 1, Map.of("os", "macos")))
                .hasMessageContaining("g.os").hasMessageContaining("auto, linux, windows");
    }
}
