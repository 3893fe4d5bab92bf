package io.github.vsched.credit;

import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.core.Adjustment;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code csched_sys_cntl} (Xen 4.2+, {@code xl sched-credit -s -t T -r R}): the tslice and the rate
 * limit change during a run, checked as Xen checks them; nothing else does, and Xen 4.0's credit
 * has no {@code adjust_global} at all.
 */
class CreditGlobalAdjustTest {
    private static final long MS = 1_000_000L;

    private static Scenario.Builder twoHogs(String xenVersion) {
        return Scenario.builder("sys_cntl").duration(400 * MS).checked(true).platform(FixedCostPlatform.ideal(1))
                .scheduler(CreditSchedulerProvider.ID, Map.of("xenVersion", xenVersion, "tickPhase", "aligned"))
                .domain(DomainSpec.builder("a").workload("hog", Guests.workload(i -> Guests.hog())).build())
                .domain(DomainSpec.builder("b").workload("hog", Guests.workload(i -> Guests.hog())).build());
    }

    /** The longest run of a guest VCPU that started in [from, to). */
    private static long longestRun(PcpuTimeline t, long from, long to) {
        long max = 0;
        for (PcpuTimeline.Segment s : t.segments()) {
            if (!s.idle() && s.start() >= from && s.start() < to && s.ended() != PcpuTimeline.End.RUN_END) {
                max = Math.max(max, s.lengthNs());
            }
        }
        return max;
    }

    @Test
    void sysCntlSetsTheTsliceAndRateLimitDuringARunAndTheSlicesFollow() {
        Simulation sim = Simulations.create(twoHogs("4.2").adjust(Adjustment.scheduler(200 * MS,
                Map.of("tsliceMs", "10", "ratelimitUs", "500"))).build());
        PcpuTimeline t = new PcpuTimeline();
        sim.addListener(t);
        sim.run();
        CreditConfig c = ((CreditScheduler) sim.scheduler()).config();
        assertThat(c.tsliceNs()).isEqualTo(10 * MS);
        assertThat(c.tickPeriodNs()).isEqualTo(3_333_000L); // __csched_set_tslice: 10 ms / 3 ticks, whole us
        assertThat(c.ratelimitNs()).isEqualTo(500_000L);
        assertThat(sim.parametersInForce().scheduler().integer("tsliceMs")).isEqualTo(10);
        // two hogs on one PCPU run a tslice each: 30 ms before, 10 ms once the change has reached the ticks
        assertThat(longestRun(t, 0, 200 * MS)).isEqualTo(30 * MS);
        assertThat(longestRun(t, 250 * MS, 400 * MS)).isEqualTo(10 * MS);
    }

    @Test
    void xen40sCreditHasNoAdjustGlobal() {
        Simulation sim = Simulations.create(twoHogs("4.0").build());
        sim.runUntil(10 * MS);
        assertThatThrownBy(() -> sim.adjustScheduler(Map.of("tsliceMs", "10")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Xen 4.0's credit has no adjust_global");
        assertThat(((CreditScheduler) sim.scheduler()).config().tsliceNs()).isEqualTo(30 * MS);
    }

    @Test
    void sysCntlRefusesARateLimitAboveTheTsliceAndChangesOfOtherParameters() {
        Simulation sim = Simulations.create(twoHogs("4.2").build());
        sim.runUntil(10 * MS);
        assertThatThrownBy(() -> sim.adjustScheduler(Map.of("tsliceMs", "2", "ratelimitUs", "5000")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("ratelimitUs").hasMessageContaining("'5000'").hasMessageContaining("at most the tslice, 2ms");
        assertThatThrownBy(() -> sim.adjustScheduler(Map.of("tickPhase", "random")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("tickPhase").hasMessageContaining("changes only tsliceMs and ratelimitUs");
        // and a rate limit Xen refuses anyway, 1-99 us
        assertThatThrownBy(() -> sim.adjustScheduler(Map.of("ratelimitUs", "50")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("ratelimitUs");
        assertThat(((CreditScheduler) sim.scheduler()).config().tsliceNs()).isEqualTo(30 * MS);
        assertThat(sim.parametersInForce().scheduler().integer("tsliceMs")).isEqualTo(30);
        List<?> none = sim.refusals();
        assertThat(none).isEmpty();
    }
}
