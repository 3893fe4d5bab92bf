package io.github.vsched.core.internal;

import io.github.vsched.api.PcpuView;

/** The engine's state of a PCPU (Xen's {@code per_cpu(schedule_data)} and softirq state). */
final class PcpuState implements PcpuView {
    final int id;
    final VcpuState idle;
    VcpuState current;
    Object schedPriv;

    /** The VCPU switched out by the context switch in progress (until context_saved). */
    VcpuState prev;
    /** A context switch is in progress: the new VCPU does not execute yet. */
    boolean switching;
    /** A softirq arrived during a context switch and runs when it ends. */
    boolean deferredSoftirq;
    /** A softirq was raised on this PCPU while it was handling an event. */
    boolean localSoftirq;
    long idleSince;
    long busyNs;
    long busySince = -1;

    // last decision, for error messages
    VcpuState lastDecision;
    long lastSlice;
    long lastDecisionTime = -1;

    final Softirq softirq;
    final SliceTimer slice;
    final SwitchDone switchDone;
    final TimerList timers = new TimerList();
    final TimerInterrupt timerInterrupt;
    /** The timer interrupt is being handled: recompute the deadline when it ends. */
    boolean inTimerInterrupt;

    PcpuState(Engine engine, int id, VcpuState idle) {
        this.id = id;
        this.idle = idle;
        this.current = idle;
        this.softirq = new Softirq(engine, this);
        this.slice = new SliceTimer(engine, this);
        this.switchDone = new SwitchDone(engine, this);
        this.timerInterrupt = new TimerInterrupt(engine, this);
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

    /** SCHEDULE_SOFTIRQ delivered to this PCPU (after an IPI when raised remotely). */
    static final class Softirq extends EngineEvent {
        final Engine engine;
        final PcpuState pcpu;

        Softirq(Engine engine, PcpuState pcpu) {
            super(SOFTIRQ, pcpu.id);
            this.engine = engine;
            this.pcpu = pcpu;
        }

        @Override
        public void fire() {
            engine.softirq(pcpu);
        }

        @Override
        int pcpu() {
            return pcpu.id;
        }

        @Override
        public String describe() {
            return "schedule softirq on pcpu" + pcpu.id;
        }
    }

    /** The slice timer ({@code s_timer}): when it fires, the PCPU reschedules. */
    static final class SliceTimer extends XenTimer {
        final Engine engine;
        final PcpuState pcpu;

        SliceTimer(Engine engine, PcpuState pcpu) {
            super(EngineEvent.SLICE, pcpu.id);
            this.engine = engine;
            this.pcpu = pcpu;
        }

        @Override
        void fire() {
            engine.raiseSoftirq(pcpu.id);
        }

        @Override
        String describe() {
            return "slice timer of pcpu" + pcpu.id;
        }
    }

    /** The PCPU's timer interrupt, programmed for its batch of due timers. */
    static final class TimerInterrupt extends EngineEvent {
        final Engine engine;
        final PcpuState pcpu;

        TimerInterrupt(Engine engine, PcpuState pcpu) {
            super(TIMER_IRQ, pcpu.id);
            this.engine = engine;
            this.pcpu = pcpu;
        }

        @Override
        public void fire() {
            engine.timerInterrupt(pcpu);
        }

        @Override
        int pcpu() {
            return pcpu.id;
        }

        @Override
        public String describe() {
            return "timer interrupt of pcpu" + pcpu.id;
        }
    }

    /** The end of a context switch: the outgoing VCPU's context is saved. */
    static final class SwitchDone extends EngineEvent {
        final Engine engine;
        final PcpuState pcpu;

        SwitchDone(Engine engine, PcpuState pcpu) {
            super(SWITCH_DONE, pcpu.id);
            this.engine = engine;
            this.pcpu = pcpu;
        }

        @Override
        public void fire() {
            engine.switchDone(pcpu);
        }

        @Override
        int pcpu() {
            return pcpu.id;
        }

        @Override
        public String describe() {
            return "end of context switch on pcpu" + pcpu.id;
        }
    }
}
