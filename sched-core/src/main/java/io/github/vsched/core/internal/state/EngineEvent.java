package io.github.vsched.core.internal.state;

import io.github.vsched.core.event.Event;

/**
 * An engine event with a kind and a subject (PCPU, VCPU, device or request number), both
 * hashed into the run's event hash, so equal hashes mean equal event sequences.
 */
public abstract class EngineEvent extends Event {
    public static final int SOFTIRQ = 1;
    public static final int SLICE = 2;
    public static final int SWITCH_DONE = 3;
    public static final int BURST_END = 4;
    public static final int GUEST_TIMER = 5;
    public static final int SCHED_TIMER = 6;
    public static final int ACTION = 7;
    public static final int DEVICE = 8;
    public static final int TIMER_IRQ = 9;
    public static final int IO_LATENCY = 10;
    public static final int PERIODIC_TIMER = 11;

    /** One of the kinds above. */
    public final int kind;
    /** The PCPU, VCPU, device or request it concerns. */
    public final int subject;

    protected EngineEvent(int kind, int subject) {
        this.kind = kind;
        this.subject = subject;
    }

    /** The PCPU this event runs on ({@code smp_processor_id()} while it is handled), or -1. */
    public abstract int pcpu();
}
