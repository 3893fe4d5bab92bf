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

    /**
     * HVM only: programs the VCPU's virtual periodic timer, as a guest does by programming its
     * emulated RTC, PIT or LAPIC timer in periodic mode (Xen 4.0's {@code create_periodic_time},
     * {@code xen/arch/x86/hvm/vpt.c}). Each tick is delivered as a
     * {@link GuestEvent#PERIODIC_TIMER} interrupt with {@code tag}, one at a time: the next one
     * is injected only after the guest has handled this one (chosen its next action after it).
     * A period under 0.1 ms is raised to 0.1 ms, as Xen does; the first tick comes one period
     * from now, aligned to a multiple of the period (xend's {@code vpt_align=1}). Ticks missed
     * while the VCPU was runnable but not running follow the domain's HVM timer mode
     * ({@code HVM_PARAM_TIMER_MODE}): delivered back to back (modes 0 and 1) or collapsed into
     * one (modes 2 and 3). Replaces a periodic timer started before; the programming costs the
     * platform's VM exit.
     *
     * @param periodNs the tick period (&gt; 0)
     * @param tag      handed back with every tick
     * @throws IllegalStateException (a guest error naming the VCPU) for a PV guest, whose
     *                               clock is not an emulated device
     */
    void startPeriodicTimer(long periodNs, long tag);

    /**
     * HVM only: stops the virtual periodic timer and forgets its pending ticks (Xen 4.0's
     * {@code destroy_periodic_time}); nothing happens if none runs.
     *
     * @throws IllegalStateException (a guest error naming the VCPU) for a PV guest
     */
    void stopPeriodicTimer();

    /** Whether an event has arrived since {@link GuestModel#next} was last called. */
    boolean eventPending();

    /**
     * Submits an I/O request through the domain's virtual device; not an action, so it can be
     * followed by any action (typically {@link #block()} or more computing). The cost of
     * issuing it (an event-channel notification for a PV guest; the platform's VM exits for an
     * HVM guest) is charged to this VCPU as overhead before its next action. The request then
     * goes through the driver domain's backend and the physical device and back; a
     * {@link GuestEvent#IO_COMPLETE} event carrying {@code tag} arrives when it is done.
     *
     * @throws IllegalStateException if the scenario has no driver domain to serve it
     */
    void io(IoKind kind, long bytes, long tag);

    /**
     * Notifies VCPU {@code vcpu} of this domain, as a guest kernel's inter-processor interrupt
     * does (to wake a thread it made runnable there): a PV guest sends on an event channel bound
     * to that VCPU ({@code EVTCHNOP_send}), an HVM guest writes its emulated LAPIC's interrupt
     * command register (a VM exit). Not an action: the cost (the platform's event-channel
     * notification, or a VM exit) is charged to this VCPU as overhead before its next action, and
     * then the target receives a {@link GuestEvent#IPI} carrying {@code tag} and wakes if it was
     * blocked.
     *
     * @throws IllegalStateException (a guest error naming the VCPU) for a VCPU number outside the
     *                               domain, or this VCPU itself
     */
    void notifyVcpu(int vcpu, long tag);

    /**
     * Driver domain only: the next backend work waiting for this VCPU (a frontend request or a
     * device completion), or null if there is none. Work is announced by
     * {@link GuestEvent#EVENT_CHANNEL} events.
     */
    BackendWork takeBackendWork();

    /**
     * Driver domain only: the backend has spent {@link BackendWork#cpuNs()} on {@code work}
     * (call it after computing that long): a request goes to the physical device, a completion
     * is notified to the guest's frontend.
     */
    void finishBackendWork(BackendWork work);

    /**
     * Tells the listeners of the simulation about the quality the guest delivers (a frame shown
     * late, an audio buffer run empty), at the current time; not an action, and it changes
     * nothing in the simulation: no event, no cost, no random draw. Allowed at any time the
     * model is called. Guests that are not soft real-time never need it.
     *
     * @param event what happened
     * @param value its measure, in the unit {@link QualityEvent} gives for it
     */
    default void report(QualityEvent event, long value) {
    }

    /**
     * A hypercall to the scheduler ({@link Scheduler#hypercall}); it takes effect at once.
     *
     * @return the scheduler's answer: non-negative on success, a negative errno otherwise
     */
    long hypercall(int op, long arg0, long arg1);
}
