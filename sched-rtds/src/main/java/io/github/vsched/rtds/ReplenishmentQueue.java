package io.github.vsched.rtds;

import io.github.vsched.api.Timer;

/**
 * RTDS's replenishment queue and its timer ({@code rt_private.replq} and {@code repl_timer},
 * 4.19 rt.c lines 190-191): every VCPU that is runnable, running or being switched out, in the
 * order of Xen's {@code compare_unit_priority} (extratime level first, then deadline, FIFO among
 * equals), with the timer armed for the deadline of the first. Inserting walks the list from
 * the head, linear in its length as in Xen.
 *
 * <p>Xen sorts this queue with the same comparison as the run queue, so a VCPU that entered it
 * at an extratime level above 0 sits behind level-0 VCPUs with later deadlines and is
 * replenished only once they are (reference section 4.3); this class keeps that order.
 */
final class ReplenishmentQueue {
    private final Timer timer;
    private RtdsVcpu head;
    private RtdsVcpu tail;
    private int size;

    ReplenishmentQueue(Timer timer) {
        this.timer = timer;
    }

    RtdsVcpu first() {
        return head;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return head == null;
    }

    /**
     * {@code deadline_queue_insert} on the replenishment queue (4.19 lines 502-519).
     *
     * @return whether it went to the front
     */
    boolean insertSorted(RtdsVcpu svc) {
        RtdsVcpu iter = head;
        boolean first = true;
        while (iter != null && RtdsVcpu.compare(svc, iter) <= 0) {
            iter = iter.replNext;
            first = false;
        }
        svc.onReplq = true;
        svc.replNext = iter;
        if (iter == null) {
            svc.replPrev = tail;
            if (tail != null) {
                tail.replNext = svc;
            } else {
                head = svc;
            }
            tail = svc;
        } else {
            svc.replPrev = iter.replPrev;
            if (iter.replPrev != null) {
                iter.replPrev.replNext = svc;
            } else {
                head = svc;
            }
            iter.replPrev = svc;
        }
        size++;
        return first;
    }

    /**
     * {@code deadline_queue_remove} (4.19 lines 490-500).
     *
     * @return whether it was at the front
     */
    boolean unlink(RtdsVcpu svc) {
        boolean wasFirst = head == svc;
        if (svc.replPrev != null) {
            svc.replPrev.replNext = svc.replNext;
        } else {
            head = svc.replNext;
        }
        if (svc.replNext != null) {
            svc.replNext.replPrev = svc.replPrev;
        } else {
            tail = svc.replPrev;
        }
        svc.onReplq = false;
        svc.replPrev = null;
        svc.replNext = null;
        size--;
        return wasFirst;
    }

    /** Xen's {@code replq_insert} (4.19 lines 581-595): re-arms the timer if it went to the front. */
    void insert(RtdsVcpu svc) {
        if (svc.onReplq) {
            throw new IllegalStateException(svc.vcpu.name() + " is already on the replenishment queue");
        }
        if (insertSorted(svc)) {
            timer.set(svc.curDeadline);
        }
    }

    /**
     * Xen's {@code replq_remove} (4.19 lines 532-556): if it was at the front, the timer follows
     * the new front, or stops when the queue is empty.
     */
    void remove(RtdsVcpu svc) {
        if (unlink(svc)) {
            if (head != null) {
                timer.set(head.curDeadline);
            } else {
                timer.cancel();
            }
        }
    }

    /**
     * Xen's {@code replq_reinsert} (4.19 lines 603-632): moves a VCPU whose deadline changed to
     * its new place and re-arms the timer if the front changed.
     */
    void reinsert(RtdsVcpu svc) {
        RtdsVcpu rearm = svc;
        boolean doRearm;
        if (unlink(svc)) {
            insertSorted(svc);
            rearm = head;
            doRearm = true;
        } else {
            doRearm = insertSorted(svc);
        }
        if (doRearm) {
            timer.set(rearm.curDeadline);
        }
    }

    /** Re-arms the timer for the front, if any (the end of the replenishment handler). */
    void armForFirst() {
        if (head != null) {
            timer.set(head.curDeadline);
        }
    }
}
