package org.example.sched;

import io.github.vsched.testkit.SchedulerContract;

/** The plugin passes vsched's scheduler contract. */
class GlobalFifoContractTest extends SchedulerContract {
    @Override
    protected String schedulerId() {
        return "global-fifo";
    }
}
