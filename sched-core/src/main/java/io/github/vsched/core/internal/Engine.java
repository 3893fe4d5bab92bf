package io.github.vsched.core.internal;

import io.github.vsched.api.BackendWork;
import io.github.vsched.api.CpuMask;
import io.github.vsched.api.Device;
import io.github.vsched.api.GuestEvent;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.Platform;
import io.github.vsched.api.RunState;
import io.github.vsched.api.ScheduleDecision;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.api.Timer;
import io.github.vsched.api.TimerHandler;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.InvariantViolationException;
import io.github.vsched.core.SimulationListener;
import io.github.vsched.core.event.Event;
import io.github.vsched.core.event.EventQueue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The simulated hypervisor: Xen's generic scheduling layer and the guest execution layer,
 * driven by one {@link EventQueue}. Single-threaded and deterministic.
 *
 * <p>How Xen's {@code schedule.c} maps here: {@link #raiseSoftirq} is
 * {@code cpu_raise_softirq(SCHEDULE_SOFTIRQ)} (an IPI when remote); {@link #doSchedule} is
 * {@code schedule()}; {@link #switchDone} is the end of {@code context_switch} with
 * {@code context_saved}; {@link #vcpuMigrate} is {@code vcpu_migrate}; {@link #wake} is
 * {@code vcpu_wake}; {@link #pause} is {@code vcpu_pause_nosync}.
 */
public final class Engine implements SchedulerContext {
    /** Zero-time guest actions allowed at one instant on one PCPU before declaring a livelock. */
    private static final int MAX_ZERO_TIME_STEPS = 100_000;

    private final EventQueue queue = new EventQueue(256);
    private final Platform platform;
    private final PcpuState[] pcpus;
    private final List<VcpuState> vcpus = new ArrayList<>();
    private final List<DomainState> domains = new ArrayList<>();
    private final List<DomainState> domainsView = Collections.unmodifiableList(domains);
    private final DomainState idleDomain;
    private final Decision decision = new Decision();
    private final SchedulerProvider provider;
    private final RandomGenerator schedulerRandom;
    private Scheduler scheduler;

    private SimulationListener[] listeners = new SimulationListener[0];
    private SimulationListener[] traceListeners = new SimulationListener[0];
    private final List<String> traceNames = new ArrayList<>();
    private final List<String[]> traceArgNames = new ArrayList<>();
    private String[] traceNameArray = new String[0];

    private final boolean checked;
    private long now;
    private int executing = -1;
    private VcpuState inNext;
    private int zeroTimeSteps;
    private long zeroTimeAt = -1;
    private long events;
    private long hash = 0x6a09e667f3bcc909L;
    private Event currentEvent;
    private boolean started;
    private long timerSeq;
    private XenTimer firingTimer;

    // I/O: the driver domain (dom0), device queues by IoKind ordinal, request pool
    private DomainState driver;
    private int irqVcpu;
    private final DeviceQueue[] devices;
    private final IoRequest.Fifo freeRequests = new IoRequest.Fifo();
    private int requestsCreated;

    /**
     * @param platform        the machine
     * @param provider        the scheduler's provider
     * @param schedulerRandom the scheduler's random stream
     * @param checked         verify invariants after every event
     */
    public Engine(Platform platform, SchedulerProvider provider, RandomGenerator schedulerRandom, boolean checked) {
        this.platform = platform;
        this.provider = provider;
        this.schedulerRandom = schedulerRandom;
        this.checked = checked;
        int n = platform.topology().pcpus();
        this.pcpus = new PcpuState[n];
        this.idleDomain = new DomainState(-1, "idle", DomainType.IDLE, Parameters.empty("idle domain"));
        for (int c = 0; c < n; c++) {
            VcpuState idle = new VcpuState(c, c, idleDomain, c, CpuMask.of(c), Parameters.empty("idle"));
            idle.running = true;
            idle.state = RunState.RUNNING;
            idleDomain.vcpus.add(idle);
            vcpus.add(idle);
            pcpus[c] = new PcpuState(this, c, idle);
        }
        this.devices = new DeviceQueue[IoKind.values().length];
    }

    /**
     * Creates the device queues, one per physical device (devices of the same name are one
     * device), each with its own random stream taken from {@code streams} by device name.
     */
    public void createDevices(java.util.function.Function<String, RandomGenerator> streams) {
        java.util.Map<String, DeviceQueue> byName = new java.util.HashMap<>();
        for (IoKind k : IoKind.values()) {
            Device d = platform.device(k);
            if (d == null) {
                throw new IllegalStateException("platform " + platform.id() + " has no device for " + k);
            }
            DeviceQueue q = byName.get(d.name());
            if (q == null) {
                q = new DeviceQueue(this, byName.size(), d, streams.apply("device:" + d.name()));
                byName.put(d.name(), q);
            }
            devices[k.ordinal()] = q;
        }
    }

    /** Creates the scheduler with its parameters and runs its {@code init}. */
    public void createScheduler(Parameters params) {
        scheduler = provider.create(this, params);
        if (scheduler == null) {
            throw new IllegalStateException("scheduler provider " + provider.id() + " returned no scheduler");
        }
        scheduler.init();
    }

    /** The scheduler in use. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** Adds a listener (recorder, trace sink, test probe). */
    public void addListener(SimulationListener l) {
        listeners = Arrays.copyOf(listeners, listeners.length + 1);
        listeners[listeners.length - 1] = l;
        if (l.wantsTrace()) {
            traceListeners = Arrays.copyOf(traceListeners, traceListeners.length + 1);
            traceListeners[traceListeners.length - 1] = l;
        }
    }

    // ---------------------------------------------------------------- construction

    /**
     * Creates a guest domain (Xen's {@code domain_create} plus {@code alloc_vcpu} per VCPU).
     *
     * @param affinity per VCPU, null entries meaning all PCPUs
     * @return the domain's view
     */
    public DomainView addDomain(String name, DomainType type, long memoryMb, Parameters domainParams,
                                List<CpuMask> affinity, List<Parameters> vcpuParams) {
        return addDomain(name, type, memoryMb, domainParams, affinity, vcpuParams, false, 0);
    }

    /**
     * Creates a guest domain; a driver domain (dom0) serves the other domains' I/O: its VCPU
     * {@code irqVcpu} receives the physical interrupts and the frontends' notifications.
     */
    public DomainView addDomain(String name, DomainType type, long memoryMb, Parameters domainParams,
                                List<CpuMask> affinity, List<Parameters> vcpuParams, boolean driverDomain,
                                int irqVcpu) {
        if (driverDomain && driver != null) {
            throw new IllegalArgumentException("two driver domains: " + driver.name + " and " + name);
        }
        if (driverDomain && (irqVcpu < 0 || irqVcpu >= vcpuParams.size())) {
            throw new IllegalArgumentException("driver domain " + name + ": irqVcpu " + irqVcpu
                    + " not in [0, " + (vcpuParams.size() - 1) + "]");
        }
        DomainState d = new DomainState(domains.size(), name, type, domainParams);
        d.memoryMb = memoryMb;
        int n = pcpus.length;
        int prevCpu = -1;
        for (int i = 0; i < vcpuParams.size(); i++) {
            CpuMask aff = affinity.get(i) == null ? CpuMask.all(n) : affinity.get(i);
            if (aff.isEmpty() || !aff.within(n)) {
                throw new IllegalArgumentException("domain " + name + " VCPU " + i + ": affinity " + aff
                        + " must name PCPUs within 0-" + (n - 1));
            }
            // Xen 4.0 alloc_vcpu: VCPU 0 on the least-populated CPU, the others cycling on
            int cpu = i == 0 ? leastPopulated(aff) : cycle(aff, prevCpu);
            VcpuState v = new VcpuState(vcpus.size(), i, d, cpu, aff, vcpuParams.get(i));
            v.stateEntry = now;
            v.blocked = true; // not runnable until started (Xen: created paused)
            v.state = RunState.BLOCKED;
            v.burstEnd = new VcpuState.BurstEnd(this, v);
            v.guestTimer = new VcpuState.GuestTimer(this, v);
            vcpus.add(v);
            d.vcpus.add(v);
            prevCpu = cpu;
        }
        domains.add(d);
        if (driverDomain) {
            driver = d;
            this.irqVcpu = irqVcpu;
        }
        scheduler.addDomain(d);
        for (VcpuState v : d.vcpus) {
            scheduler.addVcpu(v);
        }
        return d;
    }

    private int leastPopulated(CpuMask aff) {
        int[] count = new int[pcpus.length];
        for (VcpuState v : vcpus) {
            if (!v.isIdle()) {
                count[v.processor]++;
            }
        }
        int best = -1;
        for (int c = aff.next(0); c >= 0; c = aff.next(c + 1)) {
            if (best < 0 || count[c] < count[best]) {
                best = c;
            }
        }
        return best;
    }

    private static int cycle(CpuMask aff, int prev) {
        return aff.cycle(prev);
    }

    /** Attaches a workload model to a VCPU, with the random stream its guest sees. */
    public void setGuest(VcpuView vcpu, GuestModel model, RandomGenerator random) {
        VcpuState v = (VcpuState) vcpu;
        v.model = model;
        v.guest = new GuestRuntime(this, v, random);
    }

    /** Guest domains, in creation order. */
    @Override
    public List<DomainState> domains() {
        return domainsView;
    }

    // ---------------------------------------------------------------- running

    /** Boots every guest VCPU (wakes them, as Xen does when a domain is unpaused). */
    public void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        executing = -1;
        for (DomainState d : domains) {
            for (VcpuState v : d.vcpus) {
                if (v.model == null) {
                    throw new IllegalStateException("VCPU " + v.name + " has no workload model");
                }
                v.blocked = false;
                wake(v);
            }
        }
        drainLocalSoftirqs();
        if (checked) {
            check("boot");
        }
    }

    /** Schedules an arbitrary action (parameter changes, test probes) at an absolute time. */
    public void at(long time, Runnable action, String description) {
        if (time < now) {
            throw new IllegalArgumentException("cannot schedule '" + description + "' at " + time + " ns, before now " + now);
        }
        queue.schedule(new ActionEvent(action, description), time);
    }

    /** Processes events up to and including {@code until}, then sets the clock to it. */
    public void runUntil(long until) {
        EventQueue q = queue;
        while (q.peekTime() <= until) {
            Event e = q.poll();
            long t = e.time();
            if (t < now) {
                throw new InvariantViolationException("time went back from " + now + " to " + t + " at " + e.describe());
            }
            now = t;
            EngineEvent ee = (EngineEvent) e;
            executing = ee.pcpu();
            currentEvent = e;
            events++;
            hash = mix(mix(hash, t), ((long) ee.kind << 32) ^ ee.subject);
            e.fire();
            drainLocalSoftirqs();
            if (checked) {
                check(describeCurrentEvent());
            }
        }
        now = Math.max(now, until);
        currentEvent = null;
    }

    /**
     * Closes runstate accounting, reports the overhead paid so far by VCPUs in the middle of
     * it (I/O issue costs, a cache refill), and tells the listeners the run ended.
     */
    public void finish() {
        for (VcpuState v : vcpus) {
            v.setState(v.state, now);
            if (v.burstEnd != null && v.burstEnd.isScheduled()) {
                long elapsed = now - v.execStart;
                long paid = v.inOverhead ? elapsed : Math.min(elapsed, v.refillNs);
                if (v.inOverhead) {
                    v.overheadNs -= paid;
                } else {
                    v.refillNs -= paid;
                    v.remainingNs -= elapsed - paid;
                }
                v.execStart = now; // the burst end stays where it is
                reportOverhead(v, paid);
            }
        }
        for (PcpuState p : pcpus) {
            if (p.busySince >= 0) {
                p.busyNs += now - p.busySince;
                p.busySince = now;
            }
        }
        for (SimulationListener l : listeners) {
            l.onEnd(now);
        }
    }

    /** Number of events processed. */
    public long eventCount() {
        return events;
    }

    /** Hash of the event sequence and scheduler decisions so far. */
    public long eventHash() {
        return hash;
    }

    /** All VCPUs, idle ones first. */
    public List<? extends VcpuView> allVcpus() {
        return Collections.unmodifiableList(vcpus);
    }

    /** Time spent in each runstate by a VCPU ({@link RunState} order), up to the last event. */
    public long[] runstateTimes(VcpuView v) {
        return ((VcpuState) v).stateTime.clone();
    }

    /** Busy (non-idle) time of each PCPU. */
    public long[] pcpuBusyNs() {
        long[] b = new long[pcpus.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = pcpus[i].busyNs;
        }
        return b;
    }

    static long mix(long h, long x) {
        h ^= x;
        h *= 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    private void drainLocalSoftirqs() {
        int cpu = executing;
        if (cpu < 0) {
            for (PcpuState p : pcpus) {
                if (p.localSoftirq) {
                    executing = p.id;
                    runLocalSoftirq(p);
                }
            }
            executing = cpu;
            return;
        }
        runLocalSoftirq(pcpus[cpu]);
    }

    private void runLocalSoftirq(PcpuState p) {
        while (p.localSoftirq) {
            p.localSoftirq = false;
            if (p.switching) {
                p.deferredSoftirq = true;
            } else {
                doSchedule(p);
            }
        }
    }

    // ---------------------------------------------------------------- softirq and schedule()

    /**
     * {@code cpu_raise_softirq(target, SCHEDULE_SOFTIRQ)}: on the PCPU handling the current
     * event it runs when that handling ends; elsewhere after the IPI latency, plus the C-state
     * exit latency if the target is idle in a C-state.
     */
    void raiseSoftirq(int target) {
        PcpuState p = pcpus[target];
        long delay = 0;
        if (target != executing && executing >= 0) {
            delay += platform.ipiLatencyNs(executing, target);
        }
        if (p.current == p.idle && !p.switching && platform.usesCstates()) {
            delay += platform.cstateExitNs(target, now - p.idleSince);
        }
        if (delay == 0 && (target == executing || executing < 0)) {
            p.localSoftirq = true;
            return;
        }
        long at = now + delay;
        if (!p.softirq.isScheduled() || p.softirq.time() > at) {
            queue.schedule(p.softirq, at);
        }
    }

    void softirq(PcpuState p) {
        if (p.switching) {
            p.deferredSoftirq = true;
        } else {
            doSchedule(p);
        }
    }

    /** Xen's {@code schedule()} on one PCPU. */
    private void doSchedule(PcpuState p) {
        VcpuState prev = p.current;
        stopTimer(p.slice);
        Decision d = decision;
        d.vcpu = null;
        d.slice = Long.MIN_VALUE;
        scheduler.schedule(p, now, d);
        VcpuState next = validateDecision(p, prev, d);
        long slice = d.slice;
        p.lastDecision = next;
        p.lastSlice = slice;
        p.lastDecisionTime = now;
        hash = mix(hash, ((long) next.id << 32) ^ (slice == ScheduleDecision.NO_SLICE ? 0xffff : slice));
        if (slice != ScheduleDecision.NO_SLICE) {
            setTimer(p.slice, p.id, now + slice);
        }
        if (next == prev) {
            return; // continue_running
        }
        if (next.processor != p.id) {
            int from = next.processor;
            next.processor = p.id;
            moveGuestTimer(next);
            for (SimulationListener l : listeners) {
                l.onMigrate(next, from, p.id, now);
            }
        }
        // switch out prev
        if (!prev.isIdle()) {
            stopExecution(prev);
            prev.setState(prev.isRunnable() ? RunState.RUNNABLE
                    : prev.blocked ? RunState.BLOCKED : RunState.OFFLINE, now);
            p.busyNs += now - p.busySince;
            p.busySince = -1;
        } else {
            prev.setState(RunState.RUNNABLE, now);
        }
        prev.lastRunTime = now;
        for (SimulationListener l : listeners) {
            l.onDeschedule(p, prev, now);
        }
        // switch in next
        next.setState(RunState.RUNNING, now);
        next.running = true;
        p.current = next;
        boolean afterWake = next.wokenSinceDispatch;
        next.wokenSinceDispatch = false;
        for (SimulationListener l : listeners) {
            l.onDispatch(p, next, now, afterWake);
        }
        if (next.isIdle()) {
            p.idleSince = now;
            if (platform.usesCstates()) {
                scheduler.tickSuspend(p.id);
            }
        } else {
            p.busySince = now;
            if (prev.isIdle() && platform.usesCstates()) {
                scheduler.tickResume(p.id);
            }
        }
        p.prev = prev;
        p.switching = true;
        long cost = platform.contextSwitchNs();
        if (!next.isIdle()) {
            if (next.lastExecutedPcpu >= 0 && next.lastExecutedPcpu != p.id) {
                long refill = platform.migrationPenaltyNs(next.lastExecutedPcpu, p.id,
                        next.model == null ? 0 : next.model.workingSetBytes());
                if (refill > 0) {
                    next.refillNs = refill; // a cold cache: what was refilled elsewhere is lost
                }
            }
            if (cost > 0) {
                for (SimulationListener l : listeners) {
                    l.onOverhead(p.id, next, cost, now);
                }
            }
        }
        if (cost == 0) {
            switchDone(p);
        } else {
            queue.schedule(p.switchDone, now + cost);
        }
    }

    private VcpuState validateDecision(PcpuState p, VcpuState prev, Decision d) {
        if (d.vcpu == null) {
            throw decisionError(p, null, d.slice, "returned no VCPU (use the PCPU's idle VCPU to idle)");
        }
        if (!(d.vcpu instanceof VcpuState next) || vcpus.size() <= next.id || vcpus.get(next.id) != next) {
            throw decisionError(p, null, d.slice, "returned a VCPU that is not one of this simulation's: " + d.vcpu);
        }
        long slice = d.slice;
        if (slice != ScheduleDecision.NO_SLICE && slice <= 0) {
            throw decisionError(p, next, slice, slice == Long.MIN_VALUE ? "set no slice"
                    : "returned a non-positive slice " + slice + " ns (allowed: > 0, or NO_SLICE)");
        }
        if (next.isIdle()) {
            if (next != p.idle) {
                throw decisionError(p, next, slice, "returned the idle VCPU of another PCPU");
            }
            return next;
        }
        if (!next.isRunnable()) {
            throw decisionError(p, next, slice, "returned a VCPU that is not runnable ("
                    + (next.blocked ? "blocked" : next.halted ? "halted" : next.migrateRequested ? "migrating" : "paused")
                    + ")");
        }
        if (next != prev && next.running) {
            throw decisionError(p, next, slice, "returned a VCPU that is running on pcpu" + next.processor
                    + " (is_running is set until its context is saved)");
        }
        if (!next.affinity.contains(p.id)) {
            throw decisionError(p, next, slice, "returned a VCPU whose affinity " + next.affinity
                    + " excludes pcpu" + p.id);
        }
        return next;
    }

    private InvariantViolationException decisionError(PcpuState p, VcpuState v, long slice, String what) {
        return new InvariantViolationException("scheduler " + provider.id() + " on pcpu" + p.id + " at t=" + now
                + " ns (" + describeCurrentEvent() + "): schedule() " + what + "; decision: run "
                + (v == null ? "null" : v.name) + " slice " + (slice == Long.MIN_VALUE ? "unset" : slice)
                + "; current was " + p.current.name);
    }

    private String describeCurrentEvent() {
        if (firingTimer != null) {
            return firingTimer.describe();
        }
        return currentEvent == null ? "boot" : currentEvent.describe();
    }

    /** The end of a context switch: {@code context_saved(prev)}, then the new VCPU executes. */
    void switchDone(PcpuState p) {
        p.switching = false;
        VcpuState prev = p.prev;
        p.prev = null;
        if (prev != null && prev != p.current) {
            prev.running = false;
            scheduler.contextSaved(prev);
            if (prev.migrateRequested) {
                vcpuMigrate(prev);
            }
        }
        VcpuState cur = p.current;
        if (!cur.isIdle()) {
            cur.lastExecutedPcpu = p.id;
            beginExecution(cur);
        }
        if (p.deferredSoftirq) {
            p.deferredSoftirq = false;
            int saved = executing;
            executing = p.id;
            p.localSoftirq = true;
            runLocalSoftirq(p);
            executing = saved;
        }
    }

    /** Xen's {@code vcpu_migrate}: pick a PCPU, move there, wake. */
    private void vcpuMigrate(VcpuState v) {
        v.migrateRequested = false;
        int to = scheduler.pickCpu(v, true);
        if (to < 0 || to >= pcpus.length || !v.affinity.contains(to)) {
            throw new InvariantViolationException("scheduler " + provider.id() + " at t=" + now + " ns ("
                    + describeCurrentEvent() + "): pickCpu(" + v.name + ") returned " + to
                    + ", outside its affinity " + v.affinity);
        }
        int from = v.processor;
        if (to != from) {
            v.processor = to;
            moveGuestTimer(v);
            for (SimulationListener l : listeners) {
                l.onMigrate(v, from, to, now);
            }
        }
        v.inMigrationWake = true;
        try {
            wake(v);
        } finally {
            v.inMigrationWake = false;
        }
    }

    // ---------------------------------------------------------------- wake, block, sleep

    /** Xen's {@code vcpu_wake}. */
    void wake(VcpuState v) {
        if (!v.isRunnable()) {
            if (!v.blocked && v.state == RunState.BLOCKED) {
                v.setState(RunState.OFFLINE, now);
            }
            return;
        }
        boolean wokeUp = v.state == RunState.BLOCKED || v.state == RunState.OFFLINE;
        if (wokeUp) {
            v.setState(RunState.RUNNABLE, now);
            v.wokenSinceDispatch = true;
        }
        scheduler.wake(v);
        if (wokeUp) {
            for (SimulationListener l : listeners) {
                l.onWake(v, now);
            }
        }
    }

    /** Delivers a guest event: the model hears of it, and a blocked VCPU wakes ({@code vcpu_unblock}). */
    void deliverEvent(VcpuState v, int kind, long tag) {
        if (v.halted) {
            return;
        }
        if (kind == GuestEvent.TIMER && v.domain.type == DomainType.HVM) {
            v.overheadNs += platform.vmExitNs(); // the emulated LAPIC timer's EOI write exits
        }
        v.eventPending = true;
        v.model.onEvent(v.guest, kind, tag);
        if (v.blocked) {
            v.blocked = false;
            wake(v);
        }
    }

    /** {@code vcpu_pause_nosync}. */
    @Override
    public void pause(VcpuView vcpu) {
        VcpuState v = guestVcpu(vcpu, "pause");
        boolean wasRunnable = v.isRunnable();
        v.pauseCount++;
        if (wasRunnable) {
            sleep(v);
        }
    }

    /** {@code vcpu_unpause}. */
    @Override
    public void unpause(VcpuView vcpu) {
        VcpuState v = guestVcpu(vcpu, "unpause");
        if (v.pauseCount == 0) {
            throw new InvariantViolationException("scheduler " + provider.id() + " unpaused " + v.name
                    + " at t=" + now + " ns, which is not paused");
        }
        if (--v.pauseCount == 0) {
            wake(v);
        }
    }

    /** {@code vcpu_sleep_nosync} for a VCPU that just stopped being runnable. */
    private void sleep(VcpuState v) {
        if (v.state == RunState.RUNNABLE) {
            v.setState(RunState.OFFLINE, now);
        }
        scheduler.sleep(v);
        if (isCurrent(v)) {
            raiseSoftirq(v.processor);
        }
    }

    private boolean isCurrent(VcpuState v) {
        return pcpus[v.processor].current == v;
    }

    @Override
    public void migrate(VcpuView vcpu) {
        VcpuState v = guestVcpu(vcpu, "migrate");
        if (v.migrateRequested || v.halted) {
            return;
        }
        boolean wasRunnable = v.isRunnable();
        v.migrateRequested = true;
        if (isCurrent(v)) {
            raiseSoftirq(v.processor);
        } else if (!v.running) {
            if (wasRunnable) {
                scheduler.sleep(v);
            }
            vcpuMigrate(v);
        }
        // else: being switched out; switchDone() migrates it after context_saved
    }

    /** Changes a VCPU's hard affinity ({@code vcpu_set_affinity}) and migrates it if needed. */
    public void setAffinity(VcpuView vcpu, CpuMask mask) {
        VcpuState v = guestVcpu(vcpu, "set affinity of");
        if (mask.isEmpty() || !mask.within(pcpus.length)) {
            throw new IllegalArgumentException("affinity " + mask + " of " + v.name + " must name PCPUs 0-"
                    + (pcpus.length - 1));
        }
        v.affinity = mask;
        if (!mask.contains(v.processor) || isCurrent(v)) {
            migrate(v);
        }
    }

    private VcpuState guestVcpu(VcpuView vcpu, String what) {
        if (!(vcpu instanceof VcpuState v) || v.isIdle()) {
            throw new IllegalArgumentException("cannot " + what + " " + vcpu + ": not a guest VCPU");
        }
        return v;
    }

    // ---------------------------------------------------------------- guest execution

    private void beginExecution(VcpuState v) {
        if (v.model == null) {
            return; // driven from outside (SchedulerDriver): nothing executes
        }
        if (v.inOverhead) {
            v.execStart = now;
            queue.scheduleFirst(v.burstEnd, now + v.overheadNs);
        } else if (v.action == VcpuState.ACT_COMPUTE) {
            startCompute(v);
        } else {
            runGuest(v);
        }
    }

    private void stopExecution(VcpuState v) {
        if (v.burstEnd.isScheduled()) {
            queue.cancel(v.burstEnd);
            long elapsed = now - v.execStart;
            if (v.inOverhead) {
                v.overheadNs -= elapsed;
                reportOverhead(v, elapsed);
            } else {
                long refill = Math.min(elapsed, v.refillNs);
                v.refillNs -= refill;
                reportOverhead(v, refill);
                v.remainingNs -= elapsed - refill;
            }
        }
    }

    private void reportOverhead(VcpuState v, long ns) {
        if (ns > 0) {
            for (SimulationListener l : listeners) {
                l.onOverhead(v.processor, v, ns, now);
            }
        }
    }

    /**
     * The guest finished its CPU work (or the overhead before its action). Burst ends are
     * scheduled ahead of other events of the same instant: work that completes at {@code t} is
     * done before a timer or softirq at {@code t} looks at the VCPU.
     */
    void burstEnd(VcpuState v) {
        if (v.inOverhead) {
            v.inOverhead = false;
            reportOverhead(v, now - v.execStart);
            v.overheadNs = 0;
            flushOutbox(v);
            if (!performAction(v)) {
                runGuest(v);
            }
            return;
        }
        reportOverhead(v, v.refillNs);
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
        v.execStart = now;
        queue.scheduleFirst(v.burstEnd, now + v.refillNs + v.remainingNs);
    }

    boolean inGuestNext(VcpuState v) {
        return inNext == v;
    }

    /** Asks the model for actions until one takes time or gives up the PCPU. */
    private void runGuest(VcpuState v) {
        while (true) {
            if (zeroTimeAt != now) {
                zeroTimeAt = now;
                zeroTimeSteps = 0;
            }
            if (++zeroTimeSteps > MAX_ZERO_TIME_STEPS) {
                throw guestError(v, "made " + MAX_ZERO_TIME_STEPS + " actions without simulated time passing");
            }
            v.eventPending = false;
            v.action = VcpuState.ACT_NONE;
            v.guest.actionChosen = false;
            inNext = v;
            try {
                v.model.next(v.guest);
            } finally {
                inNext = null;
            }
            if (v.action == VcpuState.ACT_NONE) {
                throw guestError(v, "returned from next() without choosing an action");
            }
            if (v.overheadNs > 0) {
                v.inOverhead = true;
                v.execStart = now;
                queue.scheduleFirst(v.burstEnd, now + v.overheadNs);
                return;
            }
            flushOutbox(v);
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
                if (v.eventPending) {
                    return false; // SCHEDOP_block returns at once when events are pending
                }
                v.action = VcpuState.ACT_NONE;
                v.blocked = true;
                for (SimulationListener l : listeners) {
                    l.onBlock(v, now);
                }
                raiseSoftirq(v.processor);
                return true;
            }
            case VcpuState.ACT_YIELD -> {
                v.action = VcpuState.ACT_NONE;
                scheduler.yield(v);
                raiseSoftirq(v.processor);
                return true;
            }
            case VcpuState.ACT_HALT -> {
                v.action = VcpuState.ACT_NONE;
                v.halted = true;
                stopTimer(v.guestTimer);
                sleep(v);
                return true;
            }
            default -> throw guestError(v, "has no action to perform");
        }
    }

    // ---------------------------------------------------------------- I/O paths

    /**
     * A guest submits I/O (the frontend's request). The issue cost runs on its VCPU before
     * its next action: an event-channel notification (PV) or the emulated accesses' VM exits
     * (HVM). Then the request goes to the driver domain's backend.
     */
    void io(VcpuState v, IoKind kind, long bytes, long tag) {
        if (driver == null) {
            throw guestError(v, "issued " + kind + " but the scenario has no driver domain (dom0) to serve it");
        }
        if (inNext != v) {
            throw guestError(v, "issued I/O outside next()");
        }
        if (bytes < 0) {
            throw guestError(v, "issued I/O of " + bytes + " bytes");
        }
        IoRequest r = freeRequests.poll();
        if (r == null) {
            r = new IoRequest(this, requestsCreated++);
        }
        r.stage = IoRequest.REQUEST;
        r.issuer = v;
        r.kind = kind;
        r.bytes = bytes;
        r.tag = tag;
        r.issuedAt = now;
        if (v.domain == driver) {
            r.hop = IoRequest.TO_DEVICE; // dom0's own I/O goes straight to its driver
        } else {
            r.hop = IoRequest.TO_BACKEND;
            v.overheadNs += v.domain.type == DomainType.HVM
                    ? platform.vmExitsPerRequest(kind) * platform.vmExitNs()
                    : platform.eventChannelNotifyNs();
        }
        v.outbox.add(r);
    }

    /** Sends on what a VCPU issued, now that the overhead before it has run. */
    private void flushOutbox(VcpuState v) {
        IoRequest r;
        while ((r = v.outbox.poll()) != null) {
            switch (r.hop) {
                case IoRequest.TO_BACKEND -> toBackend(r, driver.vcpus.get(irqVcpu));
                case IoRequest.TO_DEVICE -> submitToDevice(r);
                default -> {
                    VcpuState issuer = r.issuer;
                    long tag = r.tag;
                    release(r);
                    deliverEvent(issuer, GuestEvent.IO_COMPLETE, tag);
                }
            }
        }
    }

    private void toBackend(IoRequest r, VcpuState backend) {
        backend.backendWork.add(r);
        deliverEvent(backend, GuestEvent.EVENT_CHANNEL, r.stage);
    }

    private void submitToDevice(IoRequest r) {
        DeviceQueue q = devices[r.kind.ordinal()];
        if (q.inService == null) {
            startService(q, r);
        } else {
            q.waiting.add(r);
        }
    }

    private void startService(DeviceQueue q, IoRequest r) {
        q.inService = r;
        long s = q.device.serviceNs(r.kind, r.bytes, q.random);
        if (s < 0) {
            throw new IllegalStateException("device " + q.device.name() + " of platform " + platform.id()
                    + " returned a negative service time " + s + " ns");
        }
        q.busyNs += s;
        queue.schedule(q, now + s);
    }

    /**
     * A device finished serving a request: it takes the next one, and the request's completion
     * interrupt follows after the device's latency.
     */
    void deviceDone(DeviceQueue q) {
        IoRequest r = q.inService;
        q.inService = null;
        q.served++;
        long latency = q.device.latencyNs(r.kind, r.bytes, q.random);
        if (latency < 0) {
            throw new IllegalStateException("device " + q.device.name() + " of platform " + platform.id()
                    + " returned a negative latency " + latency + " ns");
        }
        IoRequest next = q.waiting.poll();
        if (next != null) {
            startService(q, next);
        }
        if (latency == 0) {
            completionInterrupt(r);
        } else {
            queue.schedule(r, now + latency);
        }
    }

    /** The completion interrupt goes to the driver domain's IRQ VCPU. */
    void completionInterrupt(IoRequest r) {
        r.stage = IoRequest.COMPLETION;
        toBackend(r, driver.vcpus.get(irqVcpu));
    }

    /** The PCPU physical interrupts are delivered to (where the IRQ VCPU of dom0 is). */
    int irqPcpu() {
        return driver == null ? -1 : driver.vcpus.get(irqVcpu).processor;
    }

    BackendWork takeBackendWork(VcpuState v) {
        if (v.domain != driver) {
            throw guestError(v, "took backend work but is not in the driver domain");
        }
        IoRequest r = v.backendWork.poll();
        if (r == null) {
            return null;
        }
        boolean own = r.issuer.domain == driver;
        long backend = own ? 0 : platform.backendCpuNs(r.issuer.domain.type, r.kind, r.bytes);
        r.cpuNs = r.stage == IoRequest.REQUEST ? backend : platform.interruptCpuNs() + backend;
        r.takenBy = v;
        return r;
    }

    void finishBackendWork(VcpuState v, BackendWork w) {
        if (!(w instanceof IoRequest r) || r.takenBy != v) {
            throw guestError(v, "finished backend work it had not taken");
        }
        r.takenBy = null;
        if (r.stage == IoRequest.REQUEST) {
            r.hop = IoRequest.TO_DEVICE;
        } else {
            r.hop = IoRequest.TO_FRONTEND;
            if (r.issuer.domain != driver) {
                v.overheadNs += platform.eventChannelNotifyNs();
            }
        }
        v.outbox.add(r);
        if (inNext != v) {
            flushOutbox(v);
        }
    }

    private void release(IoRequest r) {
        r.issuer = null;
        r.takenBy = null;
        freeRequests.add(r);
    }

    /** Requests served by each device queue so far, by device name. */
    public java.util.Map<String, Long> deviceRequests() {
        java.util.Map<String, Long> m = new java.util.LinkedHashMap<>();
        for (DeviceQueue q : devices) {
            if (q != null) {
                m.put(q.device.name(), q.served);
            }
        }
        return m;
    }

    /**
     * The guest arms its timer: a PV guest with the {@code set_timer_op} hypercall, an HVM guest
     * by writing its emulated LAPIC timer (a VM exit). The cost runs on the VCPU before its next
     * action.
     */
    void setGuestTimer(VcpuState v, long when, long tag) {
        if (when < now) {
            when = now; // a timer in the past fires at once, as Xen's set_timer_op does
        }
        v.guestTimer.tag = tag;
        v.overheadNs += v.domain.type == DomainType.HVM ? platform.vmExitNs() : platform.hypercallNs();
        setTimer(v.guestTimer, v.processor, when);
    }

    void cancelGuestTimer(VcpuState v) {
        stopTimer(v.guestTimer);
    }

    // ---------------------------------------------------------------- Xen timers

    /** {@code set_timer}: (re)arms {@code t} on PCPU {@code cpu} to expire at {@code when}. */
    void setTimer(XenTimer t, int cpu, long when) {
        int old = t.cpu;
        if (old >= 0) {
            pcpus[old].timers.remove(t);
        }
        t.expires = when;
        t.seq = timerSeq++;
        t.cpu = cpu;
        pcpus[cpu].timers.insert(t);
        if (old >= 0 && old != cpu) {
            reprogram(pcpus[old]);
        }
        reprogram(pcpus[cpu]);
    }

    /** {@code stop_timer}. */
    void stopTimer(XenTimer t) {
        int old = t.cpu;
        if (old < 0) {
            return;
        }
        pcpus[old].timers.remove(t);
        t.cpu = -1;
        reprogram(pcpus[old]);
    }

    /** {@code migrate_timer}: a VCPU's timer follows it to its new PCPU. */
    private void moveGuestTimer(VcpuState v) {
        XenTimer t = v.guestTimer;
        if (t != null && t.active() && t.cpu != v.processor) {
            setTimer(t, v.processor, t.expires);
        }
    }

    /** Programs the PCPU's timer interrupt for its next batch. */
    private void reprogram(PcpuState p) {
        if (p.inTimerInterrupt) {
            return; // recomputed when the interrupt's handling ends
        }
        long deadline = p.timers.deadline(platform.timerSlopNs());
        if (deadline < 0) {
            queue.cancel(p.timerInterrupt);
            return;
        }
        if (deadline < now) {
            deadline = now;
        }
        if (!p.timerInterrupt.isScheduled() || p.timerInterrupt.time() != deadline) {
            queue.schedule(p.timerInterrupt, deadline);
        }
    }

    /** {@code timer_softirq_action}: runs every timer of the PCPU that is due, in order. */
    void timerInterrupt(PcpuState p) {
        p.inTimerInterrupt = true;
        try {
            XenTimer t;
            while ((t = p.timers.head) != null && t.expires <= now) {
                p.timers.remove(t);
                t.cpu = -1;
                events++;
                hash = mix(hash, ((long) t.kind << 32) ^ t.subject);
                executing = p.id;
                firingTimer = t;
                t.fire();
            }
        } finally {
            p.inTimerInterrupt = false;
            firingTimer = null;
        }
        reprogram(p);
    }

    long guestHypercall(VcpuState v, int op, long a0, long a1) {
        return scheduler.hypercall(v, op, a0, a1);
    }

    IllegalStateException guestError(VcpuState v, String what) {
        return new IllegalStateException("workload of " + v.name + " at t=" + now + " ns: " + what);
    }

    // ---------------------------------------------------------------- driving from outside

    /** Wakes a blocked VCPU now ({@code vcpu_unblock}) and runs the softirqs it raised. */
    public void wakeFromOutside(VcpuView vcpu) {
        VcpuState v = guestVcpu(vcpu, "wake");
        executing = -1;
        if (v.blocked) {
            v.blocked = false;
            wake(v);
        }
        drainLocalSoftirqs();
    }

    /** The VCPU, current on its PCPU, blocks now; its PCPU reschedules at once. */
    public void blockFromOutside(VcpuView vcpu) {
        VcpuState v = guestVcpu(vcpu, "block");
        if (!isCurrent(v)) {
            throw new IllegalStateException(v.name + " is not running, so it cannot block");
        }
        executing = -1;
        stopExecution(v);
        v.action = VcpuState.ACT_NONE;
        v.blocked = true;
        for (SimulationListener l : listeners) {
            l.onBlock(v, now);
        }
        pcpus[v.processor].localSoftirq = true;
        drainLocalSoftirqs();
    }

    /** Raises and runs the schedule softirq on {@code pcpu} now. */
    public void scheduleFromOutside(int pcpu) {
        executing = -1;
        pcpus[pcpu].localSoftirq = true;
        drainLocalSoftirqs();
    }

    // ---------------------------------------------------------------- SchedulerContext

    @Override
    public long now() {
        return now;
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public int pcpuCount() {
        return pcpus.length;
    }

    @Override
    public PcpuView pcpu(int id) {
        return pcpus[id];
    }

    @Override
    public VcpuView vcpu(int id) {
        return vcpus.get(id);
    }

    @Override
    public int currentPcpu() {
        return executing;
    }

    @Override
    public Timer newTimer(String name, int pcpu, TimerHandler handler) {
        if (pcpu < 0 || pcpu >= pcpus.length) {
            throw new IllegalArgumentException("timer " + name + ": no pcpu" + pcpu);
        }
        return new SchedulerTimer(name, pcpu, handler);
    }

    @Override
    public void tickle(int pcpu) {
        if (pcpu < 0 || pcpu >= pcpus.length) {
            throw new InvariantViolationException("scheduler " + provider.id() + " tickled pcpu" + pcpu
                    + " at t=" + now + " ns; PCPUs are 0-" + (pcpus.length - 1));
        }
        raiseSoftirq(pcpu);
    }

    @Override
    public void setPrivate(VcpuView vcpu, Object state) {
        ((VcpuState) vcpu).schedPriv = state;
    }

    @Override
    public void setPrivate(PcpuView pcpu, Object state) {
        ((PcpuState) pcpu).schedPriv = state;
    }

    @Override
    public void setPrivate(DomainView domain, Object state) {
        ((DomainState) domain).schedPriv = state;
    }

    @Override
    public int traceEventType(String name, String... argNames) {
        traceNames.add(name);
        traceArgNames.add(argNames.clone());
        traceNameArray = traceNames.toArray(new String[0]);
        return traceNames.size() - 1;
    }

    /** The registered trace event types: names and argument names, by type number. */
    public List<String> traceEventNames() {
        return Collections.unmodifiableList(traceNames);
    }

    /** The argument names of trace event type {@code type}. */
    public List<String> traceArgumentNames(int type) {
        return List.of(traceArgNames.get(type));
    }

    @Override
    public boolean tracing() {
        return traceListeners.length > 0;
    }

    @Override
    public void trace(int type, int pcpu, VcpuView vcpu, long arg0, long arg1) {
        SimulationListener[] ls = traceListeners;
        if (ls.length == 0) {
            return;
        }
        String name = type >= 0 && type < traceNameArray.length ? traceNameArray[type] : "unknown";
        for (SimulationListener l : ls) {
            l.onTrace(now, type, name, pcpu, vcpu, arg0, arg1);
        }
    }

    @Override
    public RandomGenerator random() {
        return schedulerRandom;
    }

    /** Changes a domain's scheduler parameters during a run ({@code xl sched-credit -d}). */
    public void adjustDomain(DomainView domain, Parameters params) {
        DomainState d = (DomainState) domain;
        Parameters previous = d.schedParams;
        d.schedParams = params;
        try {
            scheduler.adjustDomain(d, previous);
        } catch (RuntimeException e) {
            d.schedParams = previous; // a rejected change leaves nothing behind
            throw e;
        }
        drainLocalSoftirqs();
    }

    /** Changes a VCPU's scheduler parameters during a run. */
    public void adjustVcpu(VcpuView vcpu, Parameters params) {
        VcpuState v = (VcpuState) vcpu;
        Parameters previous = v.schedParams;
        v.schedParams = params;
        try {
            scheduler.adjustVcpu(v, previous);
        } catch (RuntimeException e) {
            v.schedParams = previous;
            throw e;
        }
        drainLocalSoftirqs();
    }

    // ---------------------------------------------------------------- checked mode

    private void check(String event) {
        int n = pcpus.length;
        VcpuState[] currentOn = new VcpuState[vcpus.size()];
        for (PcpuState p : pcpus) {
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
            if (!c.isRunnable() && !p.softirq.isScheduled() && !p.localSoftirq && !p.switching && !p.deferredSoftirq) {
                throw violation(event, p, c, "runs a VCPU that is not runnable, and no reschedule is pending");
            }
        }
        for (VcpuState v : vcpus) {
            if (v.isIdle() || currentOn[v.id] != null) {
                continue;
            }
            if (v.running && pcpus[v.processor].prev != v) {
                throw violation(event, pcpus[v.processor], v, "has is_running set but runs nowhere");
            }
            if (v.state == RunState.RUNNING) {
                throw violation(event, pcpus[v.processor], v, "is in runstate RUNNING but runs nowhere");
            }
        }
        if (!scheduler.reportsQueues()) {
            return;
        }
        int[] queuedOn = new int[vcpus.size()];
        Arrays.fill(queuedOn, -1);
        for (int c = 0; c < n; c++) {
            PcpuState p = pcpus[c];
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
            scheduler.forEachQueued(c, visit);
        }
        for (VcpuState v : vcpus) {
            if (!v.isIdle() && v.isRunnable() && currentOn[v.id] == null && queuedOn[v.id] < 0) {
                throw violation(event, pcpus[v.processor], v, "is runnable but neither running nor queued (lost)");
            }
        }
    }

    private InvariantViolationException violation(String event, PcpuState p, VcpuState v, String what) {
        return new InvariantViolationException("checked mode: after " + event + " at t=" + now + " ns: pcpu" + p.id
                + " / " + v.name + " " + what + "; last decision on pcpu" + p.id + ": "
                + (p.lastDecision == null ? "none" : "run " + p.lastDecision.name + " slice "
                + (p.lastSlice == ScheduleDecision.NO_SLICE ? "none" : p.lastSlice + " ns") + " at t="
                + p.lastDecisionTime + " ns") + " by scheduler " + provider.id());
    }

    // ---------------------------------------------------------------- inner event types

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

    /** A scheduler's timer ({@code struct timer}). */
    private final class SchedulerTimer extends XenTimer implements Timer {
        private final String name;
        private final int home;
        private final TimerHandler handler;

        SchedulerTimer(String name, int cpu, TimerHandler handler) {
            super(EngineEvent.SCHED_TIMER, cpu);
            this.name = name;
            this.home = cpu;
            this.handler = handler;
        }

        @Override
        public void set(long when) {
            setTimer(this, home, when);
        }

        @Override
        public void cancel() {
            stopTimer(this);
        }

        @Override
        public boolean armed() {
            return active();
        }

        @Override
        public long expiry() {
            return expires;
        }

        @Override
        void fire() {
            handler.onTimer(now);
        }

        @Override
        String describe() {
            return "timer " + name + " on pcpu" + home;
        }
    }

    /** An action scheduled from outside (parameter change, probe). */
    private static final class ActionEvent extends EngineEvent {
        private final Runnable action;
        private final String description;

        ActionEvent(Runnable action, String description) {
            super(ACTION, description.hashCode());
            this.action = action;
            this.description = description;
        }

        @Override
        public void fire() {
            action.run();
        }

        @Override
        int pcpu() {
            return -1;
        }

        @Override
        public String describe() {
            return "action '" + description + "'";
        }
    }
}
