package io.github.vsched.api;

import java.util.List;

/**
 * A {@link java.util.ServiceLoader} service that creates a {@link Scheduler} (Xen's
 * registration of a {@code struct scheduler} with {@code sched=<id>}).
 */
public interface SchedulerProvider extends Provider {

    /**
     * Creates the scheduler of one simulated machine.
     *
     * @param context the scheduler's only way to reach the engine
     * @param params  values of {@link #parameters()}, validated against their ranges
     * @throws InvalidParameterException for combinations the ranges cannot express
     */
    Scheduler create(SchedulerContext context, Parameters params);

    /** Parameters set per domain (e.g. credit's {@code weight} and {@code cap}). */
    default List<ParameterSpec> domainParameters() {
        return List.of();
    }

    /** Parameters set per VCPU (e.g. soft real-time settings). */
    default List<ParameterSpec> vcpuParameters() {
        return List.of();
    }

    /**
     * The longest a runnable VCPU may wait for a PCPU it is allowed on, under this
     * scheduler's parameters, when at most {@code runnablePerPcpu} runnable VCPUs of equal
     * weight compete for each PCPU. The test kit checks it. {@link Long#MAX_VALUE} means no
     * promise.
     */
    default long starvationBoundNs(Parameters params, int runnablePerPcpu) {
        return Long.MAX_VALUE;
    }
}
