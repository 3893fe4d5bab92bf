package io.github.vsched.core;

import io.github.vsched.api.Capability;
import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Platform;
import io.github.vsched.api.PlatformProvider;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;
import io.github.vsched.api.WorkloadProvider;
import io.github.vsched.core.internal.Engine;
import io.github.vsched.core.metrics.VcpuMetricsRecorder;
import io.github.vsched.core.observe.SimulationListener;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Builds {@link Simulation}s from {@link Scenario}s: looks the plugins up, validates every
 * parameter, creates the machine, the scheduler and the guests, and attaches the recorders.
 * Obtained from Guice ({@link Simulations#factory}) so users can add listeners or replace the
 * registry with their own modules.
 */
public final class SimulationFactory {
    private final PluginRegistry registry;
    private final Provider<Set<SimulationListener>> extraListeners;

    /**
     * @param registry       where plugin ids are looked up
     * @param extraListeners listeners bound by modules, created anew for each simulation
     */
    @Inject
    public SimulationFactory(PluginRegistry registry, Provider<Set<SimulationListener>> extraListeners) {
        this.registry = registry;
        this.extraListeners = extraListeners;
    }

    /** The registry in use. */
    public PluginRegistry registry() {
        return registry;
    }

    /**
     * Creates a simulation, ready to run.
     *
     * @throws UnknownPluginException                         for an unknown plugin id
     * @throws io.github.vsched.api.InvalidParameterException for a bad parameter value
     * @throws IllegalArgumentException                       for an inconsistent scenario
     */
    public Simulation create(Scenario s) {
        PlatformProvider pp = s.platform().instance() != null ? s.platform().instance()
                : registry.platform(s.platform().id());
        checkGuestTypes(s, pp);
        boolean hasDriver = s.domains().stream().anyMatch(DomainSpec::driverDomain);
        Parameters platformParams = Parameters.resolve(ParameterOwner.platform(pp.id()), pp.parameters(), s.platform().params(), 0);
        Platform platform = pp.create(platformParams);
        long tscHz = platform.tscHz();

        checkMemory(s, platform);
        SchedulerProvider sp = s.scheduler().instance() != null ? s.scheduler().instance()
                : registry.scheduler(s.scheduler().id());
        Parameters schedParams = SchedulerParameterResolver.scheduler(sp, s.scheduler().params(), tscHz);
        boolean checked = s.checked() || Boolean.getBoolean("vsched.checked");
        checkPools(s, platform);
        Engine engine = new Engine(platform, sp, RandomStreams.stream(s.seed(), "scheduler"), checked);
        Map<String, SchedulerProvider> providers = new LinkedHashMap<>();
        providers.put(PoolSpec.POOL0, sp);
        Map<String, Parameters> params = new LinkedHashMap<>();
        params.put(PoolSpec.POOL0, schedParams);
        List<Parameters> poolParams = new ArrayList<>();
        for (PoolSpec pool : s.pools()) {
            SchedulerProvider pp2 = pool.scheduler().instance() != null ? pool.scheduler().instance()
                    : registry.scheduler(pool.scheduler().id());
            Parameters resolved = SchedulerParameterResolver.scheduler(pp2,
                    ParameterOwner.poolScheduler(pool.name(), pp2.id()), pool.scheduler().params(), tscHz);
            poolParams.add(resolved);
            params.put(pool.name(), resolved);
            requirePoolCapability(s, pool, pp2, platform);
            engine.addPool(pool.name(), pool.cpus(), pp2, RandomStreams.stream(s.seed(), "scheduler:" + pool.name()));
            providers.put(pool.name(), pp2);
        }

        VcpuMetricsRecorder recorder = new VcpuMetricsRecorder();
        int vcpuCount = platform.topology().pcpus();
        for (DomainSpec d : s.domains()) {
            vcpuCount += d.vcpus();
        }
        recorder.ensureCapacity(vcpuCount);
        engine.addListener(recorder);
        for (SimulationListener l : extraListeners.get()) {
            engine.addListener(l);
        }

        engine.createScheduler(schedParams);
        for (int i = 0; i < poolParams.size(); i++) {
            engine.createScheduler(i + 1, poolParams.get(i));
        }
        engine.createDevices(name -> RandomStreams.stream(s.seed(), name));

        Map<String, Workload> workloads = new LinkedHashMap<>();
        for (DomainSpec d : s.domains()) {
            DomainView view = addDomain(engine, providers.get(d.pool()), params.get(d.pool()), d, tscHz,
                    List.copyOf(providers.keySet()).indexOf(d.pool()));
            Workload w = createWorkload(s, d, view, platform, hasDriver);
            for (int i = 0; i < d.vcpus(); i++) {
                // each VCPU its own stream, so its demands do not depend on how its siblings ran
                engine.setGuest(view.vcpus().get(i), w.vcpu(i),
                        RandomStreams.stream(s.seed(), "guest:" + d.name() + "/" + i));
            }
            workloads.put(d.name(), w);
        }
        Simulation sim = new Simulation(s, engine, providers, params, tscHz, recorder, workloads);
        for (Adjustment a : s.adjustments()) {
            checkAdjustment(s, a.level() == Adjustment.Level.SCHEDULER ? sp
                    : providers.get(poolOfDomain(s, a.domain())), a, tscHz);
            if (a.atNs() <= s.durationNs()) {
                String scheduler = (a.level() == Adjustment.Level.SCHEDULER ? sp
                        : providers.get(poolOfDomain(s, a.domain()))).id();
                sim.at(a.atNs(), x -> {
                    try {
                        x.apply(a);
                    } catch (io.github.vsched.api.InvalidParameterException | UnsupportedOperationException e) {
                        throw new AdjustmentNotAcceptedException(a, scheduler, e);
                    }
                });
            }
        }
        return sim;
    }

    /**
     * A timed adjustment must name an existing domain and VCPU and parameters of its level with
     * values in range; combinations are checked when it applies.
     */
    private static void checkAdjustment(Scenario s, SchedulerProvider sp, Adjustment a, long tscHz) {
        if (a.level() != Adjustment.Level.SCHEDULER) {
            DomainSpec d = s.domains().stream().filter(x -> x.name().equals(a.domain())).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("scenario " + s.name() + ": adjustment at " + a.atNs() + " ns names"
                            + " domain " + a.domain() + ", which the scenario does not have"));
            if (a.level() == Adjustment.Level.VCPU && a.vcpu() >= d.vcpus()) {
                throw new IllegalArgumentException("scenario " + s.name() + ": adjustment at " + a.atNs() + " ns names"
                        + " VCPU " + a.domain() + "/" + a.vcpu() + "; the domain has VCPUs 0.." + (d.vcpus() - 1));
            }
        }
        List<io.github.vsched.api.ParameterSpec> schema = switch (a.level()) {
            case SCHEDULER -> sp.parameters();
            case DOMAIN -> sp.domainParameters();
            case VCPU -> sp.vcpuParameters();
        };
        // names and single values only: an inherited or optional parameter may be absent here
        List<io.github.vsched.api.ParameterSpec> loose = new ArrayList<>();
        for (io.github.vsched.api.ParameterSpec p : schema) {
            loose.add(p.asOptional());
        }
        Parameters.resolve(a.subject() + " adjustment at " + io.github.vsched.api.Durations.format(a.atNs()) + " "
                + sp.id(), loose, a.params(), tscHz);
    }

    /** The cpupool of a domain of {@code s} ({@link PoolSpec#POOL0} for an unknown one, which the check refuses). */
    private static String poolOfDomain(Scenario s, String domain) {
        for (DomainSpec d : s.domains()) {
            if (d.name().equals(domain)) {
                return d.pool();
            }
        }
        return PoolSpec.POOL0;
    }

    /**
     * The cpupools' PCPUs lie within the machine and leave Pool-0 at least one; each domain's
     * hard affinity meets its pool's PCPUs (Xen refuses a pinning with no CPU of the pool).
     */
    private static void checkPools(Scenario s, Platform platform) {
        if (s.pools().isEmpty()) {
            return;
        }
        int n = platform.topology().pcpus();
        CpuMask all = CpuMask.all(n);
        CpuMask pool0 = all;
        Map<String, CpuMask> cpus = new LinkedHashMap<>();
        for (PoolSpec p : s.pools()) {
            CpuMask outside = p.cpus().andNot(all);
            if (!outside.isEmpty()) {
                throw new IllegalArgumentException("scenario " + s.name() + ": cpupool " + p.name() + " takes PCPUs "
                        + outside + ", outside platform " + platform.id() + "'s PCPUs 0-" + (n - 1));
            }
            pool0 = pool0.andNot(p.cpus());
            cpus.put(p.name(), p.cpus());
        }
        if (pool0.isEmpty()) {
            throw new IllegalArgumentException("scenario " + s.name() + ": the cpupools take every PCPU (0-" + (n - 1)
                    + ") and leave none to " + PoolSpec.POOL0 + ", which holds dom0; leave it at least one");
        }
        cpus.put(PoolSpec.POOL0, pool0);
        for (DomainSpec d : s.domains()) {
            CpuMask poolCpus = cpus.get(d.pool());
            for (int i = 0; i < d.vcpus(); i++) {
                CpuMask a = d.affinity().get(i);
                if (a != null && a.and(poolCpus).isEmpty()) {
                    throw new ScenarioConflictException("scenario " + s.name() + ": domain " + d.name() + " VCPU " + i
                            + " has affinity " + a + " but its cpupool " + d.pool() + " has PCPUs " + poolCpus
                            + "; the affinity must include at least one of them", d.name(),
                            ScenarioConflictException.Setting.AFFINITY);
                }
            }
        }
    }

    /** A pool smaller than the machine needs a scheduler that keeps to its pool's PCPUs. */
    private static void requirePoolCapability(Scenario s, PoolSpec pool, SchedulerProvider p, Platform platform) {
        if (!p.capabilities().contains(Capability.CPUPOOLS)) {
            throw new IllegalArgumentException("scenario " + s.name() + ": cpupool " + pool.name() + " runs scheduler "
                    + p.id() + ", which schedules only whole machines (it does not declare the cpupools capability;"
                    + " schedulers that do: see 'vsched list schedulers')");
        }
    }

    /** The domains' memory must fit the platform's. */
    private static void checkMemory(Scenario s, Platform platform) {
        long memoryMb = 0;
        DomainSpec largest = null;
        for (DomainSpec d : s.domains()) {
            memoryMb += d.memoryMb();
            if (largest == null || d.memoryMb() > largest.memoryMb()) {
                largest = d;
            }
        }
        long availableMb = platform.memoryBytes() >> 20;
        if (memoryMb > availableMb) {
            // named at the domain that asks for most, the likeliest to be cut
            throw new ScenarioConflictException("scenario " + s.name() + ": the domains need " + memoryMb
                    + " MiB of memory in all but platform " + platform.id() + " has " + availableMb + " MiB (domain "
                    + largest.name() + " asks for " + largest.memoryMb() + " MiB)", largest.name(),
                    ScenarioConflictException.Setting.MEMORY);
        }
    }

    /** Creates domain {@code d} with its scheduler parameters, per domain and per VCPU. */
    private static DomainView addDomain(Engine engine, SchedulerProvider sp, Parameters schedParams, DomainSpec d,
                                        long tscHz, int pool) {
        Parameters dp = SchedulerParameterResolver.domain(sp, schedParams, d.name(), d.schedulerParams(), tscHz);
        List<Parameters> vp = new ArrayList<>();
        for (int i = 0; i < d.vcpus(); i++) {
            vp.add(SchedulerParameterResolver.vcpu(sp, schedParams, dp, d.name(), i,
                    d.vcpuSchedulerParams().getOrDefault(i, Map.of()), tscHz));
        }
        DomainView view = engine.addDomain(d.name(), d.type(), d.memoryMb(), dp, d.affinity(), vp,
                d.driverDomain(), d.irqVcpu(), pool);
        engine.setTimerMode(view, d.timerMode().xenValue());
        return view;
    }

    /**
     * Creates the workload of domain {@code d}; one that issues I/O with its parameters in force
     * needs a driver domain in the scenario, and one that serves I/O runs only in a driver domain.
     */
    private Workload createWorkload(Scenario s, DomainSpec d, DomainView view, Platform platform, boolean hasDriver) {
        WorkloadProvider wp = d.workload().instance() != null ? d.workload().instance()
                : registry.workload(d.workload().id());
        Parameters wparams = Parameters.resolve(ParameterOwner.workload(wp.id(), d.name()), wp.parameters(),
                d.workload().params(), platform.tscHz());
        if (!hasDriver && wp.capabilities(wparams).contains(Capability.IO)) {
            throw new ScenarioConflictException("scenario " + s.name() + ": domain " + d.name() + " runs workload "
                    + wp.id() + ", which issues I/O, but no domain is a driver domain to serve it"
                    + " (make dom0 one, or give the domain a workload without I/O)", d.name(),
                    ScenarioConflictException.Setting.WORKLOAD);
        }
        if (!d.driverDomain() && wp.capabilities(wparams).contains(Capability.DRIVER)) {
            throw new ScenarioConflictException("scenario " + s.name() + ": domain " + d.name() + " runs workload "
                    + wp.id() + ", which serves the other domains' I/O, but is not a driver domain (set 'driver:"
                    + " true' on it, or give it a guest workload)", d.name(), ScenarioConflictException.Setting.DRIVER);
        }
        RandomGenerator random = RandomStreams.stream(s.seed(), "workload:" + d.name());
        return wp.create(new Context(view, platform, random), wparams);
    }

    /** What a workload is created with. */
    private record Context(DomainView domain, Platform platform, RandomGenerator random) implements WorkloadContext {
    }

    /**
     * Refuses, before anything is created, a guest the platform does not declare it models
     * (PV or HVM).
     *
     * @throws IllegalArgumentException naming the domain, the platform and its capabilities
     */
    private static void checkGuestTypes(Scenario s, PlatformProvider pp) {
        for (DomainSpec d : s.domains()) {
            Capability kind = switch (d.type()) {
                case PV -> Capability.PV;
                case HVM -> Capability.HVM;
                default -> null;
            };
            if (kind != null && !pp.capabilities().contains(kind)) {
                throw new ScenarioConflictException("scenario " + s.name() + ": domain " + d.name() + " is "
                        + d.type().name().toLowerCase(Locale.ROOT) + " but platform " + pp.id()
                        + " does not model such guests (its capabilities: " + names(pp.capabilities()) + ")",
                        d.name(), ScenarioConflictException.Setting.TYPE);
            }
        }
    }

    private static String names(Set<Capability> capabilities) {
        if (capabilities.isEmpty()) {
            return "none";
        }
        List<String> n = new ArrayList<>();
        for (Capability c : capabilities) {
            n.add(c.name().toLowerCase(Locale.ROOT));
        }
        return String.join(", ", n);
    }
}
