package ${package};

import io.github.vsched.testkit.SchedulerContract;

/** The plugin passes vsched's scheduler contract. */
class ${className}ContractTest extends SchedulerContract {
    @Override
    protected String schedulerId() {
        return "${schedulerId}";
    }
}
