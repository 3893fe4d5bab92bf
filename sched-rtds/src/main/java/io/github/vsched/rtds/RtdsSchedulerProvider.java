package io.github.vsched.rtds;

import io.github.vsched.api.Capability;
import io.github.vsched.api.Durations;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.ParametersInForce;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.SchedulerProvider;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code rtds} scheduler plugin: Xen's RTDS scheduler ({@code sched=rtds}) as of Xen 4.19,
 * global EDF over one budget/period server per VCPU with event-driven replenishment and
 * extratime. Its parameters are per domain ({@code xl sched-rtds -d D -p P -b B}: every VCPU's
 * server) and per VCPU ({@code xl sched-rtds -d D -v N -p P -b B -e E}, the period and budget
 * inherited from the domain unless set); it has no scheduler-wide ones.
 */
public final class RtdsSchedulerProvider implements SchedulerProvider {
    /** The provider id. */
    public static final String ID = "rtds";

    private static final ParameterSpec PERIOD = ParameterSpec.duration(RtdsVcpuParameters.PERIOD,
            RtdsVcpuParameters.DEFAULT_PERIOD_NS, RtdsVcpuParameters.MIN_PERIOD_NS, RtdsVcpuParameters.MAX_PERIOD_NS,
            "the server's period: the budget is refilled and the deadline moves on every period"
                    + " (RTDS_DEFAULT_PERIOD 10 ms, RTDS_MIN_PERIOD 10 us; whole microseconds)");
    private static final ParameterSpec BUDGET = ParameterSpec.duration(RtdsVcpuParameters.BUDGET,
            RtdsVcpuParameters.DEFAULT_BUDGET_NS, RtdsVcpuParameters.MIN_BUDGET_NS, RtdsVcpuParameters.MAX_PERIOD_NS,
            "CPU time guaranteed per period at EDF priority (RTDS_DEFAULT_BUDGET 4 ms,"
                    + " RTDS_MIN_BUDGET 10 us; at most the period; whole microseconds)");

    /** The scheduler-wide option's name. */
    public static final String ADMISSION_CONTROL = "admissionControl";

