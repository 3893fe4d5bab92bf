package io.github.vsched.credit;

import io.github.vsched.api.Hypercall;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.VcpuView;

/**
 * The points where a scheduler built on credit may change credit's decisions for some VCPUs.
 * Every default leaves credit exactly as it is, so an extension that acts on no VCPU gives the
 * same schedule, event for event, as plain credit. Extensions may give VCPUs priorities above
 * {@link CreditPriority#BOOST} ({@link CreditPriority#ABOVE_BOOST}); the runq orders them first,
 * and they preempt BOOST like any strictly higher priority.
 *
 * <p>Hooks are called on the scheduler's hot paths: implementations must not allocate there.
 */
public abstract class CreditExtension {
    /** An extension that changes nothing: plain credit. */
    static final CreditExtension NONE = new CreditExtension() {
    };

    /** The scheduler this extension is attached to. */
    protected CreditScheduler credit;
    /** The engine. */
    protected SchedulerContext ctx;

    final void attach(CreditScheduler scheduler, SchedulerContext context) {
        if (this.credit != null && this != NONE) {
            throw new IllegalStateException("a credit extension serves one scheduler");
        }
        this.credit = scheduler;
        this.ctx = context;
    }

    /**
     * The name of a VCPU's priority for reports ({@link io.github.vsched.api.Scheduler#priorityName}):
     * by default credit's name of {@code pri}, the priority credit holds for it. An extension
     * names the priorities it adds, and may answer from its own state while credit has not yet
     * stored the priority one of its hooks returned (its trace events come first).
     */
    protected String priorityName(VcpuView v, int pri) {
        return CreditPriority.name(pri);
    }

    /** After credit's {@code init}: create timers, register trace events. */
    protected void init() {
    }

    /** A VCPU was added (credit's state for it exists). */
    protected void addVcpu(VcpuView v) {
    }

    /** A VCPU is being removed. */
    protected void removeVcpu(VcpuView v) {
    }

    /** New per-VCPU parameters ({@link io.github.vsched.api.Scheduler#adjustVcpu}). */
    protected void adjustVcpu(VcpuView v, Parameters previous) {
    }

    /** A guest hypercall ({@link io.github.vsched.api.Scheduler#hypercall}). */
    protected long hypercall(VcpuView caller, int op, long arg0, long arg1) {
        return Hypercall.ENOSYS;
    }

    /**
     * In {@code csched_vcpu_wake}, after credit's boost rule and before the VCPU is queued and
     * the tickle: the priority to queue it with.
     */
    protected int wakePriority(VcpuView v, int creditPriority, long now) {
        return creditPriority;
    }

    /**
     * In {@code csched_schedule}, for the current guest VCPU just charged: the priority it keeps
     * (and is requeued with if it is still runnable).
     */
    protected int descheduledPriority(VcpuView v, int priority, boolean runnable, long now) {
        return priority;
    }

    /**
     * In {@code csched_schedule}, for the guest VCPU chosen to run with priority
     * {@code priority}: its slice (credit's would be {@code slice}).
     */
    protected long slice(VcpuView next, int priority, long slice, long now) {
        return slice;
    }

    /** In {@code csched_acct}: the credit of an active VCPU after adding its share. */
    protected int accountCredit(VcpuView v, int credit, int share) {
        return credit + share;
    }

    /**
     * In {@code csched_acct}: the priority an active VCPU keeps, given the one credit computed
     * (UNDER or OVER) and the one it had.
     */
    protected int accountPriority(VcpuView v, int computed, int previous) {
        return computed;
    }

    /**
     * Whether {@code csched_load_balance} first looks on every peer for VCPUs with priorities
     * above BOOST before its usual pass.
     */
    protected boolean stealAboveBoostFirst() {
        return false;
    }

    /** Whether a queued VCPU of this priority preempts a current VCPU protected by the rate limit. */
    protected boolean overridesRatelimit(int queuedPriority) {
        return false;
    }
}
