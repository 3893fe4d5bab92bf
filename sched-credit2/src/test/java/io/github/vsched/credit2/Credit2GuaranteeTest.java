package io.github.vsched.credit2;

import io.github.vsched.api.Durations;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.testkit.Guarantees;
import io.github.vsched.testkit.Recording;
import io.github.vsched.testkit.SchedulerTestKit;
import org.junit.jupiter.api.Test;

/**
 * Credit2's promises, checked as guarantees over a simulated second (reference sections 8 and 9):
 * busy VCPUs of one runqueue share it in proportion to their weights, and a capped domain gets
 * its cap and no more, even alone on the machine.
 */
class Credit2GuaranteeTest {

    @Test
    void busyVcpusShareInProportionToTheirWeights() {
        Recording r = SchedulerTestKit.scheduler(Credit2SchedulerProvider.ID)
                .domain("heavy", 1, Guests::hog, d -> d.schedulerParam("weight", "512"))
                .domain("light", 1, Guests::hog, d -> d.schedulerParam("weight", "256"))
                .duration(Durations.S).run();
        Guarantees g = Guarantees.of(r);
        g.share("heavy", 2.0 / 3, 0.02).holds();
        g.share("light", 1.0 / 3, 0.02).holds();
    }

    @Test
    void cappedDomainGetsItsCapAndNoMore() {
        Recording r = SchedulerTestKit.scheduler(Credit2SchedulerProvider.ID).pcpus(2)
                .domain("capped", 2, Guests::hog, d -> d.schedulerParam("cap", "50"))
                .duration(Durations.S).run();
        Guarantees.of(r).share("capped", 0.5, 0.01).holds();
    }
}
