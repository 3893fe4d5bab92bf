package io.github.vsched.core.internal.state;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.Guest;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.RunState;
import io.github.vsched.api.VcpuView;

/** The engine's state of a VCPU (Xen's {@code struct vcpu}), idle VCPUs included. */
public final class VcpuState implements VcpuView {
    /** What the guest is doing. */
    public static final int ACT_NONE = 0;
    public static final int ACT_COMPUTE = 1;
    public static final int ACT_BLOCK = 2;
    public static final int ACT_YIELD = 3;
    public static final int ACT_HALT = 4;

    public final int id;
    public final int index;
    public final DomainState domain;
    /** Whether this is a PCPU's idle VCPU (its domain's type, kept here for the hot path). */
    private final boolean idle;
    public final String name;
    public int processor;
    public CpuMask affinity;
    public Parameters schedParams;
    public Object schedPriv;

    // generic scheduling state (schedule.c)
    public boolean running;          // is_running
    public boolean blocked;          // _VPF_blocked
    public boolean halted;           // _VPF_down
    public boolean migrateRequested; // _VPF_migrating
    public boolean inMigrationWake;  // the wake that ends a migration is running
    public int pauseCount;
    public RunState state = RunState.OFFLINE;
    public long stateEntry;
    public final long[] stateTime = new long[RunState.values().length];
    public long lastRunTime = -1;
    public boolean wokenSinceDispatch;
    public int lastExecutedPcpu = -1;

    // guest execution
    public GuestModel model;
    /** What the workload model drives ({@code internal.guest}). */
    public Guest guest;
    /** The model chose its action in the current call of {@code next()}. */
    public boolean actionChosen;
    public int action = ACT_NONE;
    public long remainingNs;
    /**
     * How much longer the CPU work in progress takes because of contention, parts per million
     * (1,000,000: none), fixed when it started or resumed.
     */
    public long slowdownPpm = 1_000_000;
    public long execStart;
    public boolean eventPending;
    /** Hypervisor work (I/O issue costs) to run before the chosen action. */
    public long overheadNs;
    /** Cache refill still owed after a move across caches, paid before guest work progresses. */
    public long refillNs;
    /** Whether the burst in progress is that overhead. */
    public boolean inOverhead;
    /** I/O requests issued, sent when the overhead before them has run. */
    public final IoRequest.Fifo outbox = new IoRequest.Fifo();
    /** Driver domain VCPUs: backend work waiting for this VCPU. */
    public final IoRequest.Fifo backendWork = new IoRequest.Fifo();
    /** The end of the guest's current CPU burst (an event of the guest layer). */
    public EngineEvent burstEnd;
    /** The guest's single-shot timer ({@code set_timer_op}), on the VCPU's PCPU. */
    public XenTimer guestTimer;
    /** The tag the guest gave its timer, handed back when it fires. */
    public long guestTimerTag;
    /**
     * HVM: the virtual periodic timer ({@code struct periodic_time}, vpt.c), created by the
     * guest layer when the guest first starts one; null before.
     */
    public XenTimer periodicTimer;

    public VcpuState(int id, int index, DomainState domain, int processor, CpuMask affinity, Parameters schedParams) {
        this.id = id;
        this.index = index;
        this.domain = domain;
        this.idle = domain.type == io.github.vsched.api.DomainType.IDLE;
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
        return idle;
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

    /** Closes the time spent in the current runstate and enters {@code s}. */
    public void setState(RunState s, long now) {
        stateTime[state.ordinal()] += now - stateEntry;
        state = s;
        stateEntry = now;
    }
}
