package io.github.vsched.credit2;

import io.github.vsched.core.observe.InvariantViolationException;
import io.github.vsched.testkit.PlantedFaults;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler's dump of its state (Xen's {@code dump_settings} and {@code dump_cpu_state})
 * is part of every invariant violation: with a bug planted that loses a VCPU's wake-up, the
 * message shows what each PCPU runs and the queues the VCPU is missing from.
 */
class Credit2DumpStateTest {
    @Test
    void lostVcpuViolationCarriesTheQueueState() {
        InvariantViolationException e = PlantedFaults.lostWakeUp(new Credit2SchedulerProvider());
        assertThat(e.schedulerState()).contains("pcpu0 (runqueue 0): running h/0{credit=", "runqueue 0 pcpus").doesNotContain("s/0");
    }
}
