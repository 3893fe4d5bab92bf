package io.github.vsched.workload;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.SimulationResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.vsched.api.Durations.S;
import static org.assertj.core.api.Assertions.assertThat;

/** Every model is deterministic for a seed: same seed, same run; another seed, other demands. */
class DeterminismTest {

    static Scenario.Builder mixed(long seed) {
        return Scenarios.scenario("mixed", 4, 2 * S).seed(seed)
                .domain(Scenarios.dom0(2, CpuMask.all(4)))
                .domain(Scenarios.guest("winxp", DomainType.HVM, 1, CpuMask.all(4), "video-playback",
                        Map.of("burstDistribution", "lognormal", "burstCv", "0.5")))
                .domain(Scenarios.guest("audio", DomainType.HVM, 1, CpuMask.all(4), "audio-playback",
                        Map.of("burstDistribution", "exponential")))
                .domain(Scenarios.guest("dom1", DomainType.PV, 2, CpuMask.all(4), "kernel-compile", Map.of("jobs", "3")))
                .domain(Scenarios.guest("net", DomainType.PV, 1, CpuMask.all(4), "network-pingpong",
                        Map.of("think", "2ms", "thinkDistribution", "exponential")))
                .domain(Scenarios.guest("idle", DomainType.PV, 1, CpuMask.all(4), "idle", Map.of()))
                .domain(Scenarios.guest("rt", DomainType.PV, 1, CpuMask.all(4), "phases",
                        Map.of("runDistribution", "lognormal", "runCv", "1.0", "period", "7ms")))
                .domain(Scenarios.guest("hog", DomainType.PV, 1, CpuMask.all(4), "cpu-hog", Map.of("yieldEvery", "3ms")));
    }

    @Test
    void sameSeedSameRunOtherSeedOtherDemands() {
        SimulationResult a = Scenarios.run(mixed(5));
        SimulationResult b = Scenarios.run(mixed(5));
        SimulationResult c = Scenarios.run(mixed(6));
        assertThat(b.eventHash()).isEqualTo(a.eventHash());
        assertThat(b.workloads()).isEqualTo(a.workloads());
        assertThat(c.eventHash()).isNotEqualTo(a.eventHash());
        assertThat(c.workloads().get("dom1")).isNotEqualTo(a.workloads().get("dom1"));
        assertThat(c.workloads().get("idle")).isNotEqualTo(a.workloads().get("idle"));
    }
}
