package io.github.vsched.api;

/**
 * Where {@link Scheduler#schedule} puts its answer (Xen's {@code struct task_slice}). The
 * engine supplies one reusable instance, so the hot path allocates nothing.
 */
public interface ScheduleDecision {

    /** Slice value meaning "arm no slice timer" (Xen's {@code -1}). */
    long NO_SLICE = -1;

    /**
     * Sets the decision.
     *
     * @param next    the VCPU to run: a runnable VCPU whose affinity includes this PCPU and
     *                that is not running elsewhere, or this PCPU's idle VCPU
     * @param sliceNs when to call {@code schedule} again if nothing else does first
     *                (&gt; 0), or {@link #NO_SLICE}
     */
    void run(VcpuView next, long sliceNs);
}
