package io.github.vsched.core.internal.io;

import io.github.vsched.core.internal.state.VcpuState;

/**
 * How the I/O path reaches a VCPU: an event-channel notification (or a virtual interrupt) that
 * its guest hears of and that wakes it if it blocked. Guest execution implements it.
 */
public interface EventChannel {
    /** Delivers a guest event of {@code kind} ({@link io.github.vsched.api.GuestEvent}) with {@code tag}. */
    void deliver(VcpuState v, int kind, long tag);
}
