package io.github.vsched.core.internal.guest;

import io.github.vsched.api.DomainType;
import io.github.vsched.api.GuestEvent;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.QualityEvent;
import io.github.vsched.api.Topology;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.internal.bus.ListenerBus;
import io.github.vsched.core.internal.io.EventChannel;
import io.github.vsched.core.internal.io.IoPath;
import io.github.vsched.core.internal.schedule.Execution;
import io.github.vsched.core.internal.schedule.ScheduleLayer;
import io.github.vsched.core.internal.state.EngineEvent;
import io.github.vsched.core.internal.state.Machine;
import io.github.vsched.core.internal.state.PcpuState;
import io.github.vsched.core.internal.state.VcpuState;
import io.github.vsched.core.internal.state.XenTimer;
import io.github.vsched.core.internal.timer.Timers;

import java.util.random.RandomGenerator;

/**
 * Guest execution: each VCPU runs its workload model ({@link GuestModel}), which chooses what
 * the guest does next (compute, block, yield, halt, set its timer, issue I/O, make a
 * hypercall). CPU work advances only while the VCPU runs; preemption leaves the rest for later.
 * Hypervisor work the guest causes (VM exits, hypercalls, event-channel sends, a cache refill
 * after a move) runs on its VCPU before the guest goes on, and is reported as overhead. Where
 * the platform models contention ({@link io.github.vsched.api.PlatformCosts#slowdownPpm}), CPU
 * work is stretched by the busy PCPUs sampled when it starts or resumes.
 */
public final class GuestExecution implements Execution, EventChannel {
    /** Zero-time guest actions allowed at one instant on one PCPU before declaring a livelock. */
    private static final int MAX_ZERO_TIME_STEPS = 100_000;

    private final Machine m;
    private final ScheduleLayer schedule;
    private final Timers timers;
    private final ListenerBus bus;
    private final IoPath io;
    /** The VCPU whose model's {@code next()} is running, or null. */
    private VcpuState inNext;
    private int zeroTimeSteps;
    private long zeroTimeAt = -1;
    private final boolean contention;
    private final Topology topology;

    public GuestExecution(Machine m, ScheduleLayer schedule, Timers timers, ListenerBus bus) {
        this.m = m;
        this.schedule = schedule;
        this.timers = timers;
        this.bus = bus;
        this.io = new IoPath(m, this);
        this.contention = m.costs.modelsContention();
        this.topology = m.platform.topology();
    }

    /** The I/O path the guests use. */
    public IoPath io() {
        return io;
    }

    /** Gives a newly created VCPU its burst-end event and its guest timer. */
    public void attach(VcpuState v) {
        v.burstEnd = new BurstEnd(this, v);
        v.guestTimer = new GuestTimer(this, v);
    }

    /** Attaches a workload model to a VCPU, with the random stream its guest sees. */
    public void setGuest(VcpuView vcpu, GuestModel model, RandomGenerator random) {
        VcpuState v = (VcpuState) vcpu;
        v.model = model;
        v.guest = new GuestRuntime(this, v, random);
    }

    // ---------------------------------------------------------------- start and stop

    @Override
    public void begin(VcpuState v) {
        if (v.model == null) {
            return; // driven from outside: nothing executes
        }
        if (v.periodicTimer != null) {
            VirtualPeriodicTimer pt = (VirtualPeriodicTimer) v.periodicTimer;
            pt.restore(m.now); // hvm_do_resume: pt_restore_timer
            injectTick(v, pt); // the VM entry injects a pending tick
        }
        if (v.inOverhead) {
            v.execStart = m.now;
            m.queue.scheduleFirst(v.burstEnd, m.now + v.overheadNs);
        } else if (v.action == VcpuState.ACT_COMPUTE) {
            startCompute(v);
        } else {
            runGuest(v);
        }
    }

