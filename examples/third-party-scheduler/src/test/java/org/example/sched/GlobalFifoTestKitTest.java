package org.example.sched;

import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.observe.InvariantViolationException;
import io.github.vsched.testkit.Guarantees;
import io.github.vsched.testkit.PlantedFaults;
import io.github.vsched.testkit.Recording;
import io.github.vsched.testkit.SchedulerTestKit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The scheduler's promises, checked with vsched's test kit in checked mode. */
class GlobalFifoTestKitTest {
    private static final long MS = 1_000_000L;

    /** First come first served with one slice: two CPU hogs on one PCPU get half of it each. */
    @Test
    void twoHogsShareOnePcpuEqually() {
        Recording r = SchedulerTestKit.scheduler("global-fifo")
                .domain("a", 1, Guests::hog)
                .domain("b", 1, Guests::hog)
                .duration(1_000 * MS).run();
        Guarantees.of(r).share("a/0", 0.5, 0.02).holds();
        Guarantees.of(r).share("b/0", 0.5, 0.02).holds();
    }

    /** A wake-up tickles an idle PCPU: the sleeper runs within the IPI and switch costs. */
    @Test
    void aWakingVcpuRunsAtOnceOnAnIdlePcpu() {
        Recording r = SchedulerTestKit.scheduler("global-fifo").pcpus(2)
                .domain("hog", 1, Guests::hog)
                .domain("sleeper", 1, () -> Guests.sleeper(MS, 3 * MS))
                .duration(200 * MS).run();
        Guarantees.of(r).wakeLatency("sleeper/0", 50_000).holds();
    }

    /** With a lost wake-up planted, checked mode stops the run and shows the shared queue. */
    @Test
    void aLostWakeUpIsCaughtWithTheQueueInTheMessage() {
        InvariantViolationException e = catchThrowableOfType(InvariantViolationException.class,
                () -> SchedulerTestKit.scheduler(PlantedFaults.losesWakeUp(new GlobalFifoProvider(), "sleeper/0", 5 * MS))
                        .domain("hog", 1, Guests::hog)
                        .domain("sleeper", 1, () -> Guests.sleeper(MS, 2 * MS))
                        .duration(50 * MS).run());
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("sleeper/0 is runnable but neither running nor queued (lost)");
        assertThat(e.schedulerState()).contains("pcpu0: running ").contains("queue:");
    }
}
