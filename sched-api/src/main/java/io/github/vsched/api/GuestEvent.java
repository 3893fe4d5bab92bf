package io.github.vsched.api;

/** Kinds of event delivered to a {@link GuestModel}. */
public final class GuestEvent {
    private GuestEvent() {
    }

    /** The VCPU's single-shot timer expired ({@code set_timer_op}, or the emulated LAPIC timer). */
    public static final int TIMER = 1;
    /** An I/O request completed. */
    public static final int IO_COMPLETE = 2;
    /** An event-channel notification from another domain. */
    public static final int EVENT_CHANNEL = 3;
    /**
     * An interrupt of the VCPU's virtual periodic timer ({@link Guest#startPeriodicTimer}; an
     * HVM guest's emulated RTC, PIT or LAPIC clock tick): one per tick injected, the missed
     * ticks of a preemption included when the timer mode delivers them.
     */
    public static final int PERIODIC_TIMER = 4;
    /**
     * A notification from another VCPU of the same domain ({@link Guest#notifyVcpu}, the guest
     * kernel's inter-processor interrupt), carrying the sender's tag.
     */
    public static final int IPI = 5;
}
