package io.github.vsched.credit;

import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.observe.InvariantViolationException;
import io.github.vsched.testkit.PlantedFaults;
import io.github.vsched.testkit.SchedulerTestKit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The scheduler's dump of its state (Xen's {@code dump_settings} and {@code dump_cpu_state})
 * is part of every invariant violation: with a bug planted that loses a VCPU's wake-up, the
 * message shows what each PCPU runs and the queues the VCPU is missing from.
 */
class CreditDumpStateTest {
    private static final long MS = 1_000_000L;

    @Test
    void lostVcpuViolationCarriesTheQueueState() {
        InvariantViolationException e = catchThrowableOfType(InvariantViolationException.class,
                () -> SchedulerTestKit.scheduler(PlantedFaults.losesWakeUp(new CreditSchedulerProvider(), "s/0", 5 * MS))
                        .domain("h", 1, Guests::hog)
                        .domain("s", 1, () -> Guests.sleeper(MS, 2 * MS))
                        .duration(50 * MS).run());
        assertThat(e).as("checked mode stops the run").isNotNull();
        assertThat(e.getMessage()).contains("s/0 is runnable but neither running nor queued (lost)")
                .contains("\nscheduler state:\n");
        assertThat(e.schedulerState()).contains("credit 4.0: tslice 30ms", "pcpu0: running h/0[", "runq:").doesNotContain("s/0");
    }
}
