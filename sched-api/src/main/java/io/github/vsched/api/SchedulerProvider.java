package io.github.vsched.api;

import java.util.List;
import java.util.Set;

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

    /**
     * Checks a combination of scheduler-wide parameters that their ranges cannot express (Xen's
     * checks in {@code XEN_SYSCTL_SCHEDOP_putinfo}, e.g. credit's rate limit against its
     * tslice). Called with every value resolved (given, defaulted), before {@link #create} and
     * before a change during a run reaches the scheduler; it must only look at its arguments.
     * Refuse by throwing an {@link InvalidParameterException} that names the offending
     * parameter by its plain name ({@code "ratelimitUs"}), the value and what is allowed: the
     * engine qualifies the name with its owner, so {@code vsched validate} and a run report the
     * refusal at the line and column of the value in the scenario file. It runs in every mode,
     * checked or not, and checked mode demands nothing more of it. Xen's counterpart is the
     * {@code -EINVAL} of the scheduler's {@code adjust_global}.
     *
     * @param params the scheduler-wide parameters
     * @throws InvalidParameterException for a combination the scheduler refuses
     */
    default void validate(Parameters params) {
    }

    /**
     * Checks a combination of one domain's parameters, as {@link #validate} (RTDS: the
     * domain's budget at most its period, {@code rt_dom_cntl}'s check for
     * {@code XEN_DOMCTL_SCHEDOP_putinfo}). Called when the domain is created and before a change
     * of its parameters during a run; a refusal rejects the domain (at creation) or the change.
     *
     * @param params the scheduler-wide parameters
     * @param domain the domain's parameters, inherited values included
     * @throws InvalidParameterException naming the offending per-domain parameter
     */
    default void validateDomain(Parameters params, Parameters domain) {
    }

    /**
     * Checks a combination of one VCPU's parameters, as {@link #validate} (RTDS: budget at
     * most period, {@code XEN_DOMCTL_SCHEDOP_putvcpuinfo}). Name the parameter the VCPU set
     * itself where you can: a parameter it inherited is reported at the domain's value.
     *
     * @param params the scheduler-wide parameters
     * @param domain the VCPU's domain's parameters
     * @param vcpu   the VCPU's parameters, inherited values included
     * @throws InvalidParameterException naming the offending per-VCPU parameter
     */
    default void validateVcpu(Parameters params, Parameters domain, Parameters vcpu) {
    }

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

    /**
     * What the scheduler does or promises with every parameter in force: scheduler-wide, per
     * domain and per VCPU. A subset of {@link #capabilities()}, which lists what it can do with
     * some parameters. The test kit's contract checks {@link Capability#WORK_CONSERVING} only
     * when this says so; {@code Simulation.capabilities()} answers it for a running machine.
     * Called by the test kit and by whoever asks a simulation ({@code Simulation.capabilities()})
     * with the parameters in force at that moment; it should be cheap and must not keep the
     * argument. Checked mode does not check the answer (a capability is a promise, not an
     * invariant); the test kit's contract does. Xen has no such call: its schedulers state their
     * promises only in comments.
     *
     * <p>The default answers {@link #capabilities(Parameters)} of the scheduler-wide parameters.
     * RTDS overrides it: work conserving only if every VCPU has extratime.
     *
     * @param inForce the parameters of the machine, as resolved
     */
    default Set<Capability> capabilities(ParametersInForce inForce) {
        return capabilities(inForce.scheduler());
    }

    /**
     * {@link #starvationBoundNs(Parameters, int)} with every parameter in force, per domain and
     * per VCPU too (RTDS's bound comes from the VCPUs' budgets and periods). The test kit's
     * contract checks this one, with the parameters in force when the run starts; checked mode
     * does not (it is a promise, not an invariant). Xen has no such call. {@link Long#MAX_VALUE}
     * means no promise.
     *
     * <p>The default answers {@link #starvationBoundNs(Parameters, int)} of the scheduler-wide
     * parameters.
     *
     * @param inForce         the parameters of the machine, as resolved
     * @param runnablePerPcpu the most runnable VCPUs that compete for one PCPU
     */
    default long starvationBoundNs(ParametersInForce inForce, int runnablePerPcpu) {
        return starvationBoundNs(inForce.scheduler(), runnablePerPcpu);
    }
}
