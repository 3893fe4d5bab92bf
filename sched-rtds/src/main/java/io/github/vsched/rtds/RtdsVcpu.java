package io.github.vsched.rtds;

import io.github.vsched.api.IntrusiveQueue;
import io.github.vsched.api.VcpuView;

/**
 * Xen's {@code struct rt_unit} (4.19, rt.c lines 199-219): one VCPU's server parameters, its
 * present budget and deadline, its extratime priority level and its flags, with the links of
 * the queues it is on. The queues are intrusive lists, as Xen's {@code list_head}s are, so
 * queueing allocates nothing: the run and depleted queues are {@link IntrusiveQueue}s of
 * {@link #qElem}; the replenishment queue keeps its own links.
 */
final class RtdsVcpu {
    /** {@code RTDS_scheduled}: running, or switched out and its context not yet saved. */
    static final int SCHEDULED = 1 << 1;
    /** {@code RTDS_delayed_runq_add}: put it back on a queue once its context is saved. */
    static final int DELAYED_RUNQ_ADD = 1 << 2;
    /** {@code RTDS_depleted}: its budget ran out (and it has no extratime). */
    static final int DEPLETED = 1 << 3;
    /** {@code RTDS_extratime}: it may run beyond its budget at a lower priority level. */
    static final int EXTRATIME = 1 << 4;

    final VcpuView vcpu;

    long period;
    long budget;
    long curBudget;
    long lastStart;
    long curDeadline;
    int priorityLevel;
    int flags;

    /** Its place on the run queue or the depleted queue ({@code q_elem}). */
    final IntrusiveQueue.Node<RtdsVcpu> qElem = new IntrusiveQueue.Node<>(this);

    /** Whether on the replenishment queue ({@code replq_elem}). */
    boolean onReplq;
    RtdsVcpu replPrev;
    RtdsVcpu replNext;

    RtdsVcpu(VcpuView vcpu, RtdsVcpuParameters p) {
        this.vcpu = vcpu;
        apply(p);
    }

    /** Sets the server's parameters (what {@code rt_dom_cntl} writes; nothing else changes). */
    void apply(RtdsVcpuParameters p) {
        period = p.periodNs();
        budget = p.budgetNs();
        if (p.extratime()) {
            flags |= EXTRATIME;
        } else {
            flags &= ~EXTRATIME;
        }
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    boolean hasExtratime() {
        return (flags & EXTRATIME) != 0;
    }

    boolean onQueue() {
        return qElem.isQueued();
    }

    /**
     * Xen's {@code compare_unit_priority} (4.19 lines 294-303): positive when {@code a} has the
     * higher priority (a lower extratime level, or at the same level an earlier deadline),
     * negative when lower, zero when equal.
     */
    static long compare(RtdsVcpu a, RtdsVcpu b) {
        int prio = b.priorityLevel - a.priorityLevel;
        if (prio == 0) {
            return b.curDeadline - a.curDeadline;
        }
        return prio;
    }

    /**
     * Xen's {@code rt_update_deadline} (4.19 lines 431-476), for {@code now >= curDeadline}:
     * moves the deadline by whole periods to the first one after {@code now}, refills the
     * budget, restarts its accounting from {@code now} and resets the extratime level.
     */
    void updateDeadline(long now) {
        if (curDeadline + (period << 10) > now) {
            do {
                curDeadline += period;
            } while (curDeadline <= now);
        } else {
            long count = (now - curDeadline) / period + 1;
            curDeadline += count * period;
        }
        lastStart = now;
        curBudget = budget;
        priorityLevel = 0;
    }

    @Override
    public String toString() {
        return vcpu.name() + "(deadline " + curDeadline + ", budget " + curBudget + ", level " + priorityLevel
                + ", flags " + Integer.toBinaryString(flags) + ")";
    }
}
