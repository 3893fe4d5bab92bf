package io.github.vsched.credit;

import io.github.vsched.api.VcpuView;

/**
 * Credit's state of one VCPU: Xen 4.0 {@code struct csched_vcpu} (sched_credit.c:120-139),
 * with the later flags (YIELD 4.1, MIGRATING 4.7) and {@code residual} (4.3). The node is
 * intrusive: it carries its own links for the runq and for its domain's active list, so
 * queueing allocates nothing.
 */
final class CreditVcpu {
    /** The engine's view. */
    final VcpuView view;
    /** The domain's state; null for an idle VCPU. */
    final CreditDomain domain;
    /** Whether this is a PCPU's idle VCPU. */
    final boolean idle;

    /** {@code pri}: one of {@link CreditPriority}. Initially UNDER (IDLE for idle VCPUs). */
    int pri;
    /** {@code credit}; 10 credits are 1 ms of CPU. */
    int credit;
    /**
     * {@code start_time}: absolute time up to which run time has been charged while the VCPU
     * runs; an offset relative to the next switch-in while it does not (sched_credit.c:1153-1157,
     * 1196-1197), so the sub-credit remainder carries across runs.
     */
    long startTime;
    /** {@code residual} of the 4.3+ burn, in credit-nanoseconds (credits x 1e6). */
    long residual;
    /** {@code CSCHED_FLAG_VCPU_PARKED}: paused by the cap until its credit is >= 0 again. */
    boolean parked;
    /** {@code CSCHED_FLAG_VCPU_YIELD} (4.1+). */
    boolean yielding;
    /** {@code CSCHED_FLAG_UNIT_MIGRATING} (4.7+): set by pick_cpu, consumed by the next wake. */
    boolean migrating;

    /** The runq this VCPU is queued on, or null ({@code __vcpu_on_runq}). */
    RunQueue runq;
    CreditVcpu runqPrev;
    CreditVcpu runqNext;

    /** Whether on the domain's {@code active_vcpu} list. */
    boolean active;
    CreditVcpu activePrev;
    CreditVcpu activeNext;

    CreditVcpu(VcpuView view, CreditDomain domain) {
        this.view = view;
        this.domain = domain;
        this.idle = domain == null;
        this.pri = idle ? CreditPriority.IDLE : CreditPriority.UNDER;
    }

    @Override
    public String toString() {
        return view.name() + "[" + CreditPriority.name(pri) + " credit=" + credit
                + (active ? " active" : "") + (parked ? " parked" : "") + "]";
    }
}
