package io.github.vsched.core.internal.state;

import io.github.vsched.api.PcpuView;

/** The engine's state of a PCPU (Xen's {@code per_cpu(schedule_data)} and softirq state). */
public final class PcpuState implements PcpuView {
    public final int id;
    public final VcpuState idle;
    public VcpuState current;
    public Object schedPriv;
    /** Its cpupool, whose scheduler instance schedules it. */
    public Cpupool pool;

    /** The VCPU switched out by the context switch in progress (until context_saved). */
    public VcpuState prev;
    /** A context switch is in progress: the new VCPU does not execute yet. */
    public boolean switching;
    /** A softirq arrived during a context switch and runs when it ends. */
    public boolean deferredSoftirq;
    /** A softirq was raised on this PCPU while it was handling an event. */
    public boolean localSoftirq;
    public long idleSince;
    public long busyNs;
    public long busySince = -1;

    // last decision, for error messages
    public VcpuState lastDecision;
    public long lastSlice;
    public long lastDecisionTime = -1;

    /** SCHEDULE_SOFTIRQ delivered to this PCPU after an IPI (an event of the schedule layer). */
    public EngineEvent softirq;
    /** The slice timer ({@code s_timer}): when it fires, the PCPU reschedules. */
    public XenTimer slice;
    /** The end of the context switch in progress. */
    public EngineEvent switchDone;

    /** A PCPU running its idle VCPU; the schedule layer gives it its events. */
    public PcpuState(int id, VcpuState idle) {
        this.id = id;
        this.idle = idle;
        this.current = idle;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public VcpuState current() {
        return current;
    }

    @Override
    public VcpuState idleVcpu() {
        return idle;
    }

    @Override
    public boolean isIdle() {
        return current == idle;
    }

    @Override
    public Object schedulerPrivate() {
        return schedPriv;
    }

    @Override
    public String toString() {
        return "pcpu" + id;
    }
}
