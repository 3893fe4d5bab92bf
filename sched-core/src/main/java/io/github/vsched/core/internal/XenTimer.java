package io.github.vsched.core.internal;

/**
 * A Xen timer ({@code struct timer}, {@code xen/common/timer.c}): it lives on one PCPU's timer
 * list, ordered by expiry; the PCPU's timer interrupt fires the batch of timers the timer slop
 * lets it coalesce (see {@link TimerList}).
 */
abstract class XenTimer {
    final int kind;
    final int subject;
    long expires;
    long seq;
    XenTimer prev;
    XenTimer next;
    /** The PCPU whose list holds it, or -1 when inactive. */
    int cpu = -1;

    XenTimer(int kind, int subject) {
        this.kind = kind;
        this.subject = subject;
    }

    boolean active() {
        return cpu >= 0;
    }

    /** Runs the timer's function ({@code execute_timer}). */
    abstract void fire();

    /** For messages. */
    abstract String describe();
}
