package io.github.vsched.core.internal.schedule;

import io.github.vsched.api.ScheduleDecision;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.internal.state.Machine;
import io.github.vsched.core.internal.state.PcpuState;
import io.github.vsched.core.internal.state.VcpuState;
import io.github.vsched.core.observe.InvariantViolationException;

/**
 * The checks every decision of a scheduler's {@code schedule} passes, checked mode or not: a
 * decision Xen would crash on (or silently misbehave with) stops the run with a message naming
 * the scheduler, the PCPU, the time, the event and the decision.
 */
final class DecisionCheck {
    private DecisionCheck() {
    }

    /**
     * The VCPU to run, if the decision ({@code chosen}, {@code slice}) is possible on {@code p}.
     * The usual case, a decision that passes, is checked here in few steps (small enough to be
     * inlined into {@code schedule}); anything else goes through {@link #diagnose}, which makes
     * the same checks one by one and names the first that fails.
     */
    static VcpuState validate(Machine m, PcpuState p, VcpuState prev, VcpuView chosen, long slice) {
        if (chosen instanceof VcpuState next && next.id < m.vcpus.size() && m.vcpus.get(next.id) == next
                && (slice > 0 || slice == ScheduleDecision.NO_SLICE)
                && (next.isIdle() ? next == p.idle
                        : next.isRunnable() && (next == prev || !next.running) && next.domain.pool == p.pool
                        && next.affinity.contains(p.id))) {
            return next;
        }
        return diagnose(m, p, prev, chosen, slice);
    }

    /** {@link #validate}'s checks one at a time: throws, naming the first that fails. */
    private static VcpuState diagnose(Machine m, PcpuState p, VcpuState prev, VcpuView chosen, long slice) {
        if (chosen == null) {
            throw error(m, p, null, slice, "returned no VCPU (use the PCPU's idle VCPU to idle)");
        }
        if (!(chosen instanceof VcpuState next) || m.vcpus.size() <= next.id || m.vcpus.get(next.id) != next) {
            throw error(m, p, null, slice, "returned a VCPU that is not one of this simulation's: " + chosen);
        }
        if (slice != ScheduleDecision.NO_SLICE && slice <= 0) {
            throw error(m, p, next, slice, slice == Long.MIN_VALUE ? "set no slice"
                    : "returned a non-positive slice " + slice + " ns (allowed: > 0, or NO_SLICE)");
        }
        if (next.isIdle()) {
            if (next != p.idle) {
                throw error(m, p, next, slice, "returned the idle VCPU of another PCPU");
            }
            return next;
        }
        if (!next.isRunnable()) {
            throw error(m, p, next, slice, "returned a VCPU that is not runnable ("
                    + (next.blocked ? "blocked" : next.halted ? "halted" : next.migrateRequested ? "migrating" : "paused")
                    + ")");
        }
        if (next != prev && next.running) {
            throw error(m, p, next, slice, "returned a VCPU that is running on pcpu" + next.processor
                    + " (is_running is set until its context is saved)");
        }
        if (next.domain.pool != p.pool) {
            throw error(m, p, next, slice, "returned a VCPU of cpupool " + next.domain.pool.name
                    + "; pcpu" + p.id + " is in cpupool " + p.pool.name);
        }
        if (!next.affinity.contains(p.id)) {
            throw error(m, p, next, slice, "returned a VCPU whose affinity " + next.affinity
                    + " excludes pcpu" + p.id);
        }
        return next;
    }

    private static InvariantViolationException error(Machine m, PcpuState p, VcpuState v, long slice, String what) {
        return new InvariantViolationException("scheduler " + m.schedulerName(p) + " on pcpu" + p.id + " at t=" + m.now
                + " ns (" + m.describeCurrentEvent() + "): schedule() " + what + "; decision: run "
                + (v == null ? "null" : v.name) + " slice " + (slice == Long.MIN_VALUE ? "unset" : slice)
                + "; current was " + p.current.name, m.schedulerState());
    }
}
