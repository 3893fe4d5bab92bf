package io.github.vsched.arinc653;

import io.github.vsched.testkit.SchedulerContract;

import java.util.Map;

/**
 * ARINC 653 passes the test kit's scheduler contract in checked mode, with a schedule that gives
 * every VCPU of the contract's scenarios a 1 ms minor frame (entries naming a VCPU a scenario
 * lacks leave their frame idle, as in Xen). Under the default schedule only the first domain's
 * VCPUs have frames and the others never run by design (reference section 3.3), which the
 * contract's "every CPU hog makes progress" cannot allow for.
 */
class Arinc653ContractTest extends SchedulerContract {
    private static final String SCHEDULE = String.join(",",
            "hogs/0:1ms", "hogs/1:1ms", "hogs/2:1ms", "hogs/3:1ms", "hogs/4:1ms", "hogs/5:1ms",
            "a/0:1ms", "b/0:1ms", "c/0:1ms", "hog/0:1ms", "hog/1:1ms", "hog/2:1ms",
            "sleepers/0:1ms", "sleepers/1:1ms", "sleepers/2:1ms",
            "io/0:1ms", "io/1:1ms", "io/2:1ms", "io/3:1ms", "io/4:1ms", "io/5:1ms",
            "pinned0/0:1ms", "pinned0/1:1ms", "pinned1/0:1ms", "yield/0:1ms", "yield/1:1ms",
            "periodic/0:1ms", "periodic/1:1ms", "periodic/2:1ms", "periodic/3:1ms");

    @Override
    protected String schedulerId() {
        return Arinc653SchedulerProvider.ID;
    }

    @Override
    protected Map<String, String> schedulerParameters() {
        return Map.of(Arinc653SchedulerProvider.SCHEDULE, SCHEDULE);
    }
}
