package io.github.vsched.core.event;

/**
 * Something that happens at a time. An event object is created once and scheduled, fired,
 * cancelled and rescheduled as often as needed; the queue links it into its bucket through a
 * field of the event itself (an intrusive queue), so none of that allocates.
 */
public abstract class Event {
    long time;
    long seq;
    /**
     * The next event of the queue's bucket, which is sorted by (time, seq); the queue's end
     * marker after the last one; null while the event is not queued.
     */
    Event next;

    /** Whether the event is in a queue. */
    public final boolean isScheduled() {
        return next != null;
    }

    /** The time the event is (or was last) scheduled for. */
    public final long time() {
        return time;
    }

    /** Runs the event; called by the engine when the event reaches the head of the queue. */
    public abstract void fire();

    /** A short description for error messages and traces. */
    public abstract String describe();
}
