package ${package};

import io.github.vsched.api.Capability;
import io.github.vsched.api.Durations;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.SchedulerProvider;

import java.util.List;
import java.util.Set;

/** Registers the {@code ${schedulerId}} scheduler (see META-INF/services). */
public final class ${className}Provider implements SchedulerProvider {
    @Override
    public String id() {
        return "${schedulerId}";
    }

    @Override
    public String description() {
        return "one run queue shared by all PCPUs, first come first served, fixed slice";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.duration("slice", 5 * Durations.MS, 100 * Durations.US, Durations.S,
                "how long a VCPU runs before the next one in the shared queue"));
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.WORK_CONSERVING, Capability.SMP, Capability.AFFINITY);
    }

    /** A waiting VCPU is behind at most one slice of every other runnable VCPU, plus latencies. */
    @Override
    public long starvationBoundNs(Parameters params, int runnablePerPcpu) {
        return 2L * runnablePerPcpu * params.duration("slice") + Durations.MS;
    }

    @Override
    public Scheduler create(SchedulerContext context, Parameters params) {
        return new ${className}Scheduler(context, params.duration("slice"));
    }
}
