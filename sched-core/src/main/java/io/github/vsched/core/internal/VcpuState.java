package io.github.vsched.core.internal;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.RunState;
import io.github.vsched.api.VcpuView;

/** The engine's state of a VCPU (Xen's {@code struct vcpu}), idle VCPUs included. */
final class VcpuState implements VcpuView {
    /** What the guest is doing. */
    static final int ACT_NONE = 0;
    static final int ACT_COMPUTE = 1;
    static final int ACT_BLOCK = 2;
    static final int ACT_YIELD = 3;
    static final int ACT_HALT = 4;

    final int id;
    final int index;
    final DomainState domain;
    final String name;
    int processor;
    CpuMask affinity;
    Parameters schedParams;
    Object schedPriv;

    // generic scheduling state (schedule.c)
    boolean running;          // is_running
    boolean blocked;          // _VPF_blocked
    boolean halted;           // _VPF_down
    boolean migrateRequested; // _VPF_migrating
    boolean inMigrationWake;  // the wake that ends a migration is running
    int pauseCount;
    RunState state = RunState.OFFLINE;
    long stateEntry;
    final long[] stateTime = new long[RunState.values().length];
    long lastRunTime = -1;
    boolean wokenSinceDispatch;
    int lastExecutedPcpu = -1;

    // guest execution
    GuestModel model;
    GuestRuntime guest;
    int action = ACT_NONE;
    long remainingNs;
    long execStart;
    boolean eventPending;
    /** Hypervisor work (I/O issue costs) to run before the chosen action. */
    long overheadNs;
    /** Cache refill still owed after a move across caches, paid before guest work progresses. */
    long refillNs;
    /** Whether the burst in progress is that overhead. */
    boolean inOverhead;
    /** I/O requests issued, sent when the overhead before them has run. */
    final IoRequest.Fifo outbox = new IoRequest.Fifo();
    /** Driver domain VCPUs: backend work waiting for this VCPU. */
    final IoRequest.Fifo backendWork = new IoRequest.Fifo();
    BurstEnd burstEnd;
    GuestTimer guestTimer;

    VcpuState(int id, int index, DomainState domain, int processor, CpuMask affinity, Parameters schedParams) {
        this.id = id;
        this.index = index;
        this.domain = domain;
        this.processor = processor;
        this.affinity = affinity;
        this.schedParams = schedParams;
        this.name = domain.isIdle() ? "idle" + processor : domain.name + "/" + index;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public DomainState domain() {
        return domain;
    }

    @Override
    public boolean isIdle() {
        return domain.type == io.github.vsched.api.DomainType.IDLE;
    }

    @Override
    public int processor() {
        return processor;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isRunnable() {
        return isIdle() || !blocked && !halted && !migrateRequested && pauseCount == 0;
    }

    @Override
    public RunState runState() {
        return state;
    }

    @Override
    public long stateEntryTime() {
        return stateEntry;
    }

    @Override
    public long lastRunTime() {
        return lastRunTime;
    }

    @Override
    public boolean isMigrating() {
        return migrateRequested || inMigrationWake;
    }

    @Override
    public boolean isPaused() {
        return pauseCount > 0;
    }

    @Override
    public CpuMask affinity() {
        return affinity;
    }

    @Override
    public Parameters schedulerParameters() {
        return schedParams;
    }

    @Override
    public Object schedulerPrivate() {
        return schedPriv;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    void setState(RunState s, long now) {
        stateTime[state.ordinal()] += now - stateEntry;
        state = s;
        stateEntry = now;
    }

    /** The end of the guest's current CPU burst. */
    static final class BurstEnd extends EngineEvent {
        final Engine engine;
        final VcpuState vcpu;

        BurstEnd(Engine engine, VcpuState vcpu) {
            super(BURST_END, vcpu.id);
            this.engine = engine;
            this.vcpu = vcpu;
        }

        @Override
        public void fire() {
            engine.burstEnd(vcpu);
        }

        @Override
        int pcpu() {
            return vcpu.processor;
        }

        @Override
        public String describe() {
            return "burst-end of " + vcpu.name;
        }
    }

    /** The guest's single-shot timer ({@code set_timer_op}), on the VCPU's PCPU. */
    static final class GuestTimer extends XenTimer {
        final Engine engine;
        final VcpuState vcpu;
        long tag;

        GuestTimer(Engine engine, VcpuState vcpu) {
            super(EngineEvent.GUEST_TIMER, vcpu.id);
            this.engine = engine;
            this.vcpu = vcpu;
        }

        @Override
        void fire() {
            engine.deliverEvent(vcpu, io.github.vsched.api.GuestEvent.TIMER, tag);
        }

        @Override
        String describe() {
            return "guest timer of " + vcpu.name;
        }
    }
}
