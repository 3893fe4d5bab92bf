package io.github.vsched.rtds;

import io.github.vsched.api.VcpuView;

import java.util.function.Consumer;

/**
 * RTDS's global run queue and depleted queue ({@code rt_private.runq} and {@code depletedq},
 * 4.19 rt.c lines 187-188), one pair for all PCPUs. The run queue holds the runnable VCPUs
 * that have budget (or extratime), sorted by priority level, then deadline, FIFO among equals;
 * the depleted queue holds those without, unsorted, newest first. Both are intrusive lists
 * over {@link RtdsVcpu}: inserting into the run queue walks it from the head, linear in its
 * length as Xen's list walk is; removal is constant time.
 */
final class RunQueue {
    private RtdsVcpu runHead;
    private RtdsVcpu runTail;
    private RtdsVcpu depletedHead;
    private int runSize;
    private int depletedSize;

    /** The run queue's first VCPU (the highest priority), or null. */
    RtdsVcpu first() {
        return runHead;
    }

    boolean isEmpty() {
        return runHead == null;
    }

    int runSize() {
        return runSize;
    }

    int depletedSize() {
        return depletedSize;
    }

    /**
     * Xen's {@code runq_insert} (4.19 lines 563-579): a VCPU with budget left, or with
     * extratime, goes into the run queue in priority order (after the VCPUs of equal priority);
     * any other at the head of the depleted queue.
     */
    void insert(RtdsVcpu svc) {
        if (svc.curBudget > 0 || svc.hasExtratime()) {
            insertSorted(svc);
        } else {
            svc.queue = RtdsVcpu.ON_DEPLETEDQ;
            svc.qPrev = null;
            svc.qNext = depletedHead;
            if (depletedHead != null) {
                depletedHead.qPrev = svc;
            }
            depletedHead = svc;
            depletedSize++;
        }
    }

    /** {@code deadline_queue_insert} on the run queue (4.19 lines 502-519). */
    private void insertSorted(RtdsVcpu svc) {
        RtdsVcpu iter = runHead;
        while (iter != null && RtdsVcpu.compare(svc, iter) <= 0) {
            iter = iter.qNext;
        }
        svc.queue = RtdsVcpu.ON_RUNQ;
        svc.qNext = iter;
        if (iter == null) {
            svc.qPrev = runTail;
            if (runTail != null) {
                runTail.qNext = svc;
            } else {
                runHead = svc;
            }
            runTail = svc;
        } else {
            svc.qPrev = iter.qPrev;
            if (iter.qPrev != null) {
                iter.qPrev.qNext = svc;
            } else {
                runHead = svc;
            }
            iter.qPrev = svc;
        }
        runSize++;
    }

    /** Xen's {@code q_remove} (4.19 lines 525-530): off whichever of the two queues it is on. */
    void remove(RtdsVcpu svc) {
        if (svc.queue == RtdsVcpu.ON_RUNQ) {
            if (svc.qPrev != null) {
                svc.qPrev.qNext = svc.qNext;
            } else {
                runHead = svc.qNext;
            }
            if (svc.qNext != null) {
                svc.qNext.qPrev = svc.qPrev;
            } else {
                runTail = svc.qPrev;
            }
            runSize--;
        } else if (svc.queue == RtdsVcpu.ON_DEPLETEDQ) {
            if (svc.qPrev != null) {
                svc.qPrev.qNext = svc.qNext;
            } else {
                depletedHead = svc.qNext;
            }
            if (svc.qNext != null) {
                svc.qNext.qPrev = svc.qPrev;
            }
            depletedSize--;
        } else {
            throw new IllegalStateException(svc.vcpu.name() + " is on no queue");
        }
        svc.queue = RtdsVcpu.NO_QUEUE;
        svc.qPrev = null;
        svc.qNext = null;
    }

    /**
     * Xen's {@code runq_pick} (4.19 lines 1014-1057): the first VCPU of the run queue whose
     * hard affinity includes {@code pcpu}, or null. Linear in the queue's length.
     */
    RtdsVcpu pick(int pcpu) {
        for (RtdsVcpu iter = runHead; iter != null; iter = iter.qNext) {
            if (iter.vcpu.affinity().contains(pcpu)) {
                return iter;
            }
        }
        return null;
    }

    /** Calls {@code action} for each VCPU of the run queue in order, then the depleted queue. */
    void forEach(Consumer<RtdsVcpu> action) {
        for (RtdsVcpu v = runHead; v != null; v = v.qNext) {
            action.accept(v);
        }
        for (RtdsVcpu v = depletedHead; v != null; v = v.qNext) {
            action.accept(v);
        }
    }

    /** Reports the queued VCPUs whose processor is {@code pcpu}, in queue order. */
    void forEachOn(int pcpu, Consumer<VcpuView> action) {
        for (RtdsVcpu v = runHead; v != null; v = v.qNext) {
            if (v.vcpu.processor() == pcpu) {
                action.accept(v.vcpu);
            }
        }
        for (RtdsVcpu v = depletedHead; v != null; v = v.qNext) {
            if (v.vcpu.processor() == pcpu) {
                action.accept(v.vcpu);
            }
        }
    }
}
