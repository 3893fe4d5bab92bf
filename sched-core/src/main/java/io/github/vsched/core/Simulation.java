package io.github.vsched.core;

import io.github.vsched.api.Capability;
import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.api.VcpuView;
import io.github.vsched.api.Workload;
import io.github.vsched.core.internal.Engine;
import io.github.vsched.core.metrics.VcpuMetricsRecorder;
import io.github.vsched.core.metrics.WaitAttribution;
import io.github.vsched.core.observe.SimulationListener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One simulation of a {@link Scenario}: the engine, the scheduler, the guests and the
 * recorders, ready to run. Create it with {@link SimulationFactory#create} (or
 * {@link Simulations#create}); run it with {@link #run()}, or step it with {@link #runUntil}
 * and change parameters in between, as {@code xl sched-credit} would.
 */
public final class Simulation {
    private final Scenario scenario;
    private final Engine engine;
    private final SchedulerProvider scheduler;
    /** Each cpupool's scheduler provider by pool name, Pool-0 first. */
    private final Map<String, SchedulerProvider> poolSchedulers;
    private final long tscHz;
    private final VcpuMetricsRecorder recorder;
    private final Map<String, Workload> workloads;
    private final Map<String, Map<String, String>> domainRaw = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> vcpuRaw = new LinkedHashMap<>();
    private boolean started;
    private boolean finished;
    private long wallNs;

    Simulation(Scenario scenario, Engine engine, Map<String, SchedulerProvider> poolSchedulers, long tscHz,
               VcpuMetricsRecorder recorder, Map<String, Workload> workloads) {
        this.scenario = scenario;
        this.engine = engine;
        this.poolSchedulers = poolSchedulers;
        this.scheduler = poolSchedulers.get(PoolSpec.POOL0);
        this.tscHz = tscHz;
        this.recorder = recorder;
        this.workloads = workloads;
        for (DomainSpec d : scenario.domains()) {
            domainRaw.put(d.name(), new LinkedHashMap<>(d.schedulerParams()));
            for (int i = 0; i < d.vcpus(); i++) {
                vcpuRaw.put(d.name() + "/" + i, new LinkedHashMap<>(d.vcpuSchedulerParams().getOrDefault(i, Map.of())));
            }
        }
    }

    /** The scenario being run. */
    public Scenario scenario() {
        return scenario;
    }

    /** Adds a listener; call before the run starts. */
    public Simulation addListener(SimulationListener listener) {
        if (started) {
            throw new IllegalStateException("listeners must be added before the run starts");
        }
        engine.addListener(listener);
        return this;
    }

    /** Runs {@code action} at simulated time {@code time} (for example a parameter change). */
    public Simulation at(long time, Consumer<Simulation> action) {
        engine.at(time, () -> action.accept(this), "action at " + time + " ns");
        return this;
    }

    /** Runs to the scenario's end and returns the result. */
    public SimulationResult run() {
        runUntil(scenario.durationNs());
        return finish();
    }

    /** Runs up to (and including) simulated time {@code until}, not past the scenario's end. */
    public void runUntil(long until) {
        if (finished) {
            throw new IllegalStateException("the run has finished");
        }
        long t0 = System.nanoTime();
        if (!started) {
            started = true;
            engine.start();
        }
        engine.runUntil(Math.min(until, scenario.durationNs()));
        wallNs += System.nanoTime() - t0;
    }

    /** Ends the run where it stands and returns the result. */
    public SimulationResult finish() {
        if (!finished) {
            if (!started) {
                runUntil(0);
            }
            finished = true;
            engine.finish();
        }
        long duration = engine.now();
        List<VcpuStats> stats = new ArrayList<>();
        for (DomainView d : engine.domains()) {
            for (VcpuView v : d.vcpus()) {
                stats.add(VcpuStats.of(v, engine.runstateTimes(v), duration, recorder));
            }
        }
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        workloads.forEach((domain, w) -> metrics.put(domain,
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(w.metrics(duration)))));
        return new SimulationResult(scenario.name(), scheduler.id(), engine.platform().id(), scenario.seed(), duration,
                engine.eventCount(), engine.eventHash(), List.copyOf(stats), engine.pcpuBusyNs(), metrics, wallNs, pools());
    }

    /**
     * A registered scheduler trace event type.
     *
     * @param type     its number, as passed to {@link SimulationListener#onTrace}
     * @param name     its name (e.g. {@code boost})
     * @param argNames names of its two numeric arguments (may be fewer)
     */
    public record TraceEventType(int type, String name, List<String> argNames) {
    }

    /** The trace event types the scheduler registered, by number. */
    public List<TraceEventType> traceEventTypes() {
        List<TraceEventType> l = new ArrayList<>();
        List<String> names = engine.traceEventNames();
        for (int i = 0; i < names.size(); i++) {
            l.add(new TraceEventType(i, names.get(i), engine.traceArgumentNames(i)));
        }
        return List.copyOf(l);
    }

    /** The platform's TSC rate in Hz (cycles per second). */
    public long tscHz() {
        return tscHz;
    }

    /** The current simulated time. */
    public long now() {
        return engine.now();
    }

    /** Number of events processed so far. */
    public long eventCount() {
        return engine.eventCount();
    }

    /** Hash of the event sequence so far. */
    public long eventHash() {
        return engine.eventHash();
    }

    /** A PCPU's live view. */
    public PcpuView pcpu(int id) {
        return engine.pcpu(id);
    }

    /** Number of PCPUs. */
    public int pcpuCount() {
        return engine.pcpuCount();
    }

    /** A domain's live view. */
    public DomainView domain(String name) {
        for (DomainView d : engine.domains()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("no domain '" + name + "' in scenario " + scenario.name());
    }

    /** A VCPU's live view. */
    public VcpuView vcpu(String domain, int index) {
        DomainView d = domain(domain);
        if (index < 0 || index >= d.vcpus().size()) {
            throw new IllegalArgumentException("domain " + domain + " has VCPUs 0.." + (d.vcpus().size() - 1)
                    + ", not " + index);
        }
        return d.vcpus().get(index);
    }

    /**
     * A recorder of why watched VCPUs waited after their wake-ups (see {@link WaitAttribution});
     * add it with {@link #addListener} once it watches the VCPUs of interest.
     *
     * @param thresholdNs waits up to this long are counted but not attributed
     */
    public WaitAttribution waitAttribution(long thresholdNs) {
        return new WaitAttribution(this::scheduler, engine::pcpu, thresholdNs);
    }

    /** Pool-0's scheduler instance, the only one without cpupools (for tests that inspect its state). */
    public io.github.vsched.api.Scheduler scheduler() {
        return engine.scheduler();
    }

    /** The scheduler instance that schedules a VCPU: its domain's cpupool's. */
    public io.github.vsched.api.Scheduler scheduler(VcpuView vcpu) {
        return engine.scheduler(engine.poolOf(vcpu.domain()));
    }

    /** The scheduler instance of a cpupool, by name ({@link PoolSpec#POOL0} or a pool of the scenario). */
    public io.github.vsched.api.Scheduler scheduler(String pool) {
        for (int i = 0; i < engine.poolCount(); i++) {
            if (engine.poolName(i).equals(pool)) {
                return engine.scheduler(i);
            }
        }
        throw new IllegalArgumentException("no cpupool " + pool + " in scenario " + scenario.name()
                + " (its pools: " + String.join(", ", poolSchedulers.keySet()) + ")");
    }

    /**
     * The cpupools as they ran: for each, Pool-0 first, its name, PCPUs, scheduler id and domains.
     */
    public List<SimulationResult.Pool> pools() {
        List<SimulationResult.Pool> out = new ArrayList<>();
        for (int i = 0; i < engine.poolCount(); i++) {
            List<String> domains = new ArrayList<>();
            for (DomainView d : engine.domains()) {
                if (engine.poolOf(d) == i) {
                    domains.add(d.name());
                }
            }
            String name = engine.poolName(i);
            out.add(new SimulationResult.Pool(name, engine.poolCpus(i).toString(), poolSchedulers.get(name).id(),
                    domains));
        }
        return List.copyOf(out);
    }

    /** The name of the cpupool PCPU {@code pcpu} belongs to. */
    public String poolOf(int pcpu) {
        return engine.poolName(engine.poolOfPcpu(pcpu));
    }

    /** The scheduler provider of a domain's cpupool. */
    private SchedulerProvider schedulerOf(String domain) {
        for (DomainSpec d : scenario.domains()) {
            if (d.name().equals(domain)) {
                return poolSchedulers.get(d.pool());
            }
        }
        return scheduler;
    }

    /**
     * Changes per-domain scheduler parameters now ({@code xl sched-credit -d NAME -w W}); values
     * not given keep their current setting.
     */
    public void adjustDomain(String domain, Map<String, String> params) {
        SchedulerProvider scheduler = schedulerOf(domain);
        requireRuntimeAdjust(scheduler, "domain " + domain);
        DomainView d = domain(domain);
        Map<String, String> raw = new LinkedHashMap<>(domainRaw.get(domain));
        raw.putAll(params);
        Parameters p = Parameters.resolve(ParameterOwner.domain(domain, scheduler.id()), scheduler.domainParameters(),
                raw, tscHz);
        engine.adjustDomain(d, p);
        domainRaw.put(domain, raw);
    }

    /** Changes per-VCPU scheduler parameters now. */
    public void adjustVcpu(String domain, int index, Map<String, String> params) {
        SchedulerProvider scheduler = schedulerOf(domain);
        requireRuntimeAdjust(scheduler, "VCPU " + domain + "/" + index);
        VcpuView v = vcpu(domain, index);
        String key = domain + "/" + index;
        Map<String, String> raw = new LinkedHashMap<>(vcpuRaw.get(key));
        raw.putAll(params);
        Parameters p = Parameters.resolve(ParameterOwner.vcpu(domain, index, scheduler.id()), scheduler.vcpuParameters(), raw, tscHz);
        engine.adjustVcpu(v, p);
        vcpuRaw.put(key, raw);
    }

    /** Changes a VCPU's hard affinity now ({@code xl vcpu-pin}). */
    public void setAffinity(String domain, int index, CpuMask mask) {
        engine.setAffinity(vcpu(domain, index), mask);
    }

    private static void requireRuntimeAdjust(SchedulerProvider scheduler, String what) {
        if (!scheduler.capabilities().contains(Capability.RUNTIME_ADJUST)) {
            throw new UnsupportedOperationException("scheduler " + scheduler.id() + " does not accept parameter"
                    + " changes during a run (it does not declare runtime_adjust); cannot adjust " + what);
        }
    }
}
