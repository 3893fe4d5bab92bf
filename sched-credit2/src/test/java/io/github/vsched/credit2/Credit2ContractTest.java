package io.github.vsched.credit2;

import io.github.vsched.testkit.SchedulerContract;

/** Credit2 with Xen 4.19's defaults (one runqueue per socket) passes the scheduler contract. */
class Credit2ContractTest extends SchedulerContract {
    @Override
    protected String schedulerId() {
        return Credit2SchedulerProvider.ID;
    }
}
