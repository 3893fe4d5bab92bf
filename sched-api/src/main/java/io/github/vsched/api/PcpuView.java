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
}
