package io.github.vsched.rtds;

import io.github.vsched.api.IntrusiveQueue;
import io.github.vsched.api.VcpuView;

import java.util.Comparator;
import java.util.function.Consumer;

/**
 * RTDS's global run queue and depleted queue ({@code rt_private.runq} and {@code depletedq},
 * 4.19 rt.c lines 187-188), one pair for all PCPUs. The run queue holds the runnable VCPUs
 * that have budget (or extratime), sorted by priority level, then deadline, FIFO among equals;
 * the depleted queue holds those without, unsorted, newest first. Both are
 * {@link IntrusiveQueue}s of each VCPU's {@link RtdsVcpu#qElem}: inserting into the run queue
 * walks it from the head, linear in its length as Xen's list walk is; removal is constant time.
 */
final class RunQueue {
    /** Higher priority first: {@link RtdsVcpu#compare} is positive when its first argument is higher. */
    private static final Comparator<RtdsVcpu> PRIORITY = (a, b) -> Long.signum(RtdsVcpu.compare(b, a));

    private final IntrusiveQueue<RtdsVcpu> run = new IntrusiveQueue<>();
    private final IntrusiveQueue<RtdsVcpu> depleted = new IntrusiveQueue<>();

    /** The run queue's first VCPU (the highest priority), or null. */
    RtdsVcpu first() {
        return run.peekFirst();
    }

    boolean isEmpty() {
        return run.isEmpty();
    }

    int runSize() {
        return run.size();
    }

    int depletedSize() {
        return depleted.size();
    }

    /** Whether {@code svc} is on the run queue (not the depleted one). */
    boolean onRunQueue(RtdsVcpu svc) {
        return svc.qElem.isOn(run);
    }

    /**
     * Xen's {@code runq_insert} (4.19 lines 563-579): a VCPU with budget left, or with
     * extratime, goes into the run queue in priority order (after the VCPUs of equal priority,
     * {@code deadline_queue_insert}, lines 502-519); any other at the head of the depleted queue.
     */
    void insert(RtdsVcpu svc) {
        if (svc.curBudget > 0 || svc.hasExtratime()) {
            run.insertOrdered(svc.qElem, PRIORITY);
        } else {
            depleted.addFirst(svc.qElem);
        }
    }

    /** Xen's {@code q_remove} (4.19 lines 525-530): off whichever of the two queues it is on. */
    void remove(RtdsVcpu svc) {
        if (svc.qElem.isOn(run)) {
            run.remove(svc.qElem);
        } else if (svc.qElem.isOn(depleted)) {
            depleted.remove(svc.qElem);
        } else {
            throw new IllegalStateException(svc.vcpu.name() + " is on no queue");
        }
    }

    /**
     * Xen's {@code runq_pick} (4.19 lines 1014-1057): the first VCPU of the run queue whose
     * hard affinity includes {@code pcpu}, or null. Linear in the queue's length.
     */
    RtdsVcpu pick(int pcpu) {
        for (IntrusiveQueue.Node<RtdsVcpu> n = run.first(); n != null; n = n.next()) {
            if (n.owner().vcpu.affinity().contains(pcpu)) {
                return n.owner();
            }
        }
        return null;
    }

    /** Calls {@code action} for each VCPU of the run queue in order, then the depleted queue. */
    void forEach(Consumer<RtdsVcpu> action) {
        run.forEach(action);
        depleted.forEach(action);
    }

    /** Reports the queued VCPUs whose processor is {@code pcpu}, in queue order. */
    void forEachOn(int pcpu, Consumer<VcpuView> action) {
        forEachOn(run, pcpu, action);
        forEachOn(depleted, pcpu, action);
    }

    private static void forEachOn(IntrusiveQueue<RtdsVcpu> q, int pcpu, Consumer<VcpuView> action) {
        for (IntrusiveQueue.Node<RtdsVcpu> n = q.first(); n != null; n = n.next()) {
            if (n.owner().vcpu.processor() == pcpu) {
                action.accept(n.owner().vcpu);
            }
        }
    }
}
