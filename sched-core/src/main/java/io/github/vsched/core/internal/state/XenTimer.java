package io.github.vsched.core.internal.state;

/**
 * A Xen timer ({@code struct timer}, {@code xen/common/timer.c}): it lives on one PCPU's timer
 * list, ordered by expiry; the PCPU's timer interrupt fires the batch of timers the timer slop
 * lets it coalesce. The timer layer ({@code internal.timer}) owns the lists; this is the entry.
 */
public abstract class XenTimer {
    /** Hashed with {@link #subject} when the timer fires, as {@link EngineEvent#kind} is. */
    public final int kind;
    public final int subject;
    public long expires;
    /** Order of setting, to keep timers of equal expiry in a stable order. */
    public long seq;
    public XenTimer prev;
    public XenTimer next;
    /** The PCPU whose list holds it, or -1 when inactive. */
    public int cpu = -1;

    protected XenTimer(int kind, int subject) {
        this.kind = kind;
        this.subject = subject;
    }

    /** Whether it is set ({@code active_timer}). */
    public final boolean active() {
        return cpu >= 0;
    }

    /** Runs the timer's function ({@code execute_timer}). */
    public abstract void fire();

    /** For messages. */
    public abstract String describe();
}