    @Override
    public void stop(VcpuState v) {
        if (v.periodicTimer != null) {
            ((VirtualPeriodicTimer) v.periodicTimer).save(); // context_switch: pt_save_timer
        }
        if (v.burstEnd.isScheduled()) {
            m.queue.cancel(v.burstEnd);
            long elapsed = m.now - v.execStart;
            if (v.inOverhead) {
                v.overheadNs -= elapsed;
                bus.overhead(v.processor, v, elapsed, m.now);
            } else {
                long refill = Math.min(elapsed, v.refillNs);
                v.refillNs -= refill;
                bus.overhead(v.processor, v, refill, m.now);
                v.remainingNs -= progress(v, elapsed - refill);
            }
        }
    }

    /**
     * At the end of a run: reports the overhead paid so far by a VCPU in the middle of it (I/O
     * issue costs, a cache refill), keeping its burst end where it is.
     */
    public void closeAccounting(VcpuState v) {
        if (v.burstEnd != null && v.burstEnd.isScheduled()) {
            long elapsed = m.now - v.execStart;
            long paid = v.inOverhead ? elapsed : Math.min(elapsed, v.refillNs);
            if (v.inOverhead) {
                v.overheadNs -= paid;
            } else {
                v.refillNs -= paid;
                v.remainingNs -= progress(v, elapsed - paid);
            }
            v.execStart = m.now;
            bus.overhead(v.processor, v, paid, m.now);
        }
    }

    /**
     * The guest finished its CPU work (or the overhead before its action). Burst ends are
     * scheduled ahead of other events of the same instant: work that completes at {@code t} is
     * done before a timer or softirq at {@code t} looks at the VCPU.
     */
    private void burstEnd(VcpuState v) {
        if (v.inOverhead) {
            v.inOverhead = false;
            bus.overhead(v.processor, v, m.now - v.execStart, m.now);
            v.overheadNs = 0;
            io.flushOutbox(v);
            if (!performAction(v)) {
                runGuest(v);
            }
            return;
        }
        bus.overhead(v.processor, v, v.refillNs, m.now);
        v.refillNs = 0;
        v.action = VcpuState.ACT_NONE;
        v.remainingNs = 0;
        runGuest(v);
    }

    /**
     * Starts (or resumes) the guest's CPU work. A cache refill owed after a move across caches
     * ({@link io.github.vsched.api.Platform#migrationPenaltyNs}) is paid first, as CPU time
     * that makes no progress; unlike a context switch it can be preempted like any guest work.
     */
    private void startCompute(VcpuState v) {
        v.execStart = m.now;
        long work = v.remainingNs;
        if (contention) {
            v.slowdownPpm = slowdownAt(v.processor);
            long product = Math.multiplyExact(work, v.slowdownPpm);
            work = product / 1_000_000 + (product % 1_000_000 == 0 ? 0 : 1);
        }
        m.queue.scheduleFirst(v.burstEnd, m.now + v.refillNs + work);
    }

    /** The guest work done in {@code ns} of running time, at the VCPU's current slowdown. */
    private long progress(VcpuState v, long ns) {
        return contention ? Math.multiplyExact(ns, 1_000_000L) / v.slowdownPpm : ns;
    }

    /** The slowdown of work starting on PCPU {@code p}: the PCPUs of its socket busy now. */
    private long slowdownAt(int p) {
        boolean sibling = false;
        int busy = 0;
        for (PcpuState q : m.pcpus) {
            if (q.id != p && q.current != null && q.current != q.idle
                    && topology.socket(q.id) == topology.socket(p)) {
                busy++;
                sibling |= topology.sharesCache(p, q.id);
            }
        }
        return m.costs.slowdownPpm(sibling, busy);
    }

    // ---------------------------------------------------------------- the model's actions

    /** Whether {@code v}'s model is choosing its next action now. */
    boolean inNext(VcpuState v) {
        return inNext == v;
    }

