package io.github.vsched.testkit;

/** The reference round-robin scheduler passes the contract. */
class RoundRobinContractTest extends SchedulerContract {
    @Override
    protected String schedulerId() {
        return "round-robin";
    }
}
