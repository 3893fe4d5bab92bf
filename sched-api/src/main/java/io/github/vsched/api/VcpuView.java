package io.github.vsched.api;

/**
 * A read-only view of a VCPU (Xen's {@code struct vcpu}), the idle VCPUs included. Its state
 * belongs to the engine; a scheduler changes it only by its decisions and through
 * {@link SchedulerContext}.
 */
public interface VcpuView {

    /** Dense id over all VCPUs: the idle VCPU of PCPU {@code c} has id {@code c}; guests follow. */
    int id();

    /** The VCPU's number within its domain ({@code vcpu_id}). */
    int index();

    /** The domain it belongs to. */
    DomainView domain();

    /** Whether this is a PCPU's idle VCPU. */
    default boolean isIdle() {
        return domain().isIdle();
    }

    /** The PCPU it last ran on or is queued for ({@code v->processor}). */
    int processor();

    /**
     * Xen's {@code is_running}: true from the moment it is switched in until its context has
     * been saved after it is switched out. A VCPU with this set cannot run elsewhere.
     */
    boolean isRunning();

    /**
     * Whether nothing stops it from running ({@code vcpu_runnable}): not blocked, paused,
     * parked, down, nor waiting to migrate (Xen's {@code _VPF_migrating} is a pause flag).
     */
    boolean isRunnable();

    /** The runstate and since when ({@link #stateEntryTime()}). */
    RunState runState();

    /** When it entered its current runstate ({@code runstate.state_entry_time}). */
    long stateEntryTime();

    /** When it was last switched out ({@code last_run_time}), or -1 if never. */
    long lastRunTime();

    /** Whether a migration has been requested and not yet carried out ({@code _VPF_migrating}). */
    boolean isMigrating();

    /** Whether it is paused (for example parked by a cap). */
    boolean isPaused();

    /**
     * Hard affinity: the PCPUs it may run on. In a machine split into cpupools this is the
     * effective affinity, the hard affinity within its domain's pool's PCPUs (Xen's
     * schedulers compute {@code hard_affinity & cpupool_domain_master_cpumask} each time).
     */
    CpuMask affinity();

    /**
     * The scheduler's per-VCPU parameters ({@link SchedulerProvider#vcpuParameters()}), as
     * resolved at creation or by the latest adjustment.
     */
    Parameters schedulerParameters();

    /** What the scheduler attached with {@link SchedulerContext#setPrivate(VcpuView, Object)}. */
    Object schedulerPrivate();

    /**
     * What the scheduler attached, as its own type: {@code v.schedulerPrivate(MyVcpu.class)}
     * instead of a cast at every use. Xen's {@code vcpu->sched_priv}, typed.
     *
     * @throws IllegalStateException naming the VCPU, what is attached and the type asked for, if
     *                               nothing or something of another type is attached
     */
    default <T> T schedulerPrivate(Class<T> type) {
        Object state = schedulerPrivate();
        if (!type.isInstance(state)) {
            throw PrivateState.mismatch(name(), state, type);
        }
        return type.cast(state);
    }

    /** {@code d<domain>v<index>}, or {@code idle<pcpu>}. */
    String name();
}
