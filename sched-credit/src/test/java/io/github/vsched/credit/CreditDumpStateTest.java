package io.github.vsched.credit;

import io.github.vsched.core.observe.InvariantViolationException;
import io.github.vsched.testkit.PlantedFaults;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler's dump of its state (Xen's {@code dump_settings} and {@code dump_cpu_state})
 * is part of every invariant violation: with a bug planted that loses a VCPU's wake-up, the
 * message shows what each PCPU runs and the queues the VCPU is missing from.
 */
class CreditDumpStateTest {
    @Test
    void lostVcpuViolationCarriesTheQueueState() {
        InvariantViolationException e = PlantedFaults.lostWakeUp(new CreditSchedulerProvider());
        assertThat(e.schedulerState()).contains("credit 4.0: tslice 30ms", "pcpu0: running h/0[", "runq:").doesNotContain("s/0");
    }
}
