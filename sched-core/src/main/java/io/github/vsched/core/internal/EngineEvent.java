package io.github.vsched.core.internal;

import io.github.vsched.core.event.Event;

/** An engine event with a kind and a subject (PCPU or VCPU id), hashed for determinism checks. */
abstract class EngineEvent extends Event {
    static final int SOFTIRQ = 1;
    static final int SLICE = 2;
    static final int SWITCH_DONE = 3;
    static final int BURST_END = 4;
    static final int GUEST_TIMER = 5;
    static final int SCHED_TIMER = 6;
    static final int ACTION = 7;
    static final int DEVICE = 8;
    static final int TIMER_IRQ = 9;
    static final int IO_LATENCY = 10;

    final int kind;
    final int subject;

    EngineEvent(int kind, int subject) {
        this.kind = kind;
        this.subject = subject;
    }

    /** The PCPU this event runs on ({@code smp_processor_id()} while it is handled), or -1. */
    abstract int pcpu();
}
