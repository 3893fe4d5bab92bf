package io.github.vsched.core.internal;

import io.github.vsched.api.AdmissionRefusedException;
import io.github.vsched.api.Capability;
import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.Durations;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.ParameterType;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.Platform;
import io.github.vsched.api.RunState;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.api.Topology;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.event.Event;
import io.github.vsched.core.event.EventQueue;
import io.github.vsched.core.internal.bus.ListenerBus;
import io.github.vsched.core.internal.check.InvariantChecker;
import io.github.vsched.core.internal.context.EngineContext;
import io.github.vsched.core.internal.guest.GuestExecution;
import io.github.vsched.core.internal.schedule.ScheduleLayer;
import io.github.vsched.core.internal.state.Cpupool;
import io.github.vsched.core.internal.state.DomainState;
import io.github.vsched.core.internal.state.EngineEvent;
import io.github.vsched.core.internal.state.Machine;
import io.github.vsched.core.internal.state.PcpuState;
import io.github.vsched.core.internal.state.VcpuState;
import io.github.vsched.core.internal.timer.Timers;
import io.github.vsched.core.observe.InvariantViolationException;
import io.github.vsched.core.observe.Refusal;
import io.github.vsched.core.observe.SimulationListener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The simulated hypervisor, assembled from its layers and driven by one {@link EventQueue}:
 * single-threaded and deterministic. This class builds the machine (domain and VCPU creation,
 * as Xen's {@code domain_create} and {@code alloc_vcpu}), runs the event loop and answers the
 * public classes of sched-core; the work is done by the layers, each in its own package:
 * <ul>
 *   <li>{@code state}: the PCPUs, VCPUs and domains every layer shares ({@link Machine});</li>
 *   <li>{@code timer}: Xen's timers with slop and coalescing ({@code timer.c});</li>
 *   <li>{@code schedule}: the generic scheduling layer and the schedule softirq
 *       ({@code schedule.c});</li>
 *   <li>{@code guest}: the guests' execution, driven by their workload models;</li>
 *   <li>{@code io}: event channels, backends, device models and devices;</li>
 *   <li>{@code context}: the {@link io.github.vsched.api.SchedulerContext} a scheduler sees;</li>
 *   <li>{@code check}: checked mode's invariants;</li>
 *   <li>{@code bus}: the listeners.</li>
 * </ul>
 * The PCPUs are partitioned into cpupools ({@link Cpupool}), each with its own scheduler
 * instance; without pools, Pool-0 is the whole machine and runs the one scheduler.
 */
public final class Engine {
    private final Machine m;
    private final ListenerBus bus = new ListenerBus();
    private final List<Refusal> refusals = new java.util.ArrayList<>();
    private final Timers timers;
    private final ScheduleLayer schedule;
    private final GuestExecution guests;
    private final RandomGenerator schedulerRandom;
    private final List<DomainState> domainsView;
    private final InvariantChecker checker;
    private final List<RandomGenerator> poolRandom = new ArrayList<>();
    private boolean started;

    /**
     * @param platform        the machine
     * @param provider        the scheduler's provider
     * @param schedulerRandom the scheduler's random stream
     * @param checked         verify invariants after every event
     */
    public Engine(Platform platform, SchedulerProvider provider, RandomGenerator schedulerRandom, boolean checked) {
        this.m = new Machine(platform, provider, checked);
        this.timers = new Timers(m);
        this.schedule = new ScheduleLayer(m, timers, bus);
        this.guests = new GuestExecution(m, schedule, timers, bus);
        schedule.setExecution(guests);
        this.schedulerRandom = schedulerRandom;
        this.domainsView = Collections.unmodifiableList(m.domains);
        this.checker = new InvariantChecker(m, schedule);
    }

    /**
     * Creates the device queues, one per physical device (devices of the same name are one
     * device), each with its own random stream taken from {@code streams} by device name.
     */
    public void createDevices(Function<String, RandomGenerator> streams) {
        guests.io().createDevices(streams);
    }

    /**
     * Creates a cpupool ({@code cpupool_create}, then {@code cpupool_assign_cpu} for each of
     * {@code cpus}, which leave Pool-0) run by its own instance of {@code provider}'s scheduler.
     * Pools are made before any scheduler is created; Pool-0 keeps the PCPUs no pool takes.
     *
     * @param random the pool's scheduler's random stream
     * @return the pool's number (1, 2, ...; Pool-0 is 0)
     * @throws IllegalArgumentException for a duplicate name, an empty set, PCPUs outside the
     *                                  machine or already in another pool, Pool-0 left empty, or
     *                                  a scheduler that schedules only whole machines
     */
    public int addPool(String name, CpuMask cpus, SchedulerProvider provider, RandomGenerator random) {
        if (m.pools.get(0).scheduler != null) {
            throw new IllegalStateException("cpupool " + name + ": pools are made before the schedulers");
        }
        int n = m.pcpus.length;
        for (Cpupool p : m.pools) {
            if (p.name.equals(name)) {
                throw new IllegalArgumentException("cpupool " + name + " exists already");
            }
        }
        if (cpus.isEmpty() || !cpus.within(n)) {
            throw new IllegalArgumentException("cpupool " + name + ": cpus " + cpus + " must name PCPUs within 0-" + (n - 1));
        }
        Cpupool pool0 = m.pools.get(0);
        for (int c = cpus.next(0); c >= 0; c = cpus.next(c + 1)) {
            if (m.pcpus[c].pool != pool0) {
                throw new IllegalArgumentException("cpupool " + name + ": pcpu" + c + " is already in cpupool "
                        + m.pcpus[c].pool.name);
            }
        }
        CpuMask rest = pool0.cpus.andNot(cpus);
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("cpupool " + name + ": cpus " + cpus + " would leave " + Cpupool.POOL0
                    + " without a PCPU (it holds dom0 and must keep at least one)");
        }
        Cpupool pool = new Cpupool(m.pools.size(), name, cpus, provider);
        poolRandom.add(random);
        m.pools.add(pool);
        pool0.cpus = rest;
        for (int c = cpus.next(0); c >= 0; c = cpus.next(c + 1)) {
            m.pcpus[c].pool = pool;
        }
        return pool.id;
    }

    /** Creates Pool-0's scheduler with its parameters and runs its {@code init}. */
    public void createScheduler(Parameters params) {
        createScheduler(0, params);
    }

    /**
     * Creates the scheduler of cpupool {@code pool} (0 for Pool-0) with its parameters and runs
     * its {@code init}. A scheduler that does not declare {@link Capability#CPUPOOLS} schedules
     * every PCPU it is given a context for, so it is refused in a pool smaller than the machine.
     */
    public void createScheduler(int pool, Parameters params) {
        Cpupool p = m.pools.get(pool);
        if (p.scheduler != null) {
            throw new IllegalStateException("cpupool " + p.name + " has its scheduler already");
        }
        if (p.cpus.size() < m.pcpus.length && !p.provider.capabilities().contains(Capability.CPUPOOLS)) {
            throw new IllegalArgumentException("cpupool " + p.name + ": scheduler " + p.provider.id()
                    + " schedules only whole machines (it does not declare the cpupools capability);"
                    + " it cannot run a pool of PCPUs " + p.cpus + " of 0-" + (m.pcpus.length - 1));
        }
        EngineContext ctx = new EngineContext(m, p, timers, schedule, bus,
                pool == 0 ? schedulerRandom : poolRandom.get(pool - 1));
        Scheduler s = p.provider.create(ctx, params);
        if (s == null) {
            throw new IllegalStateException("scheduler provider " + p.provider.id() + " returned no scheduler");
        }
        p.scheduler = s;
        s.init();
    }

    /** Pool-0's scheduler. */
    public Scheduler scheduler() {
        return m.pools.get(0).scheduler;
    }

    /** The scheduler of cpupool {@code pool} (0 for Pool-0). */
    public Scheduler scheduler(int pool) {
        return m.pools.get(pool).scheduler;
    }

    /** Number of cpupools, Pool-0 included. */
    public int poolCount() {
        return m.pools.size();
    }

    /** The name of cpupool {@code pool}. */
    public String poolName(int pool) {
        return m.pools.get(pool).name;
    }

    /** The PCPUs of cpupool {@code pool}. */
    public CpuMask poolCpus(int pool) {
        return m.pools.get(pool).cpus;
    }

    /** The cpupool of a PCPU. */
    public int poolOfPcpu(int pcpu) {
        return m.pcpus[pcpu].pool.id;
    }

    /** The cpupool of a domain. */
    public int poolOf(DomainView domain) {
        return ((DomainState) domain).pool.id;
    }

    /** Adds a listener (recorder, trace sink, test probe). */
    public void addListener(SimulationListener l) {
        bus.add(l);
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
        return addDomain(name, type, memoryMb, domainParams, affinity, vcpuParams, false, 0, 0);
    }

    /** Creates a guest domain in Pool-0. */
    public DomainView addDomain(String name, DomainType type, long memoryMb, Parameters domainParams,
                                List<CpuMask> affinity, List<Parameters> vcpuParams, boolean driverDomain,
                                int irqVcpu) {
        return addDomain(name, type, memoryMb, domainParams, affinity, vcpuParams, driverDomain, irqVcpu, 0);
    }

    /**
     * Creates a guest domain in cpupool {@code pool}; a driver domain (dom0) serves the other
     * domains' I/O: its VCPU {@code irqVcpu} receives the physical interrupts and the frontends'
     * notifications. Each VCPU's affinity is its hard affinity within the pool's PCPUs (what
     * Xen's schedulers take as {@code hard_affinity & cpupool_domain_master_cpumask}); an
     * affinity with no PCPU in the pool is refused. dom0 stays in Pool-0, as in Xen.
     */
    public DomainView addDomain(String name, DomainType type, long memoryMb, Parameters domainParams,
                                List<CpuMask> affinity, List<Parameters> vcpuParams, boolean driverDomain,
                                int irqVcpu, int pool) {
        DomainState existingDriver = guests.io().driver();
        if (driverDomain && existingDriver != null) {
            throw new IllegalArgumentException("two driver domains: " + existingDriver.name + " and " + name);
        }
        if (driverDomain && (irqVcpu < 0 || irqVcpu >= vcpuParams.size())) {
            throw new IllegalArgumentException("driver domain " + name + ": irqVcpu " + irqVcpu
                    + " not in [0, " + (vcpuParams.size() - 1) + "]");
        }
        boolean dom0 = driverDomain && m.domains.isEmpty(); // the first domain, serving I/O: Xen's dom0
        if (pool < 0 || pool >= m.pools.size()) {
            throw new IllegalArgumentException("domain " + name + ": no cpupool " + pool + " (there are "
                    + m.pools.size() + ")");
        }
        Cpupool cp = m.pools.get(pool);
        if (cp.scheduler == null) {
            throw new IllegalStateException("domain " + name + ": cpupool " + cp.name + " has no scheduler yet");
        }
        if (dom0 && pool != 0) {
            throw new IllegalArgumentException("domain " + name + " is dom0 and stays in " + Cpupool.POOL0
                    + " (Xen does not move dom0 to another cpupool), not in cpupool " + cp.name);
        }
        DomainState d = new DomainState(m.domains.size(), name, type, domainParams);
        d.memoryMb = memoryMb;
        d.pool = cp;
        int n = m.pcpus.length;
        int prevCpu = -1;
        for (int i = 0; i < vcpuParams.size(); i++) {
            CpuMask hard = affinity.get(i) == null ? CpuMask.all(n) : affinity.get(i);
            if (hard.isEmpty() || !hard.within(n)) {
                throw new IllegalArgumentException("domain " + name + " VCPU " + i + ": affinity " + hard
                        + " must name PCPUs within 0-" + (n - 1));
            }
            // without other pools, Pool-0 is the machine and the mask is kept as given
            CpuMask aff = cp.cpus.size() == n ? hard : hard.and(cp.cpus);
            if (aff.isEmpty()) {
                throw new IllegalArgumentException("domain " + name + " VCPU " + i + ": affinity " + hard
                        + " has no PCPU in its cpupool " + cp.name + " (PCPUs " + cp.cpus + ")");
            }
            // dom0 (construct_dom0): VCPU i on PCPU i; other domains (XEN_DOMCTL_max_vcpus): VCPU 0
            // where default_vcpu0_location says; the others cycle on from the previous VCPU's PCPU
            int cpu = i > 0 ? aff.cycle(prevCpu) : dom0 ? aff.next(0) : vcpu0Location(aff);
            VcpuState v = new VcpuState(m.vcpus.size(), i, d, cpu, aff, vcpuParams.get(i));
            v.stateEntry = m.now;
            v.blocked = true; // not runnable until started (Xen: created paused)
            v.state = RunState.BLOCKED;
            guests.attach(v);
            m.vcpus.add(v);
            d.vcpus.add(v);
            prevCpu = cpu;
        }
        m.domains.add(d);
        cp.domains.add(d);
        if (driverDomain) {
            guests.io().setDriver(d, irqVcpu);
        }
        cp.scheduler.addDomain(d);
        for (VcpuState v : d.vcpus) {
            try {
                cp.scheduler.addVcpu(v);
            } catch (AdmissionRefusedException e) {
                // not admitted: the VCPU stays down (_VPF_down), never runnable, unknown to the scheduler
                v.halted = true;
                v.admitted = false;
                refusals.add(new Refusal(m.now, "vcpu " + v.name, "insertion", e.getMessage()));
            }
        }
        return d;
    }

    /**
     * Sets an HVM domain's {@code HVM_PARAM_TIMER_MODE} ({@code HVMOP_set_param}): 0 to 3, as
     * {@code HVMPTM_*}; it governs the domain's virtual periodic timers from their next tick.
     */
    public void setTimerMode(DomainView domain, int mode) {
        if (mode < 0 || mode > 3) {
            throw new IllegalArgumentException("domain " + domain.name() + ": timer mode " + mode + " not in [0, 3]");
        }
        ((DomainState) domain).timerMode = mode;
    }

    /**
     * Xen 4.0's {@code default_vcpu0_location} ({@code xen/common/domctl.c}): the CPU running the
     * fewest VCPUs of existing domains, ties going to the highest-numbered; on an SMT machine only
     * each core's second thread is a candidate. Within a hard affinity (which Xen's tools apply
     * after creation, through a migration) the same rule picks among the affinity's CPUs.
     */
    private int vcpu0Location(CpuMask aff) {
        int[] count = new int[m.pcpus.length];
        for (VcpuState v : m.vcpus) {
            if (!v.isIdle()) {
                count[v.processor]++;
            }
        }
        Topology t = m.platform.topology();
        int best = -1;
        for (int pass = 0; pass < 2 && best < 0; pass++) {
            for (int c = aff.next(0); c >= 0; c = aff.next(c + 1)) {
                CpuMask threads = t.threadSiblings(c);
                boolean secondThread = threads.size() == 1 || threads.next(threads.next(0) + 1) == c;
                if (pass == 0 && !secondThread) {
                    continue; // the second pass takes any CPU, for an affinity without such threads
                }
                if (best < 0 || count[c] <= count[best]) {
                    best = c;
                }
            }
        }
        return best;
    }

    /** Attaches a workload model to a VCPU, with the random stream its guest sees. */
    public void setGuest(VcpuView vcpu, GuestModel model, RandomGenerator random) {
        guests.setGuest(vcpu, model, random);
    }

    /** Guest domains, in creation order. */
    public List<? extends DomainView> domains() {
        return domainsView;
    }

    // ---------------------------------------------------------------- running

    /** Boots every guest VCPU (wakes them, as Xen does when a domain is unpaused). */
    public void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        m.executing = -1;
        for (DomainState d : m.domains) {
            for (VcpuState v : d.vcpus) {
                if (v.model == null) {
                    throw new IllegalStateException("VCPU " + v.name + " has no workload model");
                }
                v.blocked = false;
                schedule.wake(v);
            }
        }
        schedule.drainLocalSoftirqs();
        if (m.checked) {
            checker.check("boot");
        }
    }

    /** Schedules an arbitrary action (parameter changes, test probes) at an absolute time. */
    public void at(long time, Runnable action, String description) {
        if (time < m.now) {
            throw new IllegalArgumentException("cannot schedule '" + description + "' at " + time
                    + " ns, before now " + m.now);
        }
        m.queue.schedule(new ActionEvent(action, description), time);
    }

    /** Processes events up to and including {@code until}, then sets the clock to it. */
    public void runUntil(long until) {
        Machine m = this.m;
        EventQueue q = m.queue;
        Event e;
        while ((e = q.pollUntil(until)) != null) {
            long t = e.time();
            if (t < m.now) {
                throw new InvariantViolationException("time went back from " + m.now + " to " + t + " at "
                        + e.describe());
            }
            m.now = t;
            EngineEvent ee = (EngineEvent) e;
            m.executing = ee.pcpu();
            m.currentEvent = e;
            m.events++;
            m.hash = Machine.mix(Machine.mix(m.hash, t), ((long) ee.kind << 32) ^ ee.subject);
            e.fire();
            schedule.drainLocalSoftirqs();
            if (m.checked) {
                checker.check(m.describeCurrentEvent());
            }
        }
        m.now = Math.max(m.now, until);
        m.currentEvent = null;
    }

    /**
     * Closes runstate accounting, reports the overhead paid so far by VCPUs in the middle of
     * it (I/O issue costs, a cache refill), and tells the listeners the run ended.
     */
    public void finish() {
        for (VcpuState v : m.vcpus) {
            v.setState(v.state, m.now);
            guests.closeAccounting(v);
        }
        for (PcpuState p : m.pcpus) {
            if (p.busySince >= 0) {
                p.busyNs += m.now - p.busySince;
                p.busySince = m.now;
            }
        }
        bus.end(m.now);
    }

    // ---------------------------------------------------------------- what the run shows

    /** The current simulated time. */
    public long now() {
        return m.now;
    }

    /** The machine's platform. */
    public Platform platform() {
        return m.platform;
    }

    /** Number of PCPUs. */
    public int pcpuCount() {
        return m.pcpus.length;
    }

    /** A PCPU's live view. */
    public PcpuView pcpu(int id) {
        return m.pcpus[id];
    }

    /** Number of events processed. */
    public long eventCount() {
        return m.events;
    }

    /** Hash of the event sequence and scheduler decisions so far. */
    public long eventHash() {
        return m.hash;
    }

    /** Time spent in each runstate by a VCPU ({@link RunState} order), up to the last event. */
    public long[] runstateTimes(VcpuView v) {
        return ((VcpuState) v).stateTime.clone();
    }

    /** Busy (non-idle) time of each PCPU. */
    public long[] pcpuBusyNs() {
        long[] b = new long[m.pcpus.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = m.pcpus[i].busyNs;
        }
        return b;
    }

    /** The registered trace event types: names by type number. */
    public List<String> traceEventNames() {
        return bus.traceEventNames();
    }

    /** The argument names of trace event type {@code type}. */
    public List<String> traceArgumentNames(int type) {
        return bus.traceArgumentNames(type);
    }

    // ---------------------------------------------------------------- changes during a run

    /**
     * Changes a domain's scheduler parameters during a run ({@code xl sched-credit -d}).
     *
     * @return false if the scheduler's admission control refused it (recorded in {@link #refusals()})
     */
    public boolean adjustDomain(DomainView domain, Parameters params) {
        return adjustDomain(domain, params, null);
    }

    /**
     * Changes a domain's scheduler parameters during a run, and with them its VCPUs' (their
     * inherited values follow the domain's); the scheduler's {@code adjustDomain} sees both.
     *
     * @param vcpuParams the VCPUs' new parameters by VCPU number, or null to keep theirs
     * @return false if the scheduler's admission control refused it (recorded in {@link #refusals()})
     */
    public boolean adjustDomain(DomainView domain, Parameters params, List<Parameters> vcpuParams) {
        DomainState d = (DomainState) domain;
        Parameters previous = d.schedParams;
        Parameters[] previousVcpus = new Parameters[d.vcpus.size()];
        for (int i = 0; i < previousVcpus.length; i++) {
            previousVcpus[i] = d.vcpus.get(i).schedParams;
        }
        d.schedParams = params;
        if (vcpuParams != null) {
            for (int i = 0; i < previousVcpus.length; i++) {
                d.vcpus.get(i).schedParams = vcpuParams.get(i);
            }
        }
        try {
            d.pool.scheduler.adjustDomain(d, previous);
        } catch (RuntimeException e) {
            d.schedParams = previous; // a rejected change leaves nothing behind
            for (int i = 0; i < previousVcpus.length; i++) {
                d.vcpus.get(i).schedParams = previousVcpus[i];
            }
            if (e instanceof AdmissionRefusedException a) {
                refusals.add(new Refusal(m.now, "domain " + d.name, change(params, d.pool.provider.domainParameters()),
                        a.getMessage()));
                return false;
            }
            throw e;
        }
        schedule.drainLocalSoftirqs();
        return true;
    }

    /** The values set explicitly, as {@code name=value, ...} (durations with a unit), for a refusal's report. */
    private String change(Parameters p, List<ParameterSpec> schema) {
        StringBuilder sb = new StringBuilder();
        for (ParameterSpec spec : schema) {
            String name = spec.name();
            if (p.isGiven(name) && p.has(name)) {
                Object v = p.values().get(name);
                sb.append(sb.length() == 0 ? "" : ", ").append(name).append('=')
                        .append(spec.type() == ParameterType.DURATION ? Durations.format((Long) v) : String.valueOf(v));
            }
        }
        return sb.length() == 0 ? "defaults" : sb.toString();
    }

    /** What admission control refused so far, in order. */
    public List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    /**
     * Changes the scheduler-wide parameters during a run ({@code adjust_global}).
     *
     * @param previous those in force until now
     * @return false if the scheduler's admission control refused it (recorded in {@link #refusals()})
     */
    public boolean adjustGlobal(Parameters params, Parameters previous) {
        try {
            m.pools.get(0).scheduler.adjustGlobal(params, previous);
        } catch (AdmissionRefusedException a) {
            refusals.add(new Refusal(m.now, "scheduler", change(params, m.pools.get(0).provider.parameters()),
                    a.getMessage()));
            return false;
        }
        schedule.drainLocalSoftirqs();
        return true;
    }

    /**
     * Changes a VCPU's scheduler parameters during a run.
     *
     * @return false if the scheduler's admission control refused it (recorded in {@link #refusals()})
     */
    public boolean adjustVcpu(VcpuView vcpu, Parameters params) {
        VcpuState v = (VcpuState) vcpu;
        if (!v.admitted) {
            throw new IllegalStateException("VCPU " + v.name + " was not admitted by scheduler " + v.domain.pool.provider.id()
                    + " (see the refusals); its parameters cannot change");
        }
        Parameters previous = v.schedParams;
        v.schedParams = params;
        try {
            v.domain.pool.scheduler.adjustVcpu(v, previous);
        } catch (RuntimeException e) {
            v.schedParams = previous;
            if (e instanceof AdmissionRefusedException a) {
                refusals.add(new Refusal(m.now, "vcpu " + v.name, change(params, v.domain.pool.provider.vcpuParameters()),
                        a.getMessage()));
                return false;
            }
            throw e;
        }
        schedule.drainLocalSoftirqs();
        return true;
    }

    /** Changes a VCPU's hard affinity ({@code vcpu_set_affinity}) and migrates it if needed. */
    public void setAffinity(VcpuView vcpu, CpuMask mask) {
        schedule.setAffinity(vcpu, mask);
    }

    /** Steps for driving the scheduler without workloads (microbenchmarks, scheduler unit tests). */
    public OutsideDriver outsideDriver() {
        return new OutsideDriver(m, schedule, guests, bus);
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
        public int pcpu() {
            return -1;
        }

        @Override
        public String describe() {
            return "action '" + description + "'";
        }
    }
}
