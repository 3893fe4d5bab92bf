package io.github.vsched.core.internal.schedule;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.RunState;
import io.github.vsched.api.ScheduleDecision;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.internal.bus.ListenerBus;
import io.github.vsched.core.internal.state.EngineEvent;
import io.github.vsched.core.internal.state.Machine;
import io.github.vsched.core.internal.state.PcpuState;
import io.github.vsched.core.internal.state.VcpuState;
import io.github.vsched.core.internal.state.XenTimer;
import io.github.vsched.core.internal.timer.Timers;
import io.github.vsched.core.observe.InvariantViolationException;

/**
 * Xen's generic scheduling layer ({@code xen/common/schedule.c}) and its schedule softirq.
 *
 * <p>How the functions map: {@link #raiseSoftirq} is {@code cpu_raise_softirq(SCHEDULE_SOFTIRQ)}
 * (an IPI when remote); {@link #schedule} is {@code schedule()}; {@link #switchDone} is the end
 * of {@code context_switch} with {@code context_saved}; {@link #vcpuMigrate} is
 * {@code vcpu_migrate}; {@link #wake} is {@code vcpu_wake}; {@link #pause} is
 * {@code vcpu_pause_nosync}; {@link #sleep} is {@code vcpu_sleep_nosync}.
 */
public final class ScheduleLayer {
    private final Machine m;
    private final Timers timers;
    private final ListenerBus bus;
    private final Decision decision = new Decision();
    /** A local softirq may be pending on some PCPU: set by every local raise, cleared by a full drain. */
    private boolean localRaised;
    private Execution execution;

    public ScheduleLayer(Machine m, Timers timers, ListenerBus bus) {
        this.m = m;
        this.timers = timers;
        this.bus = bus;
        for (PcpuState p : m.pcpus) {
            p.softirq = new Softirq(this, p);
            p.slice = new SliceTimer(this, p);
            p.switchDone = new SwitchDone(this, p);
        }
    }

    /** Connects guest execution, which starts and stops VCPUs as they are switched. */
    public void setExecution(Execution execution) {
        this.execution = execution;
    }

    // ---------------------------------------------------------------- the schedule softirq

    /**
     * {@code cpu_raise_softirq(target, SCHEDULE_SOFTIRQ)}: on the PCPU handling the current
     * event it runs when that handling ends; elsewhere after the IPI latency, plus the C-state
     * exit latency if the target is idle in a C-state. Raises coalesce: while one is pending on
     * the target, another adds nothing ({@code cpu_raise_softirq} sends the IPI only when the
     * bit was clear), and a pass of {@link #schedule} on the target serves it.
     */
    public void raiseSoftirq(int target) {
        Machine m = this.m;
        PcpuState p = m.pcpus[target];
        int executing = m.executing;
        long delay = 0;
        if (target != executing && executing >= 0) {
            delay += m.platform.ipiLatencyNs(executing, target);
        }
        if (p.current == p.idle && !p.switching && m.costs.usesCstates()) {
            delay += m.platform.cstateExitNs(target, m.now - p.idleSince);
        }
        if (delay == 0 && (target == executing || executing < 0)) {
            p.localSoftirq = true;
            localRaised = true;
            return;
        }
        if (!p.softirq.isScheduled()) {
            m.queue.schedule(p.softirq, m.now + delay);
        }
    }

    /** Raises the softirq on {@code pcpu} as a local one, to run at the next drain. */
    public void raiseLocal(int pcpu) {
        m.pcpus[pcpu].localSoftirq = true;
        localRaised = true;
    }

    /**
     * Runs the softirqs raised locally while the current event was handled: the handling PCPU's,
     * or outside events every PCPU's (none to look at unless one was raised since the last time).
     */
    public void drainLocalSoftirqs() {
        int cpu = m.executing;
        if (cpu < 0) {
            if (!localRaised) {
                return;
            }
            localRaised = false; // set again by any raise from here on
            for (PcpuState p : m.pcpus) {
                if (p.localSoftirq) {
                    m.executing = p.id;
                    runLocalSoftirq(p);
                }
            }
            m.executing = cpu;
            return;
        }
        runLocalSoftirq(m.pcpus[cpu]);
    }

    private void runLocalSoftirq(PcpuState p) {
        while (p.localSoftirq) {
            p.localSoftirq = false;
            if (p.switching) {
                p.deferredSoftirq = true;
            } else {
                schedule(p);
            }
        }
    }

