package io.github.vsched.testkit;

import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.observe.InvariantViolationException;
import io.github.vsched.core.rr.RoundRobinProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The reference round-robin scheduler's promises, checked with the test kit: equal shares for
 * equal hogs, an idle PCPU taking a wake-up at once, a starvation bound from the slice in force,
 * and its queues in the message of a planted lost wake-up.
 */
class RoundRobinTestKitTest {
    private static final long MS = 1_000_000L;

    @Test
    void threeHogsOnOnePcpuGetAThirdEach() {
        Recording r = SchedulerTestKit.scheduler("round-robin").param("slice", "2ms")
                .domain("a", 1, Guests::hog).domain("b", 1, Guests::hog).domain("c", 1, Guests::hog)
                .duration(600 * MS).run();
        for (String v : new String[]{"a/0", "b/0", "c/0"}) {
            Guarantees.of(r).share(v, 1.0 / 3, 0.02).holds();
        }
    }

    @Test
    void aWakeUpRunsAtOnceOnAnIdlePcpu() {
        Recording r = SchedulerTestKit.scheduler("round-robin").pcpus(2)
                .domain("hog", 1, Guests::hog)
                .domain("sleeper", 1, () -> Guests.sleeper(MS, 3 * MS))
                .duration(200 * MS).run();
        Guarantees.of(r).wakeLatency("sleeper/0", 50_000).holds();
    }

    @Test
    void theStarvationBoundFollowsTheSliceInForce() {
        RoundRobinProvider p = new RoundRobinProvider();
        io.github.vsched.api.Parameters ten = io.github.vsched.api.Parameters.resolve("scheduler round-robin",
                p.parameters(), Map.of(), 0);
        io.github.vsched.api.Parameters one = io.github.vsched.api.Parameters.resolve("scheduler round-robin",
                p.parameters(), Map.of("slice", "1ms"), 0);
        assertThat(p.starvationBoundNs(io.github.vsched.api.ParametersInForce.of(ten), 3)).isEqualTo(61 * MS);
        assertThat(p.starvationBoundNs(io.github.vsched.api.ParametersInForce.of(one), 3)).isEqualTo(7 * MS);
    }

    @Test
    void aLostWakeUpIsCaughtWithTheQueuesInTheMessage() {
        InvariantViolationException e = catchThrowableOfType(InvariantViolationException.class,
                () -> SchedulerTestKit.scheduler(PlantedFaults.losesWakeUp(new RoundRobinProvider(), "s/0", 5 * MS))
                        .domain("h", 1, Guests::hog)
                        .domain("s", 1, () -> Guests.sleeper(MS, 2 * MS))
                        .duration(50 * MS).run());
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("s/0 is runnable but neither running nor queued (lost)")
                .contains("scheduler state:\n  round-robin: slice 10ms\n  pcpu0: running h/0; queue: empty");
    }
}
