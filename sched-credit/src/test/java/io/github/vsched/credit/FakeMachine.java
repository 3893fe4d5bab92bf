package io.github.vsched.credit;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.Platform;
import io.github.vsched.api.RunState;
import io.github.vsched.api.ScheduleDecision;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.Timer;
import io.github.vsched.api.TimerHandler;
import io.github.vsched.api.Topology;
import io.github.vsched.api.VcpuView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A hand-driven stand-in for the engine, for rule tests that need exact control: the test
 * sets the clock, fires timers, wakes VCPUs and runs {@code schedule} on a PCPU when it
 * decides to; tickles and migrations are only recorded. Context switches are instantaneous
 * (context saved at once).
 */
final class FakeMachine implements SchedulerContext {
    final Topology topology;
    final CreditScheduler sched;
    final CreditConfig config;
    final List<FakePcpu> pcpus = new ArrayList<>();
    final List<FakeVcpu> vcpus = new ArrayList<>();
    final List<FakeDomain> domains = new ArrayList<>();
    final List<FakeTimer> timers = new ArrayList<>();
    /** PCPUs tickled, in order, since the last {@link #clearTickles()}. */
    final List<Integer> tickles = new ArrayList<>();
    /** VCPUs asked to migrate. */
    final List<FakeVcpu> migrations = new ArrayList<>();
    final List<String> traceNames = new ArrayList<>();
    final List<String> traced = new ArrayList<>();
    boolean tracing;
    long now;
    int currentPcpu;
    private final SplittableRandom random = new SplittableRandom(7);

    FakeMachine(int pcpus, String... params) {
        this(Topology.flat(pcpus), params);
    }

