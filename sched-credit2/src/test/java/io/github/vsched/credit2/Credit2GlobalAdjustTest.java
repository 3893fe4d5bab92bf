package io.github.vsched.credit2;

import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.core.Adjustment;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.guest.Guests;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code csched2_sys_cntl} ({@code xl sched-credit2 -s -r R}, 4.19 credit2.c): the rate limit, and
 * only it, changes during a run; 0 turns it off, 1-99 and above 500 000 us are refused.
 */
class Credit2GlobalAdjustTest {
    private static final long MS = 1_000_000L;

    private static Scenario.Builder twoHogs() {
        return Scenario.builder("sys_cntl").duration(100 * MS).checked(true).platform(FixedCostPlatform.ideal(2))
                .scheduler(Credit2SchedulerProvider.ID, Map.of())
                .domain(DomainSpec.builder("a").vcpus(3).workload("hog", Guests.workload(i -> Guests.hog())).build());
    }

    @Test
    void sysCntlSetsTheRateLimitDuringARun() {
        Simulation sim = Simulations.create(twoHogs().adjust(Adjustment.scheduler(50 * MS, Map.of("ratelimitUs", "0")))
                .build());
        Credit2Scheduler s = (Credit2Scheduler) sim.scheduler();
        sim.runUntil(49 * MS);
        assertThat(s.ratelimitNs()).isEqualTo(MS); // Xen's default, 1000 us
        sim.runUntil(60 * MS);
        assertThat(s.ratelimitNs()).isZero();
        assertThat(sim.adjustScheduler(Map.of("ratelimitUs", "2000"))).isTrue();
        assertThat(s.ratelimitNs()).isEqualTo(2 * MS);
        sim.run();
    }

    @Test
    void sysCntlRefusesARateLimitOutOfRangeAndOtherParameters() {
        Simulation sim = Simulations.create(twoHogs().build());
        Credit2Scheduler s = (Credit2Scheduler) sim.scheduler();
        sim.runUntil(10 * MS);
        assertThatThrownBy(() -> sim.adjustScheduler(Map.of("ratelimitUs", "50")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("[100, 500000]");
        assertThatThrownBy(() -> sim.adjustScheduler(Map.of("runqueue", "cpu")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("runqueue")
                .hasMessageContaining("changes only ratelimitUs");
        assertThat(s.ratelimitNs()).isEqualTo(MS);
        assertThat(sim.parametersInForce().scheduler().choice("runqueue")).isEqualTo("socket");
    }
}
