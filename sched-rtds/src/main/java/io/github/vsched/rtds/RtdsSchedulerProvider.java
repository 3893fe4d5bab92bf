package io.github.vsched.rtds;

import io.github.vsched.api.Capability;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.SchedulerProvider;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code rtds} scheduler plugin: Xen's RTDS scheduler ({@code sched=rtds}) as of Xen 4.19,
 * global EDF over one budget/period server per VCPU with event-driven replenishment and
 * extratime. Its parameters are per VCPU ({@code xl sched-rtds -d D -v N -p P -b B -e E}); it
 * has no scheduler-wide or per-domain ones.
 */
public final class RtdsSchedulerProvider implements SchedulerProvider {
    /** The provider id. */
    public static final String ID = "rtds";

    private static final List<ParameterSpec> VCPU_PARAMETERS = List.of(
            ParameterSpec.duration(RtdsVcpuParameters.PERIOD, RtdsVcpuParameters.DEFAULT_PERIOD_NS,
                    RtdsVcpuParameters.MIN_PERIOD_NS, RtdsVcpuParameters.MAX_PERIOD_NS,
                    "the server's period: the budget is refilled and the deadline moves on every period"
                            + " (RTDS_DEFAULT_PERIOD 10 ms, RTDS_MIN_PERIOD 10 us; whole microseconds)"),
            ParameterSpec.duration(RtdsVcpuParameters.BUDGET, RtdsVcpuParameters.DEFAULT_BUDGET_NS,
                    RtdsVcpuParameters.MIN_BUDGET_NS, RtdsVcpuParameters.MAX_PERIOD_NS,
                    "CPU time guaranteed per period at EDF priority (RTDS_DEFAULT_BUDGET 4 ms,"
                            + " RTDS_MIN_BUDGET 10 us; at most the period; whole microseconds)"),
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

    /** None: RTDS has no scheduler-wide parameters. */
    @Override
    public List<ParameterSpec> parameters() {
        return List.of();
    }

    /** {@code period}, {@code budget} and {@code extratime}, as {@code xl sched-rtds -v} sets them. */
    @Override
    public List<ParameterSpec> vcpuParameters() {
        return VCPU_PARAMETERS;
    }

    /**
     * SMP (one global queue for all PCPUs), hard affinity and run-time adjustment. Not work
     * conserving: a VCPU without extratime waits for its replenishment while PCPUs idle, by
     * design; and since extratime is a per-VCPU setting, no scheduler-wide parameter can promise
     * otherwise.
     */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.SMP, Capability.AFFINITY, Capability.RUNTIME_ADJUST, Capability.CPUPOOLS);
    }

    /** An {@link RtdsScheduler}. */
    @Override
    public Scheduler create(SchedulerContext context, Parameters params) {
        return new RtdsScheduler(context);
    }

    /**
     * A bound for VCPUs that all keep the default server (4 ms every 10 ms, extratime), at most
     * {@code k} runnable per PCPU. At equal deadlines the run queue is FIFO and a VCPU runs at
     * most one budget per turn, so a queued VCPU waits at most {@code k-1} budgets while the
     * queue order stands; a replenishment re-sorts the queue at most once a period and may send
     * it to the back once more. Hence {@code 2(k-1)} budgets, plus a period for the re-sort and
     * the extratime levels, plus a period of margin: {@code 2(k-1)·B + 2P} with Xen's defaults.
     * VCPUs with other servers, or without extratime, are not covered: a depleted VCPU waits up
     * to its period by design.
     */
    @Override
    public long starvationBoundNs(Parameters params, int runnablePerPcpu) {
        int k = Math.max(1, runnablePerPcpu);
        return 2L * (k - 1) * RtdsVcpuParameters.DEFAULT_BUDGET_NS + 2 * RtdsVcpuParameters.DEFAULT_PERIOD_NS;
    }
}