    private void softirq(PcpuState p) {
        if (p.switching) {
            p.deferredSoftirq = true;
        } else {
            schedule(p);
        }
    }

    /** Whether {@code p} will reschedule without a new cause (a softirq pending or deferred). */
    public boolean reschedulePending(PcpuState p) {
        return p.softirq.isScheduled() || p.localSoftirq || p.switching || p.deferredSoftirq;
    }

    // ---------------------------------------------------------------- schedule() and the switch

    /**
     * Xen's {@code schedule()} on one PCPU. SCHEDULE_SOFTIRQ is one pending bit per PCPU: a
     * remote raise whose IPI is still on its way set that bit already, so this pass serves it
     * too, and the IPI, when it lands, finds nothing to do.
     */
    private void schedule(PcpuState p) {
        Machine m = this.m;
        long now = m.now;
        if (p.softirq.isScheduled()) {
            m.queue.cancel(p.softirq);
        }
        VcpuState prev = p.current;
        // stop_timer(s_timer); usually set again below, so the stop and the set are done as one
        timers.stopForRearm(p.slice);
        Decision d = decision;
        d.vcpu = null;
        d.slice = Long.MIN_VALUE;
        VcpuState next;
        try {
            p.pool.scheduler.schedule(p, now, d);
            next = DecisionCheck.validate(m, p, prev, d.vcpu, d.slice);
        } catch (RuntimeException | Error e) {
            timers.completeDeferredStop();
            throw e;
        }
        long slice = d.slice;
        p.lastDecision = next;
        p.lastSlice = slice;
        p.lastDecisionTime = now;
        m.hash = Machine.mix(m.hash, ((long) next.id << 32) ^ (slice == ScheduleDecision.NO_SLICE ? 0xffff : slice));
        if (slice != ScheduleDecision.NO_SLICE) {
            timers.set(p.slice, p.id, now + slice);
        } else {
            timers.completeDeferredStop();
        }
        if (next == prev) {
            return; // continue_running
        }
        if (next.processor != p.id) {
            int from = next.processor;
            next.processor = p.id;
            timers.migrate(next.guestTimer, p.id);
            bus.migrate(next, from, p.id, now);
        }
        switchOut(p, prev, now);
        switchIn(p, prev, next, now);
        p.prev = prev;
        p.switching = true;
        long cost = m.costs.contextSwitchNs();
        if (!next.isIdle()) {
            owedCacheRefill(p, next);
            bus.overhead(p.id, next, cost, now);
        }
        if (cost == 0) {
            switchDone(p);
        } else {
            m.queue.schedule(p.switchDone, now + cost);
        }
    }

    private void switchOut(PcpuState p, VcpuState prev, long now) {
        if (!prev.isIdle()) {
            execution.stop(prev);
            setState(prev, prev.isRunnable() ? RunState.RUNNABLE
                    : prev.blocked ? RunState.BLOCKED : RunState.OFFLINE, now);
            p.busyNs += now - p.busySince;
            p.busySince = -1;
        } else {
            setState(prev, RunState.RUNNABLE, now);
        }
        prev.lastRunTime = now;
        bus.deschedule(p, prev, now);
    }

    private void switchIn(PcpuState p, VcpuState prev, VcpuState next, long now) {
        setState(next, RunState.RUNNING, now);
        next.running = true;
        m.setCurrent(p, next);
        boolean afterWake = next.wokenSinceDispatch;
        next.wokenSinceDispatch = false;
        bus.dispatch(p, next, now, afterWake);
        boolean cstates = m.costs.usesCstates();
        if (next.isIdle()) {
            p.idleSince = now;
            if (cstates) {
                p.pool.scheduler.tickSuspend(p.id);
            }
        } else {
            p.busySince = now;
            if (prev.isIdle() && cstates) {
                p.pool.scheduler.tickResume(p.id);
            }
        }
    }

    /** Changes a VCPU's runstate ({@code vcpu_runstate_change}) and tells the listeners. */
    private void setState(VcpuState v, RunState to, long now) {
        RunState from = v.state;
        v.setState(to, now);
        if (from != to) {
            bus.runstateChange(v, from, to, now);
        }
    }

