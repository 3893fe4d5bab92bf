package io.github.vsched.credit;

import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.VcpuView;

/**
 * Credit's trace event types, named after Xen's {@code TRC_CSCHED_*} events and its
 * {@code SCHED_STAT_CRANK} counters, registered once at creation. Callers test {@link #on()}
 * before computing arguments, so tracing costs nothing when no sink listens.
 */
final class CreditTrace {
    private final SchedulerContext ctx;

    /** {@code TRC_CSCHED_BOOST_START}: a waking VCPU is boosted. */
    final int boost;
    /** {@code TRC_CSCHED_BOOST_END}: a tick demotes the running BOOST VCPU to UNDER. */
    final int unboost;
    /** {@code TRC_CSCHED_TICKLE}: the schedule softirq is raised on a PCPU by a wake. */
    final int tickle;
    /** {@code TRC_CSCHED_STOLEN_VCPU}: load balancing took a VCPU from a peer's runq. */
    final int stolenVcpu;
    /** {@code TRC_CSCHED_ACCOUNT_START}: a VCPU caught running by a tick becomes active. */
    final int acctStart;
    /** {@code TRC_CSCHED_ACCOUNT_STOP}: a VCPU above the upper clip leaves the active set. */
    final int acctStop;
    /** An accounting pass ({@code csched_acct}) starts. */
    final int acct;
    /** An accounting pass sets a VCPU's credit. */
    final int credit;
    /** A VCPU's priority changes at an accounting pass. */
    final int pri;
    /** A capped VCPU is parked ({@code vcpu_park}). */
    final int park;
    /** A parked VCPU is unparked ({@code vcpu_unpark}). */
    final int unpark;
    /** A PCPU re-sorts its runq after an accounting pass ({@code csched_runq_sort}). */
    final int sort;
    /** {@code TRC_CSCHED_RATELIMIT}: the rate limit keeps the current VCPU running. */
    final int ratelimit;
    /** The tick's check decides to migrate the running VCPU ({@code migrate_running}). */
    final int migrate;
    /** {@code TRC_CSCHED_PICKED_CPU}: pick_cpu chose a PCPU for a migrating VCPU. */
    final int pickedCpu;

    CreditTrace(SchedulerContext ctx) {
        this.ctx = ctx;
        boost = ctx.traceEventType("boost", "credit");
        unboost = ctx.traceEventType("unboost", "credit");
        tickle = ctx.traceEventType("tickle", "cpu", "newPri");
        stolenVcpu = ctx.traceEventType("stolen_vcpu", "fromCpu", "pri");
        acctStart = ctx.traceEventType("acct_start", "activeVcpus", "credit");
        acctStop = ctx.traceEventType("acct_stop", "activeVcpus", "credit");
        acct = ctx.traceEventType("acct", "weight", "creditTotal");
        credit = ctx.traceEventType("credit", "credit", "added");
        pri = ctx.traceEventType("pri", "newPri", "oldPri");
        park = ctx.traceEventType("park", "credit", "limit");
        unpark = ctx.traceEventType("unpark", "credit");
        sort = ctx.traceEventType("sort", "queued", "moved");
        ratelimit = ctx.traceEventType("ratelimit", "runtimeNs", "sliceNs");
        migrate = ctx.traceEventType("migrate", "fromCpu", "toCpu");
        pickedCpu = ctx.traceEventType("picked_cpu", "cpu");
    }

    /** Whether any sink listens. */
    boolean on() {
        return ctx.tracing();
    }

    void emit(int type, int pcpu, VcpuView vcpu, long arg0, long arg1) {
        ctx.trace(type, pcpu, vcpu, arg0, arg1);
    }
}
