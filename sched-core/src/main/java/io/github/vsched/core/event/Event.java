package io.github.vsched.core.event;

/**
 * Something that happens at a time. An event object is created once and scheduled, fired,
 * cancelled and rescheduled as often as needed; the queue keeps its position inside it
 * (an intrusive queue), so none of that allocates.
 */
public abstract class Event {
    long time;
    long seq;
    int index = -1;

    /** Whether the event is in a queue. */
    public final boolean isScheduled() {
        return index >= 0;
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
