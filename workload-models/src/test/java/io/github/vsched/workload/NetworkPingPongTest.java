package io.github.vsched.workload;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.Workload;
import io.github.vsched.core.SimulationResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.vsched.api.Durations.S;
import static io.github.vsched.api.Durations.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The ping-pong model: round trip by hand on an idle machine, a busy dom0, the think-time distribution. */
class NetworkPingPongTest {
    static final NetworkPingPongProvider PINGPONG = new NetworkPingPongProvider();

    /**
     * Idle machine, dom0 on its own PCPU: the notification (5 us), netback (20 us), the NIC
     * (300 us), the interrupt and netback (23 us), the notification back (5 us): 353 us; with the
     * 10 us response processing, 1 / 363 us = 2755 exchanges a second.
     */
    @Test
    void roundTripOnAnIdleMachineIsTheSumOfThePath() {
        SimulationResult r = Scenarios.run(Scenarios.scenario("pingpong", 2, S)
                .domain(Scenarios.dom0(1, CpuMask.of(0)))
                .domain(Scenarios.guest("net", DomainType.PV, 1, CpuMask.of(1), "network-pingpong", Map.of())));
        Map<String, Double> m = r.workloads().get("net");
        assertThat(m.get("rttP50Us")).isCloseTo(353, within(2.0));
        assertThat(m.get("rttMeanUs")).isCloseTo(353, within(2.0));
        assertThat(m.get("rttMaxUs")).isCloseTo(353, within(2.0));
        assertThat(m.get("exchangesPerSecond")).isCloseTo(1e6 / 363, within(5.0));
        assertThat(r.workloads().get("dom0").get("requests")).isCloseTo(m.get("exchanges"), within(1.0));
    }

    /**
     * dom0 shares its PCPU with a hog under 10 ms round-robin: each request and each completion
     * waits for the hog's slice, so the round trip grows by an order of magnitude and the rate
     * falls accordingly.
     */
    @Test
    void aBusyDom0StretchesTheRoundTrip() {
        SimulationResult r = Scenarios.run(Scenarios.scenario("pingpong-busy", 2, S)
                .domain(Scenarios.dom0(1, CpuMask.of(0)))
                .domain(Scenarios.guest("net", DomainType.PV, 1, CpuMask.of(1), "network-pingpong", Map.of()))
                .domain(Scenarios.guest("hog", DomainType.PV, 1, CpuMask.of(0), "cpu-hog", Map.of())));
        Map<String, Double> m = r.workloads().get("net");
        assertThat(m.get("rttP50Us")).isGreaterThan(5000);
        assertThat(m.get("exchangesPerSecond")).isLessThan(200);
        assertThat(r.workloads().get("dom0").get("backendDelayP50Us")).isGreaterThan(1000);
    }

    /** KS (alpha 0.01, fixed seed): exponential think times between a response's processing and the next request. */
    @Test
    void exponentialThinkTimes() {
        Workload w = Models.create(PINGPONG, DomainType.PV, 1, 4, Map.of("think", "1ms", "thinkDistribution", "exponential"));
        SoloDriver d = new SoloDriver(w.vcpu(0)).ioLatency(100 * US).runUntil(3 * S);
        double[] think = new double[d.computes.size() - 1];
        for (int i = 0; i < think.length; i++) {
            long[] c = d.computes.get(i);
            think[i] = d.ios.get(i + 1)[0] - (c[0] + c[1]);
        }
        assertThat(think.length).isGreaterThan(2000);
        assertThat(Stats.ks(think, x -> 1 - Math.exp(-x / 1e6))).isLessThan(Stats.ksCritical(think.length));
        assertThat(w.metrics(3 * S).get("rttP50Us")).isCloseTo(100, within(1.0));
    }

    @Test
    void exponentialThinkNeedsAMean() {
        assertThatThrownBy(() -> Models.create(PINGPONG, DomainType.PV, 1, 1, Map.of("thinkDistribution", "exponential")))
                .hasMessageContaining("g.think").hasMessageContaining("a positive mean with thinkDistribution=exponential");
        assertThatThrownBy(() -> Models.create(PINGPONG, DomainType.PV, 1, 1, Map.of("bytes", "0")))
                .hasMessageContaining("g.bytes");
        Models.create(PINGPONG, DomainType.PV, 1, 1, Map.of("think", "5ms"));
    }
}