    FakeMachine(Topology topology, String... params) {
        this.topology = topology;
        Map<String, String> raw = new HashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            raw.put(params[i], params[i + 1]);
        }
        Parameters p = Parameters.resolve("credit", new CreditSchedulerProvider().parameters(), raw, 1_000_000_000L);
        FakeDomain idleDom = new FakeDomain(-1, "idle", DomainType.IDLE, Parameters.empty("idle"));
        for (int c = 0; c < topology.pcpus(); c++) {
            FakeVcpu idle = new FakeVcpu(c, c, idleDom, c, topology.all());
            idle.running = true;
            idle.state = RunState.RUNNING;
            vcpus.add(idle);
            FakePcpu pc = new FakePcpu(c, idle);
            pcpus.add(pc);
        }
        this.config = CreditConfig.from(p);
        this.sched = new CreditScheduler(this, config);
        sched.init();
    }

    // ------------------------------------------------------------ building

    FakeDomain domain(String name, int weight, int cap) {
        Map<String, String> raw = Map.of("weight", Integer.toString(weight), "cap", Integer.toString(cap));
        Parameters p = Parameters.resolve(name, new CreditSchedulerProvider().domainParameters(), raw, 1_000_000_000L);
        FakeDomain d = new FakeDomain(domains.size(), name, DomainType.PV, p);
        domains.add(d);
        sched.addDomain(d);
        return d;
    }

    /** A blocked VCPU of {@code d} on {@code processor}. */
    FakeVcpu vcpu(FakeDomain d, int processor) {
        return vcpu(d, processor, topology.all());
    }

    FakeVcpu vcpu(FakeDomain d, int processor, CpuMask affinity) {
        FakeVcpu v = new FakeVcpu(vcpus.size(), d.vcpus.size(), d, processor, affinity);
        v.blocked = true;
        v.state = RunState.BLOCKED;
        vcpus.add(v);
        d.vcpus.add(v);
        sched.addVcpu(v);
        return v;
    }

    // ------------------------------------------------------------ driving

    /** {@code vcpu_wake}: unblock and call the scheduler's wake. */
    void wake(FakeVcpu v) {
        v.blocked = false;
        if (v.isRunnable()) {
            if (v.state != RunState.RUNNING) {
                v.setState(RunState.RUNNABLE, now);
            }
            sched.wake(v);
        }
    }

    /** The running VCPU blocks (the engine then schedules its PCPU). */
    FakeVcpu block(FakeVcpu v) {
        v.blocked = true;
        return schedule(v.processor);
    }

    /** Runs {@code do_schedule} on a PCPU and applies the decision; returns the chosen VCPU. */
    FakeVcpu schedule(int cpu) {
        currentPcpu = cpu;
        FakePcpu pc = pcpus.get(cpu);
        Decision d = new Decision();
        sched.schedule(pc, now, d);
        FakeVcpu prev = pc.current;
        FakeVcpu next = d.next;
        if (next == null) {
            throw new AssertionError("no decision");
        }
        pc.lastSlice = d.slice;
        if (next != prev) {
            if (next.running) {
                throw new AssertionError(next.name() + " chosen on " + cpu + " while running elsewhere");
            }
            prev.running = false;
            prev.lastRunTime = now;
            prev.setState(prev.isIdle() ? RunState.RUNNABLE
                    : prev.blocked ? RunState.BLOCKED : prev.isRunnable() ? RunState.RUNNABLE : RunState.OFFLINE, now);
            next.processor = cpu;
            next.running = true;
            next.setState(RunState.RUNNING, now);
            pc.current = next;
            sched.contextSaved(prev);
            if (prev.migrateRequested && !prev.isIdle()) {
                prev.migrateRequested = false;
                int to = sched.pickCpu(prev, true);
                prev.processor = to;
                prev.inMigrationWake = true;
                if (prev.isRunnable()) {
                    sched.wake(prev);
                }
                prev.inMigrationWake = false;
            }
        }
        return next;
    }

    /** Advances the clock to {@code t}, firing due timers in order. */
    void advanceTo(long t) {
        while (true) {
            FakeTimer first = null;
            for (FakeTimer tm : timers) {
                if (tm.armed && tm.expiry <= t && (first == null || tm.expiry < first.expiry)) {
                    first = tm;
                }
            }
            if (first == null) {
                break;
            }
            now = first.expiry;
            first.armed = false;
            currentPcpu = first.pcpu;
            first.handler.onTimer(now);
        }
        now = t;
    }

    /** Sets the clock without firing timers. */
    void setNow(long t) {
        now = t;
    }

    FakeTimer timer(String name) {
        for (FakeTimer t : timers) {
            if (t.name.equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no timer " + name);
    }

    void clearTickles() {
        tickles.clear();
    }

    FakeVcpu current(int cpu) {
        return pcpus.get(cpu).current;
    }

    /** The VCPUs queued on a PCPU, idle excluded, in order. */
    List<String> queue(int cpu) {
        List<String> l = new ArrayList<>();
        sched.forEachQueued(cpu, v -> l.add(v.name()));
        return l;
    }

    int pri(FakeVcpu v) {
        return sched.priority(v);
    }

    int credit(FakeVcpu v) {
        return sched.credit(v);
    }

    // ------------------------------------------------------------ SchedulerContext

    @Override
    public long now() {
        return now;
    }

    @Override
    public Platform platform() {
        throw new UnsupportedOperationException("not needed by credit");
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public int pcpuCount() {
        return topology.pcpus();
    }

    @Override
    public PcpuView pcpu(int id) {
        return pcpus.get(id);
    }

    @Override
    public VcpuView vcpu(int id) {
        return vcpus.get(id);
    }

    @Override
    public List<? extends DomainView> domains() {
        return domains;
    }

    @Override
    public int currentPcpu() {
        return currentPcpu;
    }

    @Override
    public Timer newTimer(String name, int pcpu, TimerHandler handler) {
        FakeTimer t = new FakeTimer(name, pcpu, handler);
        timers.add(t);
        return t;
    }

    @Override
    public void tickle(int pcpu) {
        tickles.add(pcpu);
    }

    @Override
    public void migrate(VcpuView vcpu) {
        FakeVcpu v = (FakeVcpu) vcpu;
        v.migrateRequested = true;
        migrations.add(v);
        tickles.add(v.processor);
    }

    @Override
    public void pause(VcpuView vcpu) {
        FakeVcpu v = (FakeVcpu) vcpu;
        v.pauseCount++;
        sched.sleep(v);
        if (pcpus.get(v.processor).current == v) {
            tickles.add(v.processor);
        } else if (v.state == RunState.RUNNABLE) {
            v.setState(RunState.OFFLINE, now);
        }
    }

    @Override
    public void unpause(VcpuView vcpu) {
        FakeVcpu v = (FakeVcpu) vcpu;
        v.pauseCount--;
        if (v.isRunnable()) {
            if (v.state != RunState.RUNNING) {
                v.setState(RunState.RUNNABLE, now);
            }
            sched.wake(v);
        }
    }

    @Override
    public void setPrivate(VcpuView vcpu, Object state) {
        ((FakeVcpu) vcpu).priv = state;
    }

    @Override
    public void setPrivate(PcpuView pcpu, Object state) {
        ((FakePcpu) pcpu).priv = state;
    }

    @Override
    public void setPrivate(DomainView domain, Object state) {
        ((FakeDomain) domain).priv = state;
    }

    @Override
    public int traceEventType(String name, String... argNames) {
        traceNames.add(name);
        return traceNames.size() - 1;
    }

    @Override
    public boolean tracing() {
        return tracing;
    }

    @Override
    public void trace(int type, int pcpu, VcpuView vcpu, long arg0, long arg1) {
        traced.add(traceNames.get(type) + (vcpu == null ? "" : " " + vcpu.name()) + " " + arg0 + " " + arg1);
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    // ------------------------------------------------------------ views

    static final class Decision implements ScheduleDecision {
        FakeVcpu next;
        long slice;

        @Override
        public void run(VcpuView n, long sliceNs) {
            next = (FakeVcpu) n;
            slice = sliceNs;
        }
    }

    static final class FakeTimer implements Timer {
        final String name;
        final int pcpu;
        final TimerHandler handler;
        boolean armed;
        long expiry;

        FakeTimer(String name, int pcpu, TimerHandler handler) {
            this.name = name;
            this.pcpu = pcpu;
            this.handler = handler;
        }

        @Override
        public void set(long when) {
            armed = true;
            expiry = when;
        }

        @Override
        public void cancel() {
            armed = false;
        }

        @Override
        public boolean armed() {
            return armed;
        }

        @Override
        public long expiry() {
            return expiry;
        }
    }

    static final class FakeDomain implements DomainView {
        final int id;
        final String name;
        final DomainType type;
        Parameters params;
        final List<FakeVcpu> vcpus = new ArrayList<>();
        Object priv;

        FakeDomain(int id, String name, DomainType type, Parameters params) {
            this.id = id;
            this.name = name;
            this.type = type;
            this.params = params;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public DomainType type() {
            return type;
        }

        @Override
        public List<? extends VcpuView> vcpus() {
            return vcpus;
        }

        @Override
        public Parameters schedulerParameters() {
            return params;
        }

        @Override
        public Object schedulerPrivate() {
            return priv;
        }
    }

    static final class FakeVcpu implements VcpuView {
        final int id;
        final int index;
        final FakeDomain domain;
        int processor;
        CpuMask affinity;
        boolean running;
        boolean blocked;
        boolean migrateRequested;
        boolean inMigrationWake;
        int pauseCount;
        RunState state = RunState.OFFLINE;
        long stateEntry;
        long lastRunTime = -1;
        Object priv;

        FakeVcpu(int id, int index, FakeDomain domain, int processor, CpuMask affinity) {
            this.id = id;
            this.index = index;
            this.domain = domain;
            this.processor = processor;
            this.affinity = affinity;
        }

        void setState(RunState s, long t) {
            if (s != state) {
                state = s;
                stateEntry = t;
            }
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
        public DomainView domain() {
            return domain;
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
            return isIdle() || !blocked && !migrateRequested && pauseCount == 0;
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
            return Parameters.empty(name());
        }

        @Override
        public Object schedulerPrivate() {
            return priv;
        }

        @Override
        public String name() {
            return domain.type == DomainType.IDLE ? "idle" + processor : domain.name + "v" + index;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    static final class FakePcpu implements PcpuView {
        final int id;
        final FakeVcpu idle;
        FakeVcpu current;
        Object priv;
        long lastSlice;

        FakePcpu(int id, FakeVcpu idle) {
            this.id = id;
            this.idle = idle;
            this.current = idle;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public VcpuView current() {
            return current;
        }

        @Override
        public VcpuView idleVcpu() {
            return idle;
        }

        @Override
        public Object schedulerPrivate() {
            return priv;
        }
    }
}
