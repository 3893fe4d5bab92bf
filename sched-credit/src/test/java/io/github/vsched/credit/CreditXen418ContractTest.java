package io.github.vsched.credit;

import io.github.vsched.testkit.SchedulerContract;

import java.util.Map;

/** Credit with every modelled switch of Xen 4.18 on also passes the scheduler contract. */
class CreditXen418ContractTest extends SchedulerContract {
    @Override
    protected String schedulerId() {
        return "credit";
    }

    @Override
    protected Map<String, String> schedulerParameters() {
        return Map.of("xenVersion", "4.18");
    }
}