    /** Asks the model for actions until one takes time or gives up the PCPU. */
    private void runGuest(VcpuState v) {
        while (true) {
            if (zeroTimeAt != m.now) {
                zeroTimeAt = m.now;
                zeroTimeSteps = 0;
            }
            if (++zeroTimeSteps > MAX_ZERO_TIME_STEPS) {
                throw m.guestError(v, "made " + MAX_ZERO_TIME_STEPS + " actions without simulated time passing");
            }
            v.eventPending = false;
            v.action = VcpuState.ACT_NONE;
            v.actionChosen = false;
            VirtualPeriodicTimer pt = (VirtualPeriodicTimer) v.periodicTimer;
            if (pt != null) {
                if (pt.inService && pt.seen) {
                    pt.inService = false; // the action after the tick (its handler) is done: EOI
                }
                injectTick(v, pt);
            }
            inNext = v;
            try {
                v.model.next(v.guest);
            } finally {
                inNext = null;
            }
            if (pt != null && pt.inService) {
                pt.seen = true;
            }
            if (v.action == VcpuState.ACT_NONE) {
                throw m.guestError(v, "returned from next() without choosing an action");
            }
            if (v.overheadNs > 0) {
                v.inOverhead = true;
                v.execStart = m.now;
                m.queue.scheduleFirst(v.burstEnd, m.now + v.overheadNs);
                return;
            }
            io.flushOutbox(v);
            if (performAction(v)) {
                return;
            }
        }
    }

    /**
     * Carries out the action the model chose.
     *
     * @return false if the VCPU goes on at once (a block with events pending)
     */
    private boolean performAction(VcpuState v) {
        switch (v.action) {
            case VcpuState.ACT_COMPUTE -> {
                startCompute(v);
                return true;
            }
            case VcpuState.ACT_BLOCK -> {
                VirtualPeriodicTimer pt = (VirtualPeriodicTimer) v.periodicTimer;
                if (pt != null) {
                    pt.inService = false; // the guest halts after its handler: EOI
                    if (pt.canInject()) {
                        return false; // HLT with an interrupt pending does not block
                    }
                }
                if (v.eventPending) {
                    return false; // SCHEDOP_block returns at once when events are pending
                }
                v.action = VcpuState.ACT_NONE;
                v.blocked = true;
                bus.block(v, m.now);
                schedule.raiseSoftirq(v.processor);
                return true;
            }
            case VcpuState.ACT_YIELD -> {
                v.action = VcpuState.ACT_NONE;
                bus.yield(v, m.now);
                v.domain.pool.scheduler.yield(v);
                schedule.raiseSoftirq(v.processor);
                return true;
            }
            case VcpuState.ACT_HALT -> {
                v.action = VcpuState.ACT_NONE;
                v.halted = true;
                timers.stop(v.guestTimer);
                if (v.periodicTimer != null) {
                    ((VirtualPeriodicTimer) v.periodicTimer).destroy();
                }
                schedule.sleep(v);
                return true;
            }
            default -> throw m.guestError(v, "has no action to perform");
        }
    }

    /** Delivers a guest event: the model hears of it, and a blocked VCPU wakes ({@code vcpu_unblock}). */
    @Override
    public void deliver(VcpuState v, int kind, long tag) {
        if (v.halted) {
            return;
        }
        if ((kind == GuestEvent.TIMER || kind == GuestEvent.PERIODIC_TIMER) && v.domain.type == DomainType.HVM) {
            v.overheadNs += m.costs.vmExitNs(); // the emulated timer's EOI (or RTC ack) exits
        }
        v.eventPending = true;
        v.model.onEvent(v.guest, kind, tag);
        schedule.unblock(v);
    }

    /**
     * The guest arms its timer: a PV guest with the {@code set_timer_op} hypercall, an HVM guest
     * by writing its emulated LAPIC timer (a VM exit). The cost runs on the VCPU before its next
     * action.
     */
    void setGuestTimer(VcpuState v, long when, long tag) {
        if (when < m.now) {
            when = m.now; // a timer in the past fires at once, as Xen's set_timer_op does
        }
        v.guestTimerTag = tag;
        v.overheadNs += v.domain.type == DomainType.HVM ? m.costs.vmExitNs() : m.costs.hypercallNs();
        timers.set(v.guestTimer, v.processor, when);
    }

    void cancelGuestTimer(VcpuState v) {
        timers.stop(v.guestTimer);
    }

