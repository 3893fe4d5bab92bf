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
 * {@link #deadline(long)} reproduces that choice; it is recomputed whenever the list changes
 * (Xen recomputes when the earliest timer changes, which gives the same batch except after the
 * removal of a later member of a batch already programmed).
 */
final class TimerList {
    XenTimer head;
    int size;

    void insert(XenTimer t) {
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

    /** When the interrupt should fire for the current batch, or -1 if there is no timer. */
    long deadline(long slop) {
        XenTimer t = head;
        if (t == null) {
            return -1;
        }
        long start = t.expires;
        long end = Long.MAX_VALUE;
        while (t != null && t.expires <= end) {
            start = t.expires;
            long e = t.expires + slop;
            if (e < end) {
                end = e;
            }
            t = t.next;
        }
        return start;
    }
}
