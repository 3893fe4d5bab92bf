package io.github.vsched.api;

/**
 * A timer created once through {@link SchedulerContext#newTimer} and re-armed as often as
 * needed without allocating (Xen's {@code struct timer}).
 */
public interface Timer {

    /** Arms (or re-arms) the timer to fire at absolute time {@code when} ({@code set_timer}). */
    void set(long when);

    /** Disarms the timer if armed ({@code stop_timer}). */
    void cancel();

    /** Whether the timer is armed. */
    boolean armed();

    /** When the armed timer fires. Undefined if not armed. */
    long expiry();
}
