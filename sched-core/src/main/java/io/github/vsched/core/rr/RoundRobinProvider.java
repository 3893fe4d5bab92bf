package io.github.vsched.core.rr;

import io.github.vsched.api.Capability;
import io.github.vsched.api.Durations;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.SchedulerProvider;

import java.util.List;
import java.util.Set;

/** Provider of the {@code round-robin} scheduler. */
public final class RoundRobinProvider implements SchedulerProvider {
    /** The slice parameter's name. */
    public static final String SLICE = "slice";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.duration(SLICE, 10 * Durations.MS, 100 * Durations.US, Durations.S,
                    "time a VCPU runs before the next queued VCPU gets the PCPU"));

    @Override
    public String id() {
        return "round-robin";
    }

    @Override
    public String description() {
        return "FIFO per PCPU with a fixed slice; idle PCPUs steal (a minimal reference scheduler)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.WORK_CONSERVING, Capability.AFFINITY, Capability.SMP, Capability.CPUPOOLS);
    }

    /** Each of the other runnable VCPUs may run one slice first; doubled for imbalance and IPIs. */
    @Override
    public long starvationBoundNs(Parameters params, int runnablePerPcpu) {
        return 2L * Math.max(1, runnablePerPcpu) * params.duration(SLICE) + Durations.MS;
    }

    @Override
    public Scheduler create(SchedulerContext context, Parameters params) {
        return new RoundRobinScheduler(context, params.duration(SLICE));
    }
}
