package io.github.vsched.credit2;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.VcpuView;

/**
 * A VCPU's credit2 state ({@code struct csched2_unit}, {@code xen/common/sched/credit2.c} 4.19
 * lines 549-575), for guest VCPUs and, with {@link #idle} set, for each PCPU's idle VCPU, whose
 * credit never changes.
 */
final class Credit2Vcpu {
    /** {@code CSFLAG_scheduled}: running, or being switched out and not yet saved. */
    static final int SCHEDULED = 1;
    /** {@code CSFLAG_delayed_runq_add}: queue it once its context is saved. */
    static final int DELAYED_RUNQ_ADD = 2;
    /** {@code CSFLAG_runq_migrate_request}: balance_load asked to move it to {@link #migrateRqd}. */
    static final int RUNQ_MIGRATE_REQUEST = 4;
    /** {@code CSFLAG_unit_yield}: it yielded; the next schedule looks past credit order. */
    static final int YIELD = 8;

    final VcpuView vcpu;
    final Credit2Domain sdom;
    final boolean idle;

    /** The runqueue it is assigned to ({@code rqd}); null only for idle VCPUs. */
    Credit2Runqueue rqd;
    int credit;
    int weight;
    /** Remainder of the last credit division ({@code residual}). */
    int residual;
    int flags;
    /** Budget grabbed from the domain's pool; {@link Long#MAX_VALUE} when uncapped. */
    long budget = Long.MAX_VALUE;
    long budgetQuota;
    /** When it was last charged ({@code start_time}). */
    long startTime;
    /** The per-VCPU load average and when it was updated, in units of 2^10 ns. */
    long loadLastUpdate;
    long avgload;
    /** The PCPU a tickle asked to pick it up, or -1 ({@code tickled_cpu}). */
    int tickledCpu = -1;
    Credit2Runqueue migrateRqd;

    // runq links (rqd->runq is an intrusive list, as Xen's list_head)
    Credit2Vcpu runqPrev;
    Credit2Vcpu runqNext;
    boolean onRunq;

    /** On the domain's parked list ({@code _VPF_parked} set or about to be). */
    boolean parked;
    /**
     * Parked or asked to migrate while scheduled: Xen sets the pause flag at once; the engine's
     * pause and migrate would reschedule the PCPU again, so they are applied when the VCPU's
     * context is saved, and until then this scheduler treats it as not runnable.
     */
    boolean parkPending;
    boolean migratePending;
    /** balance_load moves it while it is not scheduled; the engine's migrate path carries it out. */
    boolean balanceMove;
    boolean balanceMoveQueued;

    /** The soft affinity as given ({@code cpu_soft_affinity}): all PCPUs unless set. */
    CpuMask soft;

    Credit2Vcpu(VcpuView vcpu, Credit2Domain sdom, CpuMask soft) {
        this.vcpu = vcpu;
        this.sdom = sdom;
        this.idle = sdom == null;
        this.soft = soft;
        this.credit = idle ? Credit2Config.IDLE_CREDIT : Credit2Config.CREDIT_INIT;
        this.weight = idle ? 0 : sdom.weight;
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** {@code has_cap}. */
    boolean hasCap() {
        return budget != Long.MAX_VALUE;
    }

    /**
     * {@code unit_runnable}: runnable for the engine and not flagged parked or migrating by this
     * scheduler.
     */
    boolean runnable() {
        return vcpu.isRunnable() && !parkPending && !migratePending;
    }

    /** Whether the hard affinity is a single PCPU ({@code CSFLAG_pinned}, kept by {@code csched2_aff_cntl}). */
    boolean pinned() {
        return vcpu.affinity().size() == 1;
    }

    /**
     * {@code has_soft_affinity}: the soft affinity overlaps the hard one without containing it
     * (and, hence, is not every PCPU).
     */
    boolean hasSoftAffinity() {
        CpuMask hard = vcpu.affinity();
        boolean overlap = false;
        boolean hardOutsideSoft = false;
        for (int c = hard.next(0); c >= 0; c = hard.next(c + 1)) {
            if (soft.contains(c)) {
                overlap = true;
            } else {
                hardOutsideSoft = true;
            }
        }
        return overlap && hardOutsideSoft;
    }

    /**
     * {@code affinity_balance_cpumask} into {@code out}: for the soft step, soft within hard (hard
     * if they do not meet); for the hard step, hard.
     */
    PcpuSet balanceMask(boolean softStep, PcpuSet out) {
        out.copyFrom(vcpu.affinity());
        if (softStep) {
            out.and(soft);
            if (out.isEmpty()) {
                out.copyFrom(vcpu.affinity());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return vcpu.name() + "{credit=" + credit + ", w=" + weight + ", flags=" + flags + "}";
    }
}
