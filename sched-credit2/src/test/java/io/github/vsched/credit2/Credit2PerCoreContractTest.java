package io.github.vsched.credit2;

import io.github.vsched.testkit.SchedulerContract;

import java.util.Map;

/**
 * Credit2 with one runqueue per core passes the scheduler contract too: on the contract's
 * single-socket machines this is the arrangement where balancing across runqueues (and the
 * migrations it starts) carries the load.
 */
class Credit2PerCoreContractTest extends SchedulerContract {
    @Override
    protected String schedulerId() {
        return Credit2SchedulerProvider.ID;
    }

    @Override
    protected Map<String, String> schedulerParameters() {
        return Map.of("runqueue", "core");
    }
}