    /** After a move across caches, the VCPU owes a refill of its working set (a cold cache). */
    private void owedCacheRefill(PcpuState p, VcpuState next) {
        if (next.lastExecutedPcpu >= 0 && next.lastExecutedPcpu != p.id) {
            long refill = m.platform.migrationPenaltyNs(next.lastExecutedPcpu, p.id,
                    next.model == null ? 0 : next.model.workingSetBytes());
            if (refill > 0) {
                next.refillNs = refill; // what was refilled elsewhere is lost
            }
        }
    }

    /** The end of a context switch: {@code context_saved(prev)}, then the new VCPU executes. */
    private void switchDone(PcpuState p) {
        p.switching = false;
        VcpuState prev = p.prev;
        p.prev = null;
        if (prev != null && prev != p.current) {
            prev.running = false;
            prev.domain.pool.scheduler.contextSaved(prev);
            if (prev.migrateRequested) {
                vcpuMigrate(prev);
            }
        }
        VcpuState cur = p.current;
        if (!cur.isIdle()) {
            cur.lastExecutedPcpu = p.id;
            execution.begin(cur);
        }
        if (p.deferredSoftirq) {
            p.deferredSoftirq = false;
            int saved = m.executing;
            m.executing = p.id;
            p.localSoftirq = true;
            runLocalSoftirq(p);
            m.executing = saved;
        }
    }

    // ---------------------------------------------------------------- wake, sleep, migrate

    /** Xen's {@code vcpu_wake}. */
    public void wake(VcpuState v) {
        long now = m.now;
        if (!v.isRunnable()) {
            if (!v.blocked && v.state == RunState.BLOCKED) {
                setState(v, RunState.OFFLINE, now);
            }
            return;
        }
        boolean wokeUp = v.state == RunState.BLOCKED || v.state == RunState.OFFLINE;
        if (wokeUp) {
            setState(v, RunState.RUNNABLE, now);
            v.wokenSinceDispatch = true;
        }
        v.domain.pool.scheduler.wake(v);
        if (wokeUp) {
            bus.wake(v, now);
        }
    }

    /** {@code vcpu_unblock}: a blocked VCPU is no longer blocked, and wakes. */
    public void unblock(VcpuState v) {
        if (v.blocked) {
            v.blocked = false;
            wake(v);
        }
    }

    /** {@code vcpu_sleep_nosync} for a VCPU that just stopped being runnable. */
    public void sleep(VcpuState v) {
        bus.sleep(v, m.now);
        if (v.state == RunState.RUNNABLE) {
            setState(v, RunState.OFFLINE, m.now);
        }
        v.domain.pool.scheduler.sleep(v);
        if (m.isCurrent(v)) {
            raiseSoftirq(v.processor);
        }
    }

    /** {@code vcpu_pause_nosync}. */
    public void pause(VcpuView vcpu) {
        VcpuState v = Machine.guestVcpu(vcpu, "pause");
        boolean wasRunnable = v.isRunnable();
        v.pauseCount++;
        if (wasRunnable) {
            sleep(v);
        }
    }

    /** {@code vcpu_unpause}. */
    public void unpause(VcpuView vcpu) {
        VcpuState v = Machine.guestVcpu(vcpu, "unpause");
        if (v.pauseCount == 0) {
            throw new InvariantViolationException("scheduler " + m.schedulerName(v) + " unpaused " + v.name
                    + " at t=" + m.now + " ns, which is not paused", m.schedulerState());
        }
        if (--v.pauseCount == 0) {
            wake(v);
        }
    }

    /** Sets {@code _VPF_migrating} and moves the VCPU as soon as it is not running. */
    public void migrate(VcpuView vcpu) {
        VcpuState v = Machine.guestVcpu(vcpu, "migrate");
        if (v.migrateRequested || v.halted) {
            return;
        }
        boolean wasRunnable = v.isRunnable();
        v.migrateRequested = true;
        if (m.isCurrent(v)) {
            raiseSoftirq(v.processor);
        } else if (!v.running) {
            if (wasRunnable) {
                v.domain.pool.scheduler.sleep(v);
            }
            vcpuMigrate(v);
        }
        // else: being switched out; switchDone() migrates it after context_saved
    }

