package io.github.vsched.api;

import java.util.function.Consumer;

/**
 * A VCPU scheduler for one simulated machine: the hooks of Xen's {@code struct scheduler}
 * ({@code xen/include/xen/sched-if.h} in Xen 4.0). The engine, playing Xen's generic layer
 * ({@code schedule.c}), calls them; the scheduler acts on the machine only through the
 * {@link SchedulerContext} it was created with.
 *
 * <p>All hooks run at the current simulated time ({@link SchedulerContext#now()}). Hooks on
 * the hot path ({@link #wake}, {@link #sleep}, {@link #schedule}, timers) should not allocate.
 */
public interface Scheduler {

    /**
     * Called once after every PCPU exists and before any domain is added: allocate per-PCPU
     * state and arm periodic timers (Xen's {@code init} plus {@code alloc_pdata} per CPU).
     */
    default void init() {
    }

    /** A domain is created ({@code init_domain}). Its VCPUs follow through {@link #addVcpu}. */
    void addDomain(DomainView domain);

    /** A domain is destroyed ({@code destroy_domain}), after its VCPUs were removed. */
    default void removeDomain(DomainView domain) {
    }

    /**
     * A VCPU is created ({@code init_vcpu}/{@code insert_vcpu}). It is not yet runnable: it
     * becomes so through {@link #wake}. Its {@link VcpuView#processor()} is already set.
     *
     * @throws AdmissionRefusedException to refuse the VCPU (admission control; Xen: a failing
     *                                   {@code insert_unit}): it stays down ({@code _VPF_down}),
     *                                   never runnable, and no other hook hears of it, so checked
     *                                   mode does not expect it on a queue; the run continues;
     *                                   throw before changing any state
     */
    void addVcpu(VcpuView vcpu);

    /** A VCPU is destroyed ({@code destroy_vcpu}); it is neither running nor runnable. */
    default void removeVcpu(VcpuView vcpu) {
    }

    /**
     * A VCPU became runnable ({@code wake}, from {@code vcpu_wake}): from blocked, unpaused,
     * or on its new PCPU after a migration. Queue it on {@link VcpuView#processor()} and tickle
     * as needed. Called also for a VCPU that is already running or queued; such a call must
     * change nothing.
     */
    void wake(VcpuView vcpu);

    /**
     * A VCPU stops being runnable without blocking itself: paused or put to sleep
     * ({@code sleep}, from {@code vcpu_sleep_nosync}). Dequeue it if queued; if it is running,
     * the engine reschedules its PCPU afterwards.
     */
    void sleep(VcpuView vcpu);

    /**
     * The running VCPU yields ({@code yield}, from {@code do_yield}). The engine then
     * reschedules its PCPU; this hook lets the scheduler remember the yield.
     */
    default void yield(VcpuView vcpu) {
    }

    /**
     * Chooses what PCPU {@code pcpu} runs next ({@code do_schedule}). The current VCPU
     * ({@link PcpuView#current()}) may still be runnable, in which case the scheduler decides
     * whether it continues. The chosen VCPU must be runnable (or the PCPU's idle VCPU), allow
     * this PCPU in its affinity and not be running on another PCPU; the engine checks.
     *
     * @param pcpu the PCPU to schedule
     * @param now  the current time
     * @param out  where to put the decision
     */
    void schedule(PcpuView pcpu, long now, ScheduleDecision out);

    /**
     * Chooses a PCPU for a VCPU that is being migrated ({@code pick_cpu}).
     *
     * @param commit whether the choice will be acted on (Xen updates its bias state only then)
     * @return a PCPU in the VCPU's affinity
     */
    int pickCpu(VcpuView vcpu, boolean commit);

    /**
     * The context of a switched-out VCPU has been saved ({@code context_saved}); from now on
     * it may run on another PCPU. Called for idle VCPUs too (Xen calls it for every switch),
     * which have no scheduler state unless the scheduler attached one.
     */
    default void contextSaved(VcpuView vcpu) {
    }

    /**
     * PCPU {@code pcpu} goes idle into a C-state and stops its periodic scheduler tick
     * ({@code tick_suspend}, called by Xen 4.0's cpuidle before entering a C-state). Called
     * only on platforms whose {@link PlatformCosts#usesCstates()} is true.
     */
    default void tickSuspend(int pcpu) {
    }

    /**
     * PCPU {@code pcpu} leaves its idle C-state ({@code tick_resume}); Xen 4.0's credit
     * re-arms its tick at the next multiple of the tick period here.
     */
    default void tickResume(int pcpu) {
    }

    /**
     * New per-domain parameters during a run ({@code adjust}; {@code xl sched-credit -d}).
     * The domain's view already shows them (and its VCPUs' views the values they inherit).
     * Throwing (an {@link InvalidParameterException} for a combination the scheduler refuses)
     * rejects the change: the engine restores the previous parameters and hands the exception to
     * whoever asked for the change. An {@link AdmissionRefusedException} rejects it as a normal
     * outcome: the previous parameters stay, the refusal is reported with the results and the
     * run continues.
     */
    default void adjustDomain(DomainView domain, Parameters previous) {
    }