    /**
     * The guest programs its virtual periodic timer ({@code create_periodic_time}): the write to
     * the emulated clock device is a VM exit, run before the guest's next action.
     */
    void startPeriodicTimer(VcpuState v, long periodNs, long tag) {
        requireHvm(v, "started");
        if (periodNs <= 0) {
            throw m.guestError(v, "asked for a periodic timer of " + periodNs + " ns; the period must be > 0");
        }
        VirtualPeriodicTimer pt = (VirtualPeriodicTimer) v.periodicTimer;
        if (pt == null) {
            pt = new VirtualPeriodicTimer(this, timers, v);
            v.periodicTimer = pt;
        }
        v.overheadNs += m.costs.vmExitNs();
        pt.start(periodNs, tag, m.now);
    }

    /** The guest stops its virtual periodic timer ({@code destroy_periodic_time}). */
    void stopPeriodicTimer(VcpuState v) {
        requireHvm(v, "stopped");
        if (v.periodicTimer != null) {
            ((VirtualPeriodicTimer) v.periodicTimer).destroy();
        }
    }

    private void requireHvm(VcpuState v, String what) {
        if (v.domain.type != DomainType.HVM) {
            throw m.guestError(v, "is a " + v.domain.type + " guest: a virtual periodic timer (vpt.c) is an HVM"
                    + " guest's emulated clock and cannot be " + what + " by a PV guest, which uses set_timer_op");
        }
    }

    /**
     * {@code pt_timer_fn}'s {@code vcpu_kick}: a blocked VCPU wakes (its tick is injected when it
     * runs); a VCPU executing its guest takes the tick at once.
     */
    void kick(VcpuState v, VirtualPeriodicTimer pt) {
        if (v.halted) {
            return;
        }
        if (v.blocked) {
            schedule.unblock(v);
            return;
        }
        PcpuState p = m.pcpus[v.processor];
        if (p.current == v && !p.switching) {
            injectTick(v, pt);
        }
        // runnable but not running: the tick stays pending until it runs
    }

    /** Injects one pending tick if none is in service ({@code vmx_intr_assist}, then {@code pt_intr_post}). */
    private void injectTick(VcpuState v, VirtualPeriodicTimer pt) {
        if (pt.canInject()) {
            pt.intrPost(m.now);
            deliver(v, GuestEvent.PERIODIC_TIMER, pt.tag);
        }
    }

    long hypercall(VcpuState v, int op, long a0, long a1) {
        return v.domain.pool.scheduler.hypercall(v, op, a0, a1);
    }

    /** A guest's quality report, handed to the listeners; nothing in the machine changes. */
    void report(VcpuState v, QualityEvent event, long value) {
        if (event == null) {
            throw m.guestError(v, "reported a null quality event");
        }
        bus.quality(v, event, value, m.now);
    }

    Machine machine() {
        return m;
    }

    // ---------------------------------------------------------------- events

    /** The end of the guest's current CPU burst. */
    private static final class BurstEnd extends EngineEvent {
        private final GuestExecution guests;
        private final VcpuState vcpu;

        BurstEnd(GuestExecution guests, VcpuState vcpu) {
            super(BURST_END, vcpu.id);
            this.guests = guests;
            this.vcpu = vcpu;
        }

        @Override
        public void fire() {
            guests.burstEnd(vcpu);
        }

        @Override
        public int pcpu() {
            return vcpu.processor;
        }

        @Override
        public String describe() {
            return "burst-end of " + vcpu.name;
        }
    }

    /** The guest's single-shot timer ({@code set_timer_op}), on the VCPU's PCPU. */
    private static final class GuestTimer extends XenTimer {
        private final GuestExecution guests;
        private final VcpuState vcpu;

        GuestTimer(GuestExecution guests, VcpuState vcpu) {
            super(EngineEvent.GUEST_TIMER, vcpu.id);
            this.guests = guests;
            this.vcpu = vcpu;
        }

        @Override
        public void fire() {
            guests.deliver(vcpu, GuestEvent.TIMER, vcpu.guestTimerTag);
        }

        @Override
        public String describe() {
            return "guest timer of " + vcpu.name;
        }
    }
}
