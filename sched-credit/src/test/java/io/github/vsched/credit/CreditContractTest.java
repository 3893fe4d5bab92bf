package io.github.vsched.credit;

import io.github.vsched.testkit.SchedulerContract;

/** Credit (Xen 4.0 defaults) passes the test kit's scheduler contract in checked mode. */
class CreditContractTest extends SchedulerContract {
    @Override
    protected String schedulerId() {
        return "credit";
    }
}