    /** Xen's {@code vcpu_migrate}: pick a PCPU, move there, wake. */
    private void vcpuMigrate(VcpuState v) {
        v.migrateRequested = false;
        int to = v.domain.pool.scheduler.pickCpu(v, true);
        if (to < 0 || to >= m.pcpus.length || !v.affinity.contains(to)) {
            throw new InvariantViolationException("scheduler " + m.schedulerName(v) + " at t=" + m.now + " ns ("
                    + m.describeCurrentEvent() + "): pickCpu(" + v.name + ") returned " + to
                    + ", outside its affinity " + v.affinity, m.schedulerState());
        }
        int from = v.processor;
        if (to != from) {
            v.processor = to;
            timers.migrate(v.guestTimer, to);
            bus.migrate(v, from, to, m.now);
        }
        v.inMigrationWake = true;
        try {
            wake(v);
        } finally {
            v.inMigrationWake = false;
        }
    }

    /**
     * Changes a VCPU's hard affinity ({@code vcpu_set_affinity}); it migrates (through the
     * scheduler's {@code pickCpu}) only if its PCPU is outside the new mask.
     */
    public void setAffinity(VcpuView vcpu, CpuMask mask) {
        VcpuState v = Machine.guestVcpu(vcpu, "set affinity of");
        if (mask.isEmpty() || !mask.within(m.pcpus.length)) {
            throw new IllegalArgumentException("affinity " + mask + " of " + v.name + " must name PCPUs 0-"
                    + (m.pcpus.length - 1));
        }
        CpuMask poolCpus = v.domain.pool.cpus;
        if (poolCpus.size() < m.pcpus.length) {
            // vcpu_set_hard_affinity: -EINVAL unless the mask meets the pool's CPUs
            mask = mask.and(poolCpus);
            if (mask.isEmpty()) {
                throw new IllegalArgumentException("affinity of " + v.name + " has no PCPU in its cpupool "
                        + v.domain.pool.name + " (PCPUs " + poolCpus + ")");
            }
        }
        v.affinity = mask;
        if (!mask.contains(v.processor)) {
            migrate(v); // Xen 4.0 __vcpu_set_affinity: only a VCPU outside its new mask moves
        }
    }

    // ---------------------------------------------------------------- events

    /** The engine's {@link ScheduleDecision}: one instance, reused. */
    private static final class Decision implements ScheduleDecision {
        VcpuView vcpu;
        long slice;

        @Override
        public void run(VcpuView next, long sliceNs) {
            this.vcpu = next;
            this.slice = sliceNs;
        }
    }

    /** SCHEDULE_SOFTIRQ delivered to a PCPU after an IPI. */
    private static final class Softirq extends EngineEvent {
        private final ScheduleLayer layer;
        private final PcpuState pcpu;

        Softirq(ScheduleLayer layer, PcpuState pcpu) {
            super(SOFTIRQ, pcpu.id);
            this.layer = layer;
            this.pcpu = pcpu;
        }

        @Override
        public void fire() {
            layer.softirq(pcpu);
        }

        @Override
        public int pcpu() {
            return pcpu.id;
        }

        @Override
        public String describe() {
            return "schedule softirq on pcpu" + pcpu.id;
        }
    }

    /** The slice timer ({@code s_timer}): when it fires, the PCPU reschedules. */
    private static final class SliceTimer extends XenTimer {
        private final ScheduleLayer layer;
        private final PcpuState pcpu;

        SliceTimer(ScheduleLayer layer, PcpuState pcpu) {
            super(EngineEvent.SLICE, pcpu.id);
            this.layer = layer;
            this.pcpu = pcpu;
        }

        @Override
        public void fire() {
            layer.raiseSoftirq(pcpu.id);
        }

        @Override
        public String describe() {
            return "slice timer of pcpu" + pcpu.id;
        }
    }

    /** The end of a context switch: the outgoing VCPU's context is saved. */
    private static final class SwitchDone extends EngineEvent {
        private final ScheduleLayer layer;
        private final PcpuState pcpu;

        SwitchDone(ScheduleLayer layer, PcpuState pcpu) {
            super(SWITCH_DONE, pcpu.id);
            this.layer = layer;
            this.pcpu = pcpu;
        }

        @Override
        public void fire() {
            layer.switchDone(pcpu);
        }

        @Override
        public int pcpu() {
            return pcpu.id;
        }

        @Override
        public String describe() {
            return "end of context switch on pcpu" + pcpu.id;
        }
    }
}
