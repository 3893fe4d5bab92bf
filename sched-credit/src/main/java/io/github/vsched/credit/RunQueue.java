package io.github.vsched.credit;

import static io.github.vsched.credit.CreditPriority.IDLE;
import static io.github.vsched.credit.CreditPriority.UNDER;

/**
 * One PCPU's runq in Xen's exact order: an intrusive doubly-linked list through the
 * {@link CreditVcpu} nodes. Mirrors Xen 4.0 {@code __runq_insert} (sched_credit.c:189-206),
 * {@code __runq_remove} (208-213) and the body of {@code csched_runq_sort} (759-800); the yield
 * placement is 4.1's (5fc9f5ef6c).
 *
 * <p>Xen inserts a VCPU before the first element of strictly lower priority, found by walking
 * from the head. The list is not always sorted: an accounting pass changes the priorities of
 * queued VCPUs in place, and a yield puts a VCPU behind a lower one; the walk then gives a
 * different place than "the tail of its class" would. So the list is always walked the Xen way
 * when it may be unsorted. While it is known to be sorted ({@link #sorted}), the last element of
 * each priority class is tracked and the same place is found in O(1).
 */
final class RunQueue {
    /** First element, or null. */
    CreditVcpu head;
    /** Last element, or null. */
    CreditVcpu tail;
    /** Number of elements, the idle VCPU included. */
    int size;
    /**
     * Whether priorities are non-increasing from head to tail; while true, {@link #classTail}
     * holds the last element of each class.
     */
    boolean sorted = true;
    private final CreditVcpu[] classTail = new CreditVcpu[CreditPriority.CLASSES];

    /**
     * {@code __runq_insert}: puts {@code v} before the first element whose priority is
     * strictly lower (FIFO within a class); with {@code yield}, one element further if that
     * element is not the idle VCPU (4.1+).
     */
    void insert(CreditVcpu v, boolean yield) {
        int pri = v.pri;
        CreditVcpu before;
        if (sorted) {
            CreditVcpu after = null;
            for (int c = CreditPriority.classOf(pri); c >= 0; c--) {
                if (classTail[c] != null) {
                    after = classTail[c];
                    break;
                }
            }
            before = after == null ? head : after.runqNext;
        } else {
            before = head;
            while (before != null && pri <= before.pri) {
                before = before.runqNext;
            }
        }
        boolean movedBehind = false;
        if (yield && before != null && before.pri > IDLE) {
            // Xen 4.1 BUG_ONs a missing successor: the idle VCPU always follows a guest
            before = before.runqNext;
            movedBehind = true;
        }
        linkBefore(v, before);
        if (sorted) {
            if (movedBehind) {
                sorted = false;
            } else {
                classTail[CreditPriority.classOf(pri)] = v;
            }
        }
    }

    /** {@code __runq_remove}. */
    void remove(CreditVcpu v) {
        if (sorted) {
            int c = CreditPriority.classOf(v.pri);
            if (classTail[c] == v) {
                CreditVcpu p = v.runqPrev;
                classTail[c] = p != null && p.pri == v.pri ? p : null;
            }
        }
        unlink(v);
        v.runq = null;
        if (!sorted && size <= 1) {
            recomputeOrder();
        }
    }

    /**
     * {@code __runq_remove} as the scheduler calls it; with {@code clearYield}
     * ({@code noStealYielded}, 4.18) it also clears the VCPU's YIELD flag.
     */
    void dequeue(CreditVcpu v, boolean clearYield) {
        remove(v);
        if (clearYield) {
            v.yielding = false;
        }
    }

    /**
     * Called after a queued VCPU's priority changed from {@code oldPri} in place (accounting):
     * keeps the sorted state when the neighbours still fit, drops it otherwise.
     */
    void reprioritized(CreditVcpu v, int oldPri) {
        if (!sorted) {
            return;
        }
        int pri = v.pri;
        CreditVcpu p = v.runqPrev;
        CreditVcpu n = v.runqNext;
        if ((p == null || p.pri >= pri) && (n == null || pri >= n.pri)) {
            int oc = CreditPriority.classOf(oldPri);
            if (classTail[oc] == v) {
                classTail[oc] = p != null && p.pri == oldPri ? p : null;
            }
            if (n == null || n.pri != pri) {
                classTail[CreditPriority.classOf(pri)] = v;
            }
        } else {
            sorted = false;
        }
    }

    /**
     * The body of {@code csched_runq_sort}: one pass that moves every element of priority
     * UNDER or higher behind the last such element seen, so that they precede every OVER and
     * IDLE element while every group keeps its relative order. BOOST is not put ahead of
     * UNDER. Then recomputes whether the list is sorted.
     *
     * @return the number of elements moved
     */
    int sortUnderBeforeOver() {
        int moved = 0;
        CreditVcpu lastUnder = null;
        CreditVcpu e = head;
        while (e != null) {
            CreditVcpu next = e.runqNext;
            if (e.pri >= UNDER) {
                if (e.runqPrev != lastUnder) {
                    unlink(e);
                    linkBefore(e, lastUnder == null ? head : lastUnder.runqNext);
                    moved++;
                }
                lastUnder = e;
            }
            e = next;
        }
        recomputeOrder();
        return moved;
    }

    /** Recomputes {@link #sorted} and the class tails from the list itself. */
    void recomputeOrder() {
        for (int c = 0; c < classTail.length; c++) {
            classTail[c] = null;
        }
        boolean ok = true;
        for (CreditVcpu e = head; e != null; e = e.runqNext) {
            if (e.runqPrev != null && e.runqPrev.pri < e.pri) {
                ok = false;
            }
            classTail[CreditPriority.classOf(e.pri)] = e;
        }
        sorted = ok;
        if (!ok) {
            for (int c = 0; c < classTail.length; c++) {
                classTail[c] = null;
            }
        }
    }

    private void unlink(CreditVcpu v) {
        CreditVcpu p = v.runqPrev;
        CreditVcpu n = v.runqNext;
        if (p == null) {
            head = n;
        } else {
            p.runqNext = n;
        }
        if (n == null) {
            tail = p;
        } else {
            n.runqPrev = p;
        }
        v.runqPrev = null;
        v.runqNext = null;
        size--;
    }

    /** Links {@code v} before {@code before} (at the tail when null). */
    private void linkBefore(CreditVcpu v, CreditVcpu before) {
        CreditVcpu p = before == null ? tail : before.runqPrev;
        v.runqPrev = p;
        v.runqNext = before;
        if (p == null) {
            head = v;
        } else {
            p.runqNext = v;
        }
        if (before == null) {
            tail = v;
        } else {
            before.runqPrev = v;
        }
        v.runq = this;
        size++;
    }
}
