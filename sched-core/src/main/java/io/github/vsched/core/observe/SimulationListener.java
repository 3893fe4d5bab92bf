package io.github.vsched.core.observe;

import io.github.vsched.api.PcpuView;
import io.github.vsched.api.QualityEvent;
import io.github.vsched.api.RunState;
import io.github.vsched.api.VcpuView;

/**
 * Observes a running simulation: recorders, trace sinks and tests. Every callback is on the
 * engine's hot path, so implementations must be quick and should not allocate. All arguments
 * are live views: read them during the call, do not keep them for later.
 */
public interface SimulationListener {

    /**
     * A VCPU became runnable (from blocked, unpaused, or migrated). Called after the
     * scheduler's {@code wake}, so the scheduler's state already shows the wake-up (credit's
     * BOOST, say); trace events the scheduler emitted while waking it come first.
     */
    default void onWake(VcpuView vcpu, long now) {
    }

    /** A VCPU blocked (waiting for an event). */
    default void onBlock(VcpuView vcpu, long now) {
    }

    /**
     * A VCPU stopped being runnable for another reason than blocking: paused, parked by a cap
     * or halted (Xen's {@code vcpu_sleep_nosync}). Called before its runstate changes.
     */
    default void onSleep(VcpuView vcpu, long now) {
    }

    /** A running VCPU yields its PCPU ({@code SCHEDOP_yield}); called before the scheduler's {@code yield}. */
    default void onYield(VcpuView vcpu, long now) {
    }

    /**
     * A VCPU's runstate changed (Xen's {@code vcpu_runstate_change}), idle VCPUs included. Called
     * at the change, before the {@link #onDeschedule}, {@link #onDispatch} or {@link #onWake} that
     * reports its cause; {@code vcpu.runState()} is already {@code to}. The times between a
     * VCPU's changes are its runstate times in the run's result.
     */
    default void onRunstateChange(VcpuView vcpu, RunState from, RunState to, long now) {
    }

    /**
     * A VCPU was switched in on a PCPU (the scheduler chose it and it was not already
     * running there). The idle VCPUs are included.
     *
     * @param afterWake whether this is its first dispatch since it last woke up
     */
    default void onDispatch(PcpuView pcpu, VcpuView vcpu, long now, boolean afterWake) {
    }

    /** A VCPU was switched out of a PCPU. The idle VCPUs are included. */
    default void onDeschedule(PcpuView pcpu, VcpuView vcpu, long now) {
    }

    /** A VCPU moved from one PCPU to another (a steal or a migration). */
    default void onMigrate(VcpuView vcpu, int fromPcpu, int toPcpu, long now) {
    }

    /**
     * Time a PCPU spent on hypervisor work attributed to a VCPU (context switch, cache
     * refill, VM exits), charged as CPU time but not guest progress.
     */
    default void onOverhead(int pcpu, VcpuView vcpu, long ns, long now) {
    }

    /** Whether this listener wants scheduler trace events ({@link #onTrace}). */
    default boolean wantsTrace() {
        return false;
    }

    /**
     * A scheduler trace event.
     *
     * @param typeName the registered event name (a constant string, e.g. {@code boost})
     */
    default void onTrace(long now, int type, String typeName, int pcpu, VcpuView vcpu, long arg0, long arg1) {
    }

    /**
     * A guest reported the quality it delivers ({@link io.github.vsched.api.Guest#report}): a
     * frame on time, late or dropped, an audio write or underrun.
     *
     * @param vcpu  the VCPU whose guest model reported it
     * @param event what happened
     * @param value its measure ({@link QualityEvent} gives the unit)
     */
    default void onQuality(VcpuView vcpu, QualityEvent event, long value, long now) {
    }

    /** The run has ended at {@code now}. */
    default void onEnd(long now) {
    }
}
