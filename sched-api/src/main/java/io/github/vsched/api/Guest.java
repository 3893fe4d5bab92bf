package io.github.vsched.api;

import java.util.random.RandomGenerator;

/**
 * The guest side of one VCPU, as its {@link GuestModel} sees it: the clock, the actions the
 * guest can take, and its timer. One instance per VCPU, reused; it allocates nothing.
 */
public interface Guest {

    /** The current simulated time. */
    long now();

    /** The VCPU this guest runs on. */
    VcpuView vcpu();

    /** The workload's random stream. */
    RandomGenerator random();

    /** Action: run for {@code ns} of CPU time (&gt; 0), then {@link GuestModel#next} again. */
    void compute(long ns);

    /**
     * Action: block until an event arrives ({@code SCHEDOP_block}, or {@code HLT} in an HVM
     * guest). If an event is already pending the VCPU does not block and {@code next} is
     * called again at once.
     */
    void block();

    /** Action: yield the PCPU ({@code SCHEDOP_yield}) and continue when scheduled again. */
    void yield();

    /** Action: stop for good (the VCPU goes offline). */
    void halt();

    /**
     * Arms the VCPU's single-shot timer ({@code set_timer_op}): a {@link GuestEvent#TIMER}
     * with {@code tag} is delivered at {@code when} (plus the platform's timer slop). Replaces
     * a previously armed timer.
     */
    void setTimer(long when, long tag);

    /** Disarms the single-shot timer. */
    void cancelTimer();

    /** Whether an event has arrived since {@link GuestModel#next} was last called. */
    boolean eventPending();

    /**
     * A hypercall to the scheduler ({@link Scheduler#hypercall}); it takes effect at once.
     *
     * @return the scheduler's answer: non-negative on success, a negative errno otherwise
     */
    long hypercall(int op, long arg0, long arg1);
}
