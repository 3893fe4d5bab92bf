package io.github.vsched.core.internal.schedule;

import io.github.vsched.core.internal.state.VcpuState;

/**
 * What the schedule layer needs of guest execution: a VCPU starts executing when its context
 * switch ends, and stops (its progress accounted) when it is switched out.
 */
public interface Execution {
    /** {@code v} has been switched in and its context restored: its guest work proceeds. */
    void begin(VcpuState v);

    /** {@code v} is being switched out: what it did up to now is accounted, the rest waits. */
    void stop(VcpuState v);
}
