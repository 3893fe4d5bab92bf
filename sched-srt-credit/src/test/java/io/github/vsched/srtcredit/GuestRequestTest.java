package io.github.vsched.srtcredit;

import io.github.vsched.api.DomainType;
import io.github.vsched.api.Hypercall;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.Simulations;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.vsched.api.Durations.S;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guest's way in: the video-playback workload with {@code requestRealtime} asks srt-credit
 * for soft real-time treatment by hypercall when playback starts; srt-credit admits it and
 * LL-boosts the VCPU from then on, without any administrator setting.
 */
class GuestRequestTest {

    @Test
    void videoPlayerAsksByHypercallAndIsLlBoosted() {
        Scenario s = Scenario.builder("request").duration(S).platform(FixedCostPlatform.ideal(2))
                .scheduler("srt-credit", Map.of())
                .domain(DomainSpec.builder("dom0").workload("dom0-backend", Map.of()).build())
                .domain(DomainSpec.builder("winxp").type(DomainType.HVM)
                        .workload("video-playback", Map.of("requestRealtime", "true", "sbt", "100us", "usbt", "2.3ms"))
                        .build())
                .build();
        Simulation sim = Simulations.create(s);
        SimulationResult r = sim.run();
        SrtCreditExtension e = SrtCreditExtension.of(sim.scheduler());
        assertThat(r.workloads().get("winxp").get("realtimeGranted")).isEqualTo(1.0);
        assertThat(r.workloads().get("winxp").get("realtimeResult")).isEqualTo((double) Hypercall.OK);
        assertThat(e.isSoftRealtime(sim.vcpu("winxp", 0))).isTrue();
        // one LL-boost per 2.3 ms period, about 430 in a second
        assertThat(e.counters(sim.vcpu("winxp", 0)).grants()).isBetween(400L, 440L);
    }
}