    /** Not in Xen: an option of vsched's, off by default. */
    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.flag(ADMISSION_CONTROL, false,
                    "not in Xen (which admits every server): refuse a VCPU, or a server change, that would bring"
                            + " the sum of budget/period over all VCPUs above the number of PCPUs (the necessary"
                            + " condition for every server to get its budget under global EDF); the refusal is"
                            + " reported with the results and the run continues"));

    /** {@code xl sched-rtds -d D -p P -b B}: the server of every VCPU of the domain. */
    private static final List<ParameterSpec> DOMAIN_PARAMETERS = List.of(
            new ParameterSpec(PERIOD.name(), PERIOD.type(), PERIOD.unit(), PERIOD.defaultValue(), PERIOD.min(),
                    PERIOD.max(), List.of(), "every VCPU's period unless the VCPU sets its own"
                    + " (xl sched-rtds -d D -p; RTDS_DEFAULT_PERIOD 10 ms, at least 10 us, whole microseconds)"),
            new ParameterSpec(BUDGET.name(), BUDGET.type(), BUDGET.unit(), BUDGET.defaultValue(), BUDGET.min(),
                    BUDGET.max(), List.of(), "every VCPU's budget unless the VCPU sets its own"
                    + " (xl sched-rtds -d D -b; RTDS_DEFAULT_BUDGET 4 ms, at least 10 us, at most the period)"));

    /** {@code xl sched-rtds -d D -v N -p P -b B -e E}: one VCPU's server. */
    private static final List<ParameterSpec> VCPU_PARAMETERS = List.of(
            PERIOD.asInherited(),
            BUDGET.asInherited(),
            ParameterSpec.flag(RtdsVcpuParameters.EXTRATIME, true,
                    "once the budget is used, keep running on a new budget one priority level down,"
                            + " behind every VCPU still on its budget (on by default since Xen 4.10)"));

    /** Creates the provider (found through {@link java.util.ServiceLoader}). */
    public RtdsSchedulerProvider() {
    }

    /** {@value #ID}. */
    @Override
    public String id() {
        return ID;
    }

    /** One line for listings. */
    @Override
    public String description() {
        return "Xen RTDS real-time scheduler (Xen 4.19): global EDF over per-VCPU budget/period servers,"
                + " event-driven replenishment, extratime";
    }

    /** Only {@value #ADMISSION_CONTROL}, an option of vsched's: Xen's RTDS has no scheduler-wide parameter. */
    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    /**
     * {@code period} and {@code budget} of every VCPU of the domain, as {@code xl sched-rtds -d D}
     * without {@code -v} sets them ({@code XEN_DOMCTL_SCHEDOP_putinfo}).
     */
    @Override
    public List<ParameterSpec> domainParameters() {
        return DOMAIN_PARAMETERS;
    }

    /**
     * {@code period} and {@code budget} (inherited from the domain unless set) and
     * {@code extratime}, as {@code xl sched-rtds -d D -v N} sets them.
     */
    @Override
    public List<ParameterSpec> vcpuParameters() {
        return VCPU_PARAMETERS;
    }

    /**
     * What RTDS can do with some parameters: SMP (one global queue for all PCPUs), hard
     * affinity, run-time adjustment, and work conservation when every VCPU has extratime (see
     * {@link #capabilities(ParametersInForce)}).
     */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.SMP, Capability.AFFINITY, Capability.RUNTIME_ADJUST, Capability.WORK_CONSERVING,
                Capability.CPUPOOLS);
    }

    /**
     * Without the VCPUs' servers RTDS promises no work conservation: whether it conserves work
     * is a per-VCPU matter ({@link #capabilities(ParametersInForce)}).
     */
    @Override
    public Set<Capability> capabilities(Parameters params) {
        return EnumSet.of(Capability.SMP, Capability.AFFINITY, Capability.RUNTIME_ADJUST, Capability.CPUPOOLS);
    }

    /**
     * Work conserving if and only if every VCPU has extratime: a VCPU with extratime always has
     * a budget at some priority level, so it waits only for a PCPU busy with another VCPU; a
     * VCPU without extratime whose budget is used waits in the depleted queue for its next
     * replenishment while PCPUs may idle, by design (reference sections 5 and 9).
     */
    @Override
    public Set<Capability> capabilities(ParametersInForce inForce) {
        Set<Capability> c = capabilities(inForce.scheduler());
        for (Parameters v : inForce.vcpus()) {
            if (!v.flag(RtdsVcpuParameters.EXTRATIME)) {
                return c;
            }
        }
        c.add(Capability.WORK_CONSERVING);
        return c;
    }

    /**
     * The domain's server as {@code rt_dom_cntl} checks a VCPU's (libxl checks the per-domain
     * call the same way): budget at most the period, whole microseconds.
     *
     * @throws InvalidParameterException naming {@code budget} (or {@code period}), its value and
     *                                   the allowed range
     */
    @Override
    public void validateDomain(Parameters params, Parameters domain) {
        new RtdsVcpuParameters(domain.duration(RtdsVcpuParameters.PERIOD), domain.duration(RtdsVcpuParameters.BUDGET),
                true);
    }

    /**
     * A VCPU's server as {@code rt_dom_cntl} checks it for {@code XEN_DOMCTL_SCHEDOP_putvcpuinfo}
     * (reference section 1.2). A budget above the period is reported at the value the VCPU set
     * itself: its budget if it set one, else its period (below the budget it inherits).
     *
     * @throws InvalidParameterException naming the parameter, its value and the allowed range
     */
    @Override
    public void validateVcpu(Parameters params, Parameters domain, Parameters vcpu) {
        long period = vcpu.duration(RtdsVcpuParameters.PERIOD);
        long budget = vcpu.duration(RtdsVcpuParameters.BUDGET);
        if (budget > period && !vcpu.isGiven(RtdsVcpuParameters.BUDGET)
                && vcpu.isGiven(RtdsVcpuParameters.PERIOD) && period % Durations.US == 0) {
            throw new InvalidParameterException(RtdsVcpuParameters.PERIOD, Durations.format(period),
                    "a whole number of microseconds in [" + Durations.format(budget) + ", 2^62 ns] (at least the budget "
                            + Durations.format(budget) + " it inherits from its domain)");
        }
        new RtdsVcpuParameters(period, budget, vcpu.flag(RtdsVcpuParameters.EXTRATIME));
    }

    /** An {@link RtdsScheduler}. */
    @Override
    public Scheduler create(SchedulerContext context, Parameters params) {
        return new RtdsScheduler(context, params.flag(ADMISSION_CONTROL));
    }

    /**
     * The bound of {@link #starvationBoundNs(ParametersInForce, int)} for VCPUs that all keep
     * Xen's default server (4 ms every 10 ms).
     */
    @Override
    public long starvationBoundNs(Parameters params, int runnablePerPcpu) {
        return bound(RtdsVcpuParameters.DEFAULT_BUDGET_NS, RtdsVcpuParameters.DEFAULT_PERIOD_NS, runnablePerPcpu);
    }

    /**
     * A bound from the servers in force, with at most {@code k} runnable VCPUs per PCPU, the
     * largest budget {@code B} and the largest period {@code P} of any VCPU. At equal deadlines
     * the run queue is FIFO and a VCPU runs at most one budget per turn, so a queued VCPU waits
     * at most {@code k-1} budgets while the queue order stands; a replenishment re-sorts the
     * queue at most once a period and may send it to the back once more. Hence {@code 2(k-1)}
     * budgets, plus a period for the re-sort and the extratime levels (or, without extratime,
     * for the wait in the depleted queue until the replenishment), plus a period of margin:
     * {@code 2(k-1)·B + 2P}. With Xen's defaults, {@code 2(k-1)·4 ms + 20 ms}. It holds for the
     * loads of the test kit's contract, which checks it; a set of servers whose budgets ask for
     * more than the PCPUs have (overload) is not covered by a promise.
     */
    @Override
    public long starvationBoundNs(ParametersInForce inForce, int runnablePerPcpu) {
        long budget = 0;
        long period = 0;
        for (Parameters v : inForce.vcpus()) {
            budget = Math.max(budget, v.duration(RtdsVcpuParameters.BUDGET));
            period = Math.max(period, v.duration(RtdsVcpuParameters.PERIOD));
        }
        if (period == 0) {
            return starvationBoundNs(inForce.scheduler(), runnablePerPcpu);
        }
        return bound(budget, period, runnablePerPcpu);
    }

    private static long bound(long budgetNs, long periodNs, int runnablePerPcpu) {
        int k = Math.max(1, runnablePerPcpu);
        return 2L * (k - 1) * budgetNs + 2 * periodNs;
    }
}
