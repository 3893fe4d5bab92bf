package io.github.vsched.core.internal.check;

import io.github.vsched.api.RunState;
import io.github.vsched.api.ScheduleDecision;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.internal.schedule.ScheduleLayer;
import io.github.vsched.core.internal.state.Cpupool;
import io.github.vsched.core.internal.state.Machine;
import io.github.vsched.core.internal.state.PcpuState;
import io.github.vsched.core.internal.state.VcpuState;
import io.github.vsched.core.observe.InvariantViolationException;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Checked mode: after every event, the invariants of Xen's scheduling layer. A VCPU runs on at
 * most one PCPU, on the PCPU its {@code processor} names, with {@code is_running} set; a
 * running VCPU is runnable unless a reschedule is pending; queued VCPUs (as the scheduler
 * reports them) are runnable, not running, queued once and on their own PCPU; no runnable VCPU
 * is lost. A violation names the event after which it was found and the PCPU's last decision.
 */
public final class InvariantChecker {
    private final Machine m;
    private final ScheduleLayer schedule;

    public InvariantChecker(Machine m, ScheduleLayer schedule) {
        this.m = m;
        this.schedule = schedule;
    }

    /** Checks every invariant after {@code event}. */
    public void check(String event) {
        VcpuState[] currentOn = checkRunning(event);
        boolean reports = false;
        for (Cpupool pool : m.pools) {
            reports |= pool.scheduler.reportsQueues();
        }
        if (reports) {
            checkQueues(event, currentOn);
        }
    }

    /** The running VCPUs; returns, by VCPU id, the VCPUs current on a PCPU. */
    private VcpuState[] checkRunning(String event) {
        VcpuState[] currentOn = new VcpuState[m.vcpus.size()];
        for (PcpuState p : m.pcpus) {
            VcpuState c = p.current;
            if (c.isIdle()) {
                if (c != p.idle) {
                    throw violation(event, p, c, "runs the idle VCPU of another PCPU");
                }
                continue;
            }
            if (currentOn[c.id] != null) {
                throw violation(event, p, c, "runs a VCPU that is also running on pcpu" + currentOn[c.id].processor);
            }
            currentOn[c.id] = c;
            if (c.processor != p.id) {
                throw violation(event, p, c, "runs a VCPU whose processor is pcpu" + c.processor);
            }
            if (!c.running) {
                throw violation(event, p, c, "runs a VCPU whose is_running flag is clear");
            }
            if (!c.isRunnable() && !schedule.reschedulePending(p)) {
                throw violation(event, p, c, "runs a VCPU that is not runnable, and no reschedule is pending");
            }
        }
        for (VcpuState v : m.vcpus) {
            if (v.isIdle() || currentOn[v.id] != null) {
                continue;
            }
            if (v.running && m.pcpus[v.processor].prev != v) {
                throw violation(event, m.pcpus[v.processor], v, "has is_running set but runs nowhere");
            }
            if (v.state == RunState.RUNNING) {
                throw violation(event, m.pcpus[v.processor], v, "is in runstate RUNNING but runs nowhere");
            }
        }
        return currentOn;
    }

    /** The scheduler's run queues against the VCPUs' states. */
    private void checkQueues(String event, VcpuState[] currentOn) {
        int[] queuedOn = new int[m.vcpus.size()];
        Arrays.fill(queuedOn, -1);
        for (int c = 0; c < m.pcpus.length; c++) {
            PcpuState p = m.pcpus[c];
            final int cpu = c;
            Consumer<VcpuView> visit = view -> {
                VcpuState v = (VcpuState) view;
                if (v.isIdle()) {
                    return;
                }
                if (queuedOn[v.id] >= 0) {
                    throw violation(event, p, v, "is queued twice (also on pcpu" + queuedOn[v.id] + ")");
                }
                queuedOn[v.id] = cpu;
                if (!v.isRunnable()) {
                    throw violation(event, p, v, "is queued but not runnable");
                }
                if (currentOn[v.id] != null) {
                    throw violation(event, p, v, "is queued while running on pcpu" + v.processor);
                }
                if (v.processor != cpu) {
                    throw violation(event, p, v, "is queued on pcpu" + cpu + " but its processor is pcpu" + v.processor);
                }
            };
            if (p.pool.scheduler.reportsQueues()) {
                p.pool.scheduler.forEachQueued(c, visit);
            }
        }
        for (VcpuState v : m.vcpus) {
            if (!v.isIdle() && v.isRunnable() && currentOn[v.id] == null && queuedOn[v.id] < 0
                    && v.domain.pool.scheduler.reportsQueues()) {
                throw violation(event, m.pcpus[v.processor], v, "is runnable but neither running nor queued (lost)");
            }
        }
    }

    private InvariantViolationException violation(String event, PcpuState p, VcpuState v, String what) {
        return new InvariantViolationException("checked mode: after " + event + " at t=" + m.now + " ns: pcpu" + p.id
                + " / " + v.name + " " + what + "; last decision on pcpu" + p.id + ": "
                + (p.lastDecision == null ? "none" : "run " + p.lastDecision.name + " slice "
                + (p.lastSlice == ScheduleDecision.NO_SLICE ? "none" : p.lastSlice + " ns") + " at t="
                + p.lastDecisionTime + " ns") + " by scheduler " + m.schedulerName(p), m.schedulerState());
    }
}
