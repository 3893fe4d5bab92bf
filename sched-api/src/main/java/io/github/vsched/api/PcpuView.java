package io.github.vsched.api;

/** A read-only view of a physical CPU (Xen's {@code per_cpu(schedule_data)}). */
public interface PcpuView {

    /** The PCPU number. */
    int id();

    /** The VCPU currently switched in ({@code curr}), possibly the idle VCPU. */
    VcpuView current();

    /** This PCPU's idle VCPU. */
    VcpuView idleVcpu();

    /** Whether the idle VCPU is current. */
    default boolean isIdle() {
        return current().isIdle();
    }

    /** What the scheduler attached with {@link SchedulerContext#setPrivate(PcpuView, Object)}. */
    Object schedulerPrivate();

    /**
     * What the scheduler attached, as its own type: {@code v.schedulerPrivate(MyVcpu.class)}
     * instead of a cast at every use. Xen's {@code per_cpu(schedule_data).sched_priv}, typed.
     *
     * @throws IllegalStateException naming the PCPU, what is attached and the type asked for, if
     *                               nothing or something of another type is attached
     */
    default <T> T schedulerPrivate(Class<T> type) {
        Object state = schedulerPrivate();
        if (!type.isInstance(state)) {
            throw PrivateState.mismatch("pcpu" + id(), state, type);
        }
        return type.cast(state);
    }
}
