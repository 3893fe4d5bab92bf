package io.github.vsched.rtds;

import io.github.vsched.api.Durations;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.Parameters;

/**
 * One VCPU's RTDS server, as {@code xl sched-rtds -v N -p P -b B -e E} sets it: a budget of
 * CPU time every period, and whether the VCPU may run beyond its budget (extratime).
 *
 * <p>The compact constructor refuses what Xen 4.19's {@code rt_dom_cntl} refuses for
 * {@code XEN_DOMCTL_SCHEDOP_putvcpuinfo} (reference section 9): a period or budget below
 * 10 us ({@code RTDS_MIN_PERIOD}, {@code RTDS_MIN_BUDGET}), a period above
 * {@code STIME_DELTA_MAX}, a budget above the period. Both travel through the interface in
 * whole microseconds, so a value that is not a whole number of microseconds is refused too.
 *
 * @param periodNs  the server's period, nanoseconds
 * @param budgetNs  the CPU time it may use per period, nanoseconds
 * @param extratime whether it may run, at a lower priority level, once the budget is used
 */
public record RtdsVcpuParameters(long periodNs, long budgetNs, boolean extratime) {

    /** Xen's {@code RTDS_DEFAULT_PERIOD}: 10 ms. */
    public static final long DEFAULT_PERIOD_NS = 10 * Durations.MS;
    /** Xen's {@code RTDS_DEFAULT_BUDGET}: 4 ms. */
    public static final long DEFAULT_BUDGET_NS = 4 * Durations.MS;
    /** Xen's {@code RTDS_MIN_PERIOD}: 10 us. */
    public static final long MIN_PERIOD_NS = 10 * Durations.US;
    /** Xen's {@code RTDS_MIN_BUDGET}: 10 us. */
    public static final long MIN_BUDGET_NS = 10 * Durations.US;
    /** Xen's {@code RTDS_MAX_PERIOD}, {@code STIME_DELTA_MAX}: 2^62 ns. */
    public static final long MAX_PERIOD_NS = 1L << 62;

    /** The parameter name of the period. */
    public static final String PERIOD = "period";
    /** The parameter name of the budget. */
    public static final String BUDGET = "budget";
    /** The parameter name of the extratime flag. */
    public static final String EXTRATIME = "extratime";

    /**
     * Validates the server as Xen does.
     *
     * @throws InvalidParameterException naming the parameter, its value and the allowed range
     */
    public RtdsVcpuParameters {
        String periodRange = "a whole number of microseconds in [" + Durations.format(MIN_PERIOD_NS)
                + ", 2^62 ns]";
        if (periodNs < MIN_PERIOD_NS || periodNs > MAX_PERIOD_NS || periodNs % Durations.US != 0) {
            throw new InvalidParameterException(PERIOD, Durations.format(periodNs), periodRange);
        }
        if (budgetNs < MIN_BUDGET_NS || budgetNs > periodNs || budgetNs % Durations.US != 0) {
            throw new InvalidParameterException(BUDGET, Durations.format(budgetNs),
                    "a whole number of microseconds in [" + Durations.format(MIN_BUDGET_NS) + ", "
                            + Durations.format(periodNs) + "] (at most the period)");
        }
    }

    /** Xen's defaults for a new VCPU ({@code rt_alloc_udata}): 4 ms every 10 ms, extratime on. */
    public static RtdsVcpuParameters defaults() {
        return new RtdsVcpuParameters(DEFAULT_PERIOD_NS, DEFAULT_BUDGET_NS, true);
    }

    /**
     * The server a VCPU's resolved scheduler parameters describe.
     *
     * @throws InvalidParameterException for a combination Xen refuses
     */
    public static RtdsVcpuParameters from(Parameters p) {
        return new RtdsVcpuParameters(p.duration(PERIOD), p.duration(BUDGET), p.flag(EXTRATIME));
    }
}
