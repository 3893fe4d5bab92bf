package io.github.vsched.api;

/** Xen's VCPU runstates ({@code RUNSTATE_*} in {@code xen/include/public/vcpu.h}). */
public enum RunState {
    /** Running on a PCPU. */
    RUNNING,
    /** Runnable, waiting for a PCPU. */
    RUNNABLE,
    /** Blocked, waiting for an event (I/O completion, timer). */
    BLOCKED,
    /** Not runnable for another reason (paused, parked by a cap, down). */
    OFFLINE
}
