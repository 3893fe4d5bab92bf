package io.github.vsched.rtds;

import io.github.vsched.api.Durations;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.testkit.Guarantees;
import io.github.vsched.testkit.Recording;
import io.github.vsched.testkit.SchedulerTestKit;
import org.junit.jupiter.api.Test;

import static io.github.vsched.api.Durations.MS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RTDS's promise, checked as a guarantee: a server of budget B and period P gets B in every
 * period even against a hog that never blocks; without extratime it gets no more, and the other
 * server, with extratime (Xen's default), takes the rest of the PCPU.
 */
class RtdsGuaranteeTest {
    static Recording reservedBesideAHog(boolean extratime) {
        return SchedulerTestKit.scheduler("rtds")
                .domain("rt", 1, Guests::hog, d -> d.vcpuSchedulerParam(0, "budget", "3ms")
                        .vcpuSchedulerParam(0, "period", "10ms").vcpuSchedulerParam(0, "extratime", Boolean.toString(extratime)))
                .domain("hog", 1, Guests::hog, d -> d.vcpuSchedulerParam(0, "budget", "5ms")
                        .vcpuSchedulerParam(0, "period", "10ms"))
                .duration(Durations.S).run();
    }

    @Test
    void aServerGetsItsBudgetInEveryPeriod() {
        Guarantees.of(reservedBesideAHog(false)).reservation("rt/0", 3 * MS, 10 * MS, 10_000).holds();
    }

    @Test
    void withoutExtratimeAServerGetsNoMoreThanItsBudget() {
        Guarantees g = Guarantees.of(reservedBesideAHog(false));
        g.share("rt/0", 0.3, 0.01).holds();
        g.share("hog/0", 0.7, 0.01).holds();
    }

    @Test
    void withExtratimeBothServersShareTheSlack() {
        Guarantees g = Guarantees.of(reservedBesideAHog(true));
        g.reservation("rt/0", 3 * MS, 10 * MS, 10_000).holds();
        g.reservation("hog/0", 5 * MS, 10 * MS, 10_000).holds();
        Recording r = reservedBesideAHog(true);
        assertThat(r.result().vcpu("rt", 0).cpuShare()).isGreaterThan(0.31); // its budget and part of the slack
    }
}