    /**
     * New scheduler-wide parameters during a run: Xen's {@code adjust_global}, reached by
     * {@code XEN_SYSCTL_SCHEDOP_putinfo} ({@code xl sched-credit -s -t 10 -r 1000},
     * {@code xl sched-rtds -s}, ARINC 653's schedule replacement by {@code arinc653_sched_set}).
     * Called from {@code Simulation.adjustScheduler} or a scenario's timed adjustment, at the
     * current time, with every value resolved and checked by the provider's
     * {@link SchedulerProvider#validate}. Apply what Xen applies (it may re-arm timers and
     * tickle, as any hook); the engine runs the softirqs it raised afterwards. Refuse a
     * parameter Xen cannot change at run time with an {@link InvalidParameterException} naming
     * it (the change is undone and the error reaches whoever asked), or refuse as admission
     * control with an {@link AdmissionRefusedException} (undone, reported, the run goes on).
     * Checked mode demands after it what it demands after every event. The default refuses
     * every change, as Xen's generic layer answers {@code -ENOSYS} for a scheduler without
     * {@code adjust_global}.
     *
     * @param params   the new scheduler-wide parameters
     * @param previous those in force until now
     */
    default void adjustGlobal(Parameters params, Parameters previous) {
        throw new UnsupportedOperationException("this scheduler has no scheduler-wide adjustment during a run"
                + " (Xen's adjust_global; -ENOSYS)");
    }

    /**
     * New per-VCPU parameters during a run (the VCPU's view already shows them). Throwing
     * rejects the change, as for {@link #adjustDomain}; an {@link AdmissionRefusedException}
     * rejects it as a normal outcome, reported with the results, and the run continues.
     */
    default void adjustVcpu(VcpuView vcpu, Parameters previous) {
    }

    /**
     * A guest hypercall addressed to the scheduler (for example
     * {@link Hypercall#SCHEDOP_SOFT_REALTIME}).
     *
     * @return a non-negative value on success, a negative errno ({@link Hypercall}) otherwise
     */
    default long hypercall(VcpuView caller, int op, long arg0, long arg1) {
        return Hypercall.ENOSYS;
    }

    /**
     * The scheduler's name for a VCPU's present priority or class (credit: {@code BOOST},
     * {@code UNDER}, {@code OVER}), or null if it has none. Reports and the wait attribution
     * read it when a watched VCPU wakes up, so it must be cheap: return constants, do not
     * build strings.
     */
    default String priorityName(VcpuView vcpu) {
        return null;
    }

    /**
     * Lists the VCPUs queued on a PCPU's runqueue, in order, idle VCPUs excluded (Xen's
     * {@code dump_cpu_state}). Checked mode calls it for every PCPU after every event and
     * demands, together:
     * <ul>
     *   <li>every runnable guest VCPU that is not the current VCPU of a PCPU is reported exactly
     *       once: a VCPU that stays runnable when {@code schedule} switches it out is reported
     *       from then on, while its context is still being saved ({@link VcpuView#isRunning()}
     *       stays true until {@link #contextSaved});</li>
     *   <li>each is reported under its own PCPU, {@code action} called from
     *       {@code forEachQueued(v.processor(), ...)}: a scheduler with one queue shared by
     *       several PCPUs (a global runqueue, credit2's per-socket queues) reports each queued
     *       VCPU under its {@code processor()}, not under every PCPU of the queue;</li>
     *   <li>no reported VCPU is blocked, paused, migrating or current on a PCPU.</li>
     * </ul>
     * Schedulers that cannot enumerate their queues return false from {@link #reportsQueues()}
     * and are checked without these rules.
     */
    default void forEachQueued(int pcpu, Consumer<VcpuView> action) {
    }

    /**
     * Writes the scheduler's state for a person reading an error (Xen's {@code dump_settings}
     * and {@code dump_cpu_state} for every PCPU, printed by the {@code 'r'} debug key): its
     * settings, what each PCPU runs and its queue in order with each VCPU's priority, credit,
     * budget or deadline. Checked mode calls it when it finds an invariant broken (a lost VCPU,
     * a VCPU queued twice, an impossible decision) and appends it to the violation's message
     * ({@code InvariantViolationException.schedulerState()}), so the message shows the queues
     * that lost the VCPU. Never called on the hot path: it may allocate. It must only read: it
     * must not change state, arm timers or tickle; an exception it throws is reported in place
     * of the dump. One line per PCPU or queue, no trailing newline needed.
     *
     * @param out where to write
     */
    default void dumpState(StringBuilder out) {
    }

    /** Whether {@link #forEachQueued} is implemented. */
    default boolean reportsQueues() {
        return false;
    }
}
