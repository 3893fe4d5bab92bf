package io.github.vsched.srtcredit;

import io.github.vsched.testkit.SchedulerContract;

/** srt-credit passes the scheduler contract (no VCPU is soft real-time in its scenarios). */
class SrtCreditContractTest extends SchedulerContract {
    @Override
    protected String schedulerId() {
        return "srt-credit";
    }
}
