package io.github.vsched.core.internal.timer;

import io.github.vsched.core.internal.state.XenTimer;

/**
 * One PCPU's active timers, sorted by (expiry, order of setting), and the hardware timer
 * interrupt programmed for them.
 *
 * <p>Xen 4.0's {@code timer_softirq_action} coalesces timers: each timer may fire up to
 * {@code timer_slop} (50 us) after its expiry. It takes timers from the head while their
 * windows [expires, expires + slop] still intersect, and programs the interrupt for the expiry
 * of the last one taken, so the earliest timers wait for the later ones of the batch.
 * {@link #deadline()} reproduces that choice; it is recomputed whenever the list changes
 * (Xen recomputes when the earliest timer changes, which gives the same batch except after the
 * removal of a later member of a batch already programmed).
 *
 * <p>The batch is remembered with the end of its window: a timer expiring after that end is
 * not in the batch, so setting or stopping it leaves the deadline as it is and no walk is
 * needed (the slice timer and the ticks, far behind a near timer, are the usual case).
 */
final class TimerList {
    private final long slop;
    XenTimer head;
    int size;
    /**
     * Whether {@link #batchDeadline} and {@link #batchEnd} describe the list as it is; changes
     * that may alter the batch clear it (when it is clear, {@link #batchEnd} is only compared).
     */
    private boolean batchKnown;
    /** {@link #deadline()} of the list, when {@link #batchKnown}. */
    private long batchDeadline;
    /**
     * The end of the batch's window, when {@link #batchKnown}: exactly the timers expiring at or
     * before it are in the batch.
     */
    private long batchEnd;

    TimerList(long slop) {
        this.slop = slop;
    }

    void insert(XenTimer t) {
        if (t.expires <= batchEnd) {
            batchKnown = false;
        }
        XenTimer before = null;
        XenTimer after = head;
        while (after != null && (after.expires < t.expires || after.expires == t.expires && after.seq < t.seq)) {
            before = after;
            after = after.next;
        }
        t.prev = before;
        t.next = after;
        if (before == null) {
            head = t;
        } else {
            before.next = t;
        }
        if (after != null) {
            after.prev = t;
        }
        size++;
    }

    void remove(XenTimer t) {
        if (t.expires <= batchEnd) {
            batchKnown = false;
        }
        if (t.prev == null) {
            head = t.next;
        } else {
            t.prev.next = t.next;
        }
        if (t.next != null) {
            t.next.prev = t.prev;
        }
        t.prev = null;
        t.next = null;
        size--;
    }

    /**
     * Gives {@code t}, which is in the list, the key ({@code expires}, {@code seq}) with a
     * {@code seq} above every other timer's, and moves it to its place: what removing and
     * inserting it again does, without the walk when it keeps its place.
     */
    void rekey(XenTimer t, long expires, long seq) {
        XenTimer before = t.prev;
        XenTimer after = t.next;
        if ((before == null || before.expires <= expires) && (after == null || after.expires > expires)) {
            long end = expires + slop;
            if (before == null && end >= expires && (after == null || after.expires > end)) {
                // at the head with no other timer in its window: the batch is this timer alone
                batchDeadline = expires;
                batchEnd = end;
                batchKnown = true;
            } else if (t.expires <= batchEnd || expires <= batchEnd) {
                batchKnown = false;
            }
            t.expires = expires;
            t.seq = seq;
            return;
        }
        remove(t);
        t.expires = expires;
        t.seq = seq;
        insert(t);
    }

    /** When the interrupt should fire for the current batch, or -1 if there is no timer. */
    long deadline() {
        if (!batchKnown) {
            batchDeadline = scan(null);
        }
        return batchDeadline;
    }

    /** {@link #deadline} as if {@code skip} (a timer of the list) were not in it. */
    long deadlineWithout(XenTimer skip) {
        long d = deadline();
        if (batchKnown && skip.expires > batchEnd) {
            return d; // not in the batch
        }
        return scan(skip);
    }

    /**
     * Walks the batch, leaving out {@code skip} (or nothing, if null), and returns its deadline
     * (-1 if no timer is left). Without {@code skip}, it records the batch and where its window
     * ends, unless an expiry plus the slop overflowed (then nothing is remembered).
     */
    private long scan(XenTimer skip) {
        XenTimer t = head;
        if (t == skip && t != null) {
            t = t.next;
        }
        if (t == null) {
            if (skip == null) {
                batchEnd = Long.MAX_VALUE; // no batch: any timer set starts it
                batchKnown = true;
            }
            return -1;
        }
        long start = t.expires;
        long end = Long.MAX_VALUE;
        while (t != null && t.expires <= end) {
            if (t != skip) {
                start = t.expires;
                long e = t.expires + slop;
                if (e < end) {
                    end = e;
                }
            }
            t = t.next;
        }
        if (skip == null) {
            batchEnd = end;
            batchKnown = end >= start; // false only when an expiry plus the slop overflowed
        }
        return start;
    }
}
