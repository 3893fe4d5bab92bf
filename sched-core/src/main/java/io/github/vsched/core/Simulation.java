package io.github.vsched.core;

import io.github.vsched.api.Capability;
import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.ParametersInForce;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.api.VcpuView;
import io.github.vsched.api.Workload;
import io.github.vsched.core.internal.Engine;
import io.github.vsched.core.metrics.VcpuMetricsRecorder;
import io.github.vsched.core.metrics.WaitAttribution;
import io.github.vsched.core.observe.Refusal;
import io.github.vsched.core.observe.SimulationListener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** Pool-0's scheduler-wide parameters in force (changed by {@link #adjustScheduler}). */
    private Parameters schedulerParams;
    /** Each cpupool's scheduler provider by pool name, Pool-0 first. */
    private final Map<String, SchedulerProvider> poolSchedulers;
    /** The scheduler-wide parameters of the cpupools other than Pool-0, by pool name. */
    private final Map<String, Parameters> poolParams;
    private final long tscHz;
    private final VcpuMetricsRecorder recorder;
    private final Map<String, Workload> workloads;
    private final Map<String, String> schedulerRaw = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> domainRaw = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> vcpuRaw = new LinkedHashMap<>();
    private boolean started;
    private boolean finished;
    private long wallNs;

    Simulation(Scenario scenario, Engine engine, Map<String, SchedulerProvider> poolSchedulers,
               Map<String, Parameters> poolParams, long tscHz, VcpuMetricsRecorder recorder,
               Map<String, Workload> workloads) {
        this.scenario = scenario;
        this.engine = engine;
        this.poolSchedulers = poolSchedulers;
        this.scheduler = poolSchedulers.get(PoolSpec.POOL0);
        this.schedulerParams = poolParams.get(PoolSpec.POOL0);
        this.poolParams = poolParams;
        this.tscHz = tscHz;
        this.recorder = recorder;
        this.workloads = workloads;
        schedulerRaw.putAll(scenario.scheduler().params());
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
                engine.eventCount(), engine.eventHash(), List.copyOf(stats), engine.pcpuBusyNs(), metrics, wallNs,
                engine.refusals(), pools());
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

    /** The scheduler-wide parameters in force for a domain: its cpupool's. */
    private Parameters paramsOf(String domain) {
        for (DomainSpec d : scenario.domains()) {
            if (d.name().equals(domain) && !d.pool().equals(PoolSpec.POOL0)) {
                return poolParams.get(d.pool());
            }
        }
        return schedulerParams;
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
     * Changes scheduler-wide parameters now ({@code xl sched-credit -s -t 10 -r 1000}, Xen's
     * {@code adjust_global}); values not given keep their current setting.
     *
     * @return false if the scheduler's admission control refused the change: the previous
     *         values stay and the refusal is in {@link #refusals()}; the run goes on
     * @throws io.github.vsched.api.InvalidParameterException for a value, a combination, or a
     *                                                        parameter the scheduler cannot change
     *                                                        during a run
     * @throws UnsupportedOperationException if the scheduler has no scheduler-wide adjustment
     */
    public boolean adjustScheduler(Map<String, String> params) {
        requireRuntimeAdjust(scheduler, "the scheduler-wide parameters of " + PoolSpec.POOL0);
        Map<String, String> raw = new LinkedHashMap<>(schedulerRaw);
        raw.putAll(params);
        Parameters p = SchedulerParameterResolver.scheduler(scheduler, raw, tscHz);
        if (!engine.adjustGlobal(p, schedulerParams)) {
            return false;
        }
        schedulerParams = p;
        schedulerRaw.clear();
        schedulerRaw.putAll(raw);
        return true;
    }

    /**
     * Applies a timed adjustment of the scenario ({@link Adjustment}) now. A refusal of the
     * scheduler's admission control is recorded and the run goes on.
     */
    public boolean apply(Adjustment a) {
        return switch (a.level()) {
            case SCHEDULER -> adjustScheduler(a.params());
            case DOMAIN -> adjustDomain(a.domain(), a.params());
            case VCPU -> adjustVcpu(a.domain(), a.vcpu(), a.params());
        };
    }

    /**
     * Changes per-domain scheduler parameters now ({@code xl sched-credit -d NAME -w W}); values
     * not given keep their current setting.
     *
     * @return false if the scheduler's admission control refused the change
     *         ({@link io.github.vsched.api.AdmissionRefusedException}): the previous values stay
     *         and the refusal is in {@link #refusals()} and the result; the run goes on
     * @throws io.github.vsched.api.InvalidParameterException for a value or combination that is
     *                                                        not allowed
     */
    public boolean adjustDomain(String domain, Map<String, String> params) {
        SchedulerProvider scheduler = schedulerOf(domain);
        requireRuntimeAdjust(scheduler, "domain " + domain);
        DomainView d = domain(domain);
        Map<String, String> raw = new LinkedHashMap<>(domainRaw.get(domain));
        raw.putAll(params);
        Parameters above = paramsOf(domain);
        Parameters p = SchedulerParameterResolver.domain(scheduler, above, domain, raw, tscHz);
        // VCPU values inherited from the domain follow it; those a VCPU set stay
        List<Parameters> vp = new ArrayList<>();
        for (int i = 0; i < d.vcpus().size(); i++) {
            vp.add(SchedulerParameterResolver.vcpu(scheduler, above, p, domain, i, vcpuRaw.get(domain + "/" + i), tscHz));
        }
        if (!engine.adjustDomain(d, p, vp)) {
            return false;
        }
        domainRaw.put(domain, raw);
        return true;
    }

    /**
     * Changes per-VCPU scheduler parameters now ({@code xl sched-rtds -d NAME -v N ...}).
     *
     * @return false if the scheduler's admission control refused the change, as for
     *         {@link #adjustDomain}
     */
    public boolean adjustVcpu(String domain, int index, Map<String, String> params) {
        SchedulerProvider scheduler = schedulerOf(domain);
        requireRuntimeAdjust(scheduler, "VCPU " + domain + "/" + index);
        VcpuView v = vcpu(domain, index);
        String key = domain + "/" + index;
        Map<String, String> raw = new LinkedHashMap<>(vcpuRaw.get(key));
        raw.putAll(params);
        Parameters p = SchedulerParameterResolver.vcpu(scheduler, paramsOf(domain), v.domain().schedulerParameters(), domain, index, raw,
                tscHz);
        if (!engine.adjustVcpu(v, p)) {
            return false;
        }
        vcpuRaw.put(key, raw);
        return true;
    }

    /** What the scheduler's admission control refused so far, in order. */
    public List<Refusal> refusals() {
        return engine.refusals();
    }

    /**
     * Every scheduler parameter in force now for Pool-0's scheduler (the whole machine without
     * cpupools): scheduler-wide, per domain and per VCPU, as resolved at creation or by the
     * latest adjustment.
     */
    public ParametersInForce parametersInForce() {
        List<ParametersInForce.Domain> ds = new ArrayList<>();
        for (DomainView d : engine.domains()) {
            if (engine.poolOf(d) != 0) {
                continue;
            }
            List<Parameters> vs = new ArrayList<>();
            for (VcpuView v : d.vcpus()) {
                vs.add(v.schedulerParameters());
            }
            ds.add(new ParametersInForce.Domain(d.name(), d.schedulerParameters(), vs));
        }
        return new ParametersInForce(schedulerParams, ds);
    }

    /**
     * What the scheduler does or promises with the parameters in force now
     * ({@link SchedulerProvider#capabilities(ParametersInForce)}).
     */
    public Set<Capability> capabilities() {
        return scheduler.capabilities(parametersInForce());
    }

    /**
     * The scheduler's starvation bound with the parameters in force now
     * ({@link SchedulerProvider#starvationBoundNs(ParametersInForce, int)}).
     *
     * @param runnablePerPcpu the most runnable VCPUs that compete for one PCPU
     */
    public long starvationBoundNs(int runnablePerPcpu) {
        return scheduler.starvationBoundNs(parametersInForce(), runnablePerPcpu);
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
