package io.github.vsched.rtds;

import io.github.vsched.testkit.SchedulerContract;

/** RTDS with Xen's default servers (4 ms every 10 ms, extratime) passes the scheduler contract. */
class RtdsContractTest extends SchedulerContract {
    @Override
    protected String schedulerId() {
        return RtdsSchedulerProvider.ID;
    }
}
