package io.github.vsched.scenario;

import io.github.vsched.api.Capability;
import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.Durations;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.ParameterType;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Platform;
import io.github.vsched.api.PlatformProvider;
import io.github.vsched.api.Provider;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.api.WorkloadProvider;
import io.github.vsched.core.ComponentSpec;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.HvmTimerMode;
import io.github.vsched.core.PluginRegistry;
import io.github.vsched.core.PoolSpec;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.SimulationFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a {@link ScenarioDocument} against the installed plugins and turns it into a core
 * {@link Scenario} for one scheduler: plugin ids exist, every parameter is known to its plugin
 * and has a legal value, domains are consistent, and (given a factory) the simulation can be
 * created. Every problem is reported with its origin, key, value and what is allowed; all of
 * them at once, not just the first.
 */
public final class ScenarioResolver {
    /** Waits after a wake-up longer than this are attributed when the scenario names no period. */
    static final long DEFAULT_WAIT_THRESHOLD_NS = 1_000_000;
    /** Default length of the report's timeline window. */
    public static final long DEFAULT_WINDOW_NS = 20 * Durations.MS;
    /** Most VCPUs one domain may have. */
    public static final int MAX_VCPUS = 4096;
    /**
     * Most VCPUs all domains together may have: bounds what a run keeps per VCPU (its
     * distributions, up to about 270 KB each) and what a scenario costs to check.
     */
    public static final int MAX_TOTAL_VCPUS = 4096;
    /**
     * Most VCPUs of interest ({@code report.vcpus}): each gets its charts and keeps its full
     * distributions of every run for them.
     */
    public static final int MAX_FOCUS_VCPUS = 64;
    /** Longest scenario name. */
    static final int MAX_NAME = 200;
    /** Most PCPUs a CPU list may name before the platform's count is known. */
    public static final int MAX_PCPUS = 4096;
    /**
     * Default limit of simulated time per run, one hour (60min): long enough for any
     * experiment of the paper, short enough that a typo such as {@code 10000min} is refused up
     * front instead of running for days.
     */
    public static final long DEFAULT_MAX_DURATION_NS = 3600 * Durations.S;

    private static final Pattern DOMAIN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    /**
     * The command line's option that lets a scenario file name files outside its own folder
     * ({@link #allowingFilesOutside}), as messages name it.
     */
    public static final String ALLOW_FILES_OUTSIDE_OPTION = "--allow-files-outside";

    private final PluginRegistry registry;
    private final SimulationFactory factory;
    private final long maxDurationNs;
    private boolean allowFilesOutside;

    /**
     * A resolver with the default limit of simulated time per run,
     * {@link #DEFAULT_MAX_DURATION_NS}.
     *
     * @param registry the installed plugins
     * @param factory  used to create (not run) each simulation as a last check; null to skip
     */
    public ScenarioResolver(PluginRegistry registry, SimulationFactory factory) {
        this(registry, factory, DEFAULT_MAX_DURATION_NS);
    }

    /**
     * @param registry      the installed plugins
     * @param factory       used to create (not run) each simulation as a last check; null to skip
     * @param maxDurationNs the longest simulated time a run may have; longer durations are refused
     */
    public ScenarioResolver(PluginRegistry registry, SimulationFactory factory, long maxDurationNs) {
        if (maxDurationNs <= 0) {
            throw new IllegalArgumentException("maxDurationNs must be greater than 0, not " + maxDurationNs);
        }
        this.registry = registry;
        this.factory = factory;
        this.maxDurationNs = maxDurationNs;
    }

    /**
     * Lets file parameters of scenario files ({@link io.github.vsched.api.ParameterType#FILE})
     * name files outside the scenario file's folder ({@code ../x.json}, {@code /etc/x}). Off by
     * default, so that running a scenario someone sent you reads only the files beside it.
     *
     * @return this resolver
     */
    public ScenarioResolver allowingFilesOutside(boolean allow) {
        this.allowFilesOutside = allow;
        return this;
    }

    /**
     * Resolves {@code doc} under the scheduler {@code choice}, or under its own scheduler when
     * {@code choice} is null.
     *
     * @throws ScenarioException listing every problem found
     */
    public ResolvedScenario resolve(ScenarioDocument doc, SchedulerChoice choice) {
        return new Run(doc, choice).resolve();
    }

    /** The state of one resolution. */
    private final class Run {
        final ScenarioDocument doc;
        final SchedulerChoice choice;
        final List<Problem> problems = new ArrayList<>();
        final Set<String> warnings = new LinkedHashSet<>();
        final Origin fileOrigin;
        long tscHz;
        int pcpus = -1;
        boolean platformFailed;
        String schedId;
        final Map<String, Value> effectiveSchedulerParams = new LinkedHashMap<>();
        /** While the section of a scheduler that does not run is checked: no hint to use a section. */
        boolean checkingSection;
        /** Where each value was given, to report what creating the simulation refuses at its value. */
        final RefusalSites refusals;
        Value schedulerIdValue;
        /** Each cpupool's scheduler by pool name, Pool-0 first; null for one that failed to resolve. */
        final Map<String, SchedulerProvider> poolSchedulers = new LinkedHashMap<>();
        /** The scheduler id each cpupool besides Pool-0 names. */
        final Map<String, String> poolSchedulerIds = new LinkedHashMap<>();
        /** Each cpupool's PCPUs (Pool-0's once the platform is known). */
        final Map<String, CpuMask> poolCpus = new LinkedHashMap<>();
        int totalVcpus;
        boolean tooManyVcpus;

        Run(ScenarioDocument doc, SchedulerChoice choice) {
            this.doc = doc;
            this.choice = choice;
            this.fileOrigin = Origin.file(doc.source, 1, 1);
            this.refusals = new RefusalSites(doc, fileOrigin);
        }

        ResolvedScenario resolve() {
            // the scheduler first: an unknown id is the most likely mistake, and says most
            SchedulerProvider sp = null;
            if (choice != null) {
                schedId = choice.id();
                schedulerIdValue = Value.option(choice.label(), choice.origin(), "scheduler");
                sp = lookup(registry.schedulers(), "scheduler", choice.id(), new Problem(choice.origin(), null, ""));
            } else if (doc.scheduler != null && doc.scheduler.id != null) {
                schedId = doc.scheduler.id.text();
                schedulerIdValue = doc.scheduler.id;
                sp = lookup(registry.schedulers(), "scheduler", schedId, doc.scheduler.id.problem(""));
            } else {
                problems.add(new Problem(doc.scheduler != null ? doc.scheduler.origin : fileOrigin, "scheduler",
                        "no scheduler: add 'scheduler: ID' to the scenario or pass --scheduler ID; installed: "
                                + known(registry.schedulers())));
            }

            Map<String, String> platformParams = new LinkedHashMap<>();
            PlatformProvider pp = null;
            int beforePlatform = problems.size();
            if (doc.platform != null && doc.platform.id != null) {
                pp = lookup(registry.platforms(), "platform", doc.platform.id.text(), doc.platform.id.problem(""));
            }
            if (pp != null) {
                int before = problems.size();
                platformParams = check(pp.parameters(), doc.platform.params.common, "parameter", "platform " + pp.id(),
                        0);
                if (problems.size() == before) {
                    try {
                        Platform p = pp.create(Parameters.resolve("platform " + pp.id(), pp.parameters(),
                                platformParams, 0));
                        tscHz = p.tscHz();
                        pcpus = p.topology().pcpus();
                    } catch (IllegalArgumentException e) {
                        problems.add(refusals.of(e, List.of()));
                    }
                }
            }

            platformFailed = tscHz == 0 && problems.size() > beforePlatform;
            Value seedValue = doc.get(ScenarioKey.SEED);
            long seed = seedValue == null ? 1 : parseLong(seedValue, "a whole number");
            Value durationValue = doc.get(ScenarioKey.DURATION);
            long duration = 0;
            if (durationValue == null) {
                problems.add(new Problem(fileOrigin, ScenarioKey.DURATION.path(), "missing; add for example"
                        + " 'duration: 10s' (units ns, us, ms, s, min, tsc) or pass --duration"));
            } else {
                duration = duration(durationValue, true);
                if (duration > maxDurationNs) {
                    problems.add(durationValue.problem("invalid value " + Problem.quote(durationValue.text())
                            + " (" + Durations.format(duration) + "); allowed: a duration greater than 0 and at most "
                            + Durations.format(maxDurationNs) + ", the limit of simulated time per run (raise it with"
                            + " --max-duration)"));
                }
            }
            Value checkedValue = doc.get(ScenarioKey.CHECKED);
            boolean checked = checkedValue != null && bool(checkedValue);

            Map<String, String> schedParams = new LinkedHashMap<>();
            if (schedId != null && doc.scheduler != null) {
                checkSections(doc.scheduler.params, "scheduler.params", SchedulerProvider::parameters, "parameter");
                effectiveSchedulerParams.putAll(doc.scheduler.params.effective(schedId));
            }
            if (choice != null) {
                choice.params().forEach((k, v) -> effectiveSchedulerParams.put(k,
                        Value.option(v, choice.origin(), k)));
            }
            if (schedId != null) {
                refusals.scheduler(schedId, schedulerIdValue, effectiveSchedulerParams);
            }
            if (sp != null) {
                schedParams = check(sp.parameters(), effectiveSchedulerParams, "parameter", "scheduler " + sp.id(),
                        tscHz);
            }

            List<PoolSpec> pools = pools(sp);

            List<DomainSpec> domains = new ArrayList<>();
            Map<String, String> workloadIds = new LinkedHashMap<>();
            Map<String, Integer> vcpuCounts = new LinkedHashMap<>();
            Set<String> names = new TreeSet<>();
            for (ScenarioDocument.Domain d : doc.domains) {
                DomainSpec spec = domain(d, sp, names);
                if (spec != null) {
                    domains.add(spec);
                    workloadIds.put(spec.name(), spec.workload().id());
                    vcpuCounts.put(spec.name(), spec.vcpus());
                }
            }

            List<io.github.vsched.core.Adjustment> adjustments = new ArrayList<>();
            Map<io.github.vsched.core.Adjustment, ScenarioDocument.Adjustment> written = new java.util.IdentityHashMap<>();
            for (ScenarioDocument.Adjustment a : doc.adjustments) {
                io.github.vsched.core.Adjustment x = adjustment(a, sp, schedId, vcpuCounts, duration);
                if (x != null) {
                    adjustments.add(x);
                    written.put(x, a);
                }
            }

            List<String> focus = focus(vcpuCounts, domains);
            long windowStart = doc.windowStart == null ? -1 : duration(doc.windowStart, false);
            long windowLength = doc.windowLength == null ? DEFAULT_WINDOW_NS : duration(doc.windowLength, true);
            Value periodValue = doc.get(ScenarioKey.REPORT_PERIOD);
            long period = periodValue == null ? 0 : duration(periodValue, true);
            Value waitValue = doc.get(ScenarioKey.REPORT_WAIT_THRESHOLD);
            long waitThreshold = waitValue != null ? duration(waitValue, false)
                    : period > 0 ? period / 10 : DEFAULT_WAIT_THRESHOLD_NS;

            Value nameValue = doc.get(ScenarioKey.NAME);
            String name;
            if (nameValue != null) {
                name = nameValue.text();
                if (!printableName(name)) {
                    // the name is printed in every table, file and page: no line breaks or terminal controls
                    problems.add(nameValue.problem("invalid value " + Problem.quote(name) + "; allowed: 1 to "
                            + MAX_NAME + " characters, none of them a control, format or line-separator character"));
                }
            } else {
                name = Problem.printable(baseName(doc.source), MAX_NAME);
            }
            if (!problems.isEmpty()) {
                throw new ScenarioException(problems);
            }
            Scenario.Builder b = Scenario.builder(name).seed(seed).duration(duration).checked(checked)
                    .platform(doc.platform.id.text(), platformParams).scheduler(schedId, schedParams);
            domains.forEach(b::domain);
            adjustments.forEach(b::adjust);
            pools.forEach(b::pool);
            Scenario scenario;
            try {
                scenario = b.build();
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(refusals.of(e, domains));
            }
            if (factory != null) {
                try {
                    factory.create(scenario);
                } catch (IllegalArgumentException e) {
                    // what a plugin or the engine refuses as it is created: at the value concerned
                    throw new ScenarioException(refusals.of(e, domains));
                }
                checkAdjustments(scenario, sp, written);
                if (!problems.isEmpty()) {
                    throw new ScenarioException(problems);
                }
            }
            if (windowStart >= duration && !windowOfAShortenedRun(doc.windowStart, durationValue)) {
                warnings.add(doc.windowStart.origin() + ": " + doc.windowStart.path() + ": the timeline window starts at "
                        + Durations.format(windowStart) + ", at or after the end of the run (" + Durations.format(duration)
                        + "); the report shows the middle of the run instead");
            }
            if (windowStart >= duration) {
                windowStart = -1;
            }
            if (windowStart < 0) {
                windowStart = Math.max(0, duration / 2 - windowLength / 2);
            }
            String label = choice != null ? choice.label() : schedId;
            return new ResolvedScenario(scenario, label, pcpus, focus, windowStart, windowLength, period, waitThreshold,
                    workloadIds,
                    new ArrayList<>(warnings));
        }

        /**
         * The cpupools besides Pool-0: names unique and not Pool-0, PCPUs within the machine, not
         * shared and leaving Pool-0 at least one, schedulers installed, able to run a pool and
         * given parameters they know. Fills {@link #poolSchedulers} and {@link #poolCpus}.
         */
        private List<PoolSpec> pools(SchedulerProvider pool0) {
            List<PoolSpec> out = new ArrayList<>();
            poolSchedulers.put(PoolSpec.POOL0, pool0);
            if (doc.pools.isEmpty()) {
                return out;
            }
            if (pool0 != null && !pool0.capabilities().contains(Capability.CPUPOOLS)) {
                Value at = schedulerIdValue;
                Problem p = new Problem(at != null ? at.origin() : fileOrigin, "scheduler", "scheduler " + pool0.id()
                        + " runs Pool-0 here, but it schedules only whole machines (it does not declare the cpupools"
                        + " capability) and the scenario's pools take PCPUs from Pool-0; schedulers that can: "
                        + poolCapable());
                problems.add(p);
            }
            Map<String, Value> cpusBy = new LinkedHashMap<>();
            java.util.BitSet taken = new java.util.BitSet();
            Value lastCpus = null;
            for (ScenarioDocument.Pool p : doc.pools) {
                int before = problems.size();
                String name = null;
                if (p.name != null) {
                    name = p.name.text();
                    if (name.equals(PoolSpec.POOL0)) {
                        problems.add(p.name.problem("cpupool " + PoolSpec.POOL0 + " exists in every machine: it holds"
                                + " dom0 and the PCPUs no other pool takes, and runs the scenario's scheduler; declare"
                                + " only the other pools"));
                    } else if (!DOMAIN_NAME.matcher(name).matches()) {
                        problems.add(p.name.problem("invalid cpupool name " + Problem.quote(name) + "; allowed: a"
                                + " letter followed by letters, digits, '_' or '-'"));
                    } else if (poolSchedulers.containsKey(name)) {
                        problems.add(p.name.problem("two cpupools are named '" + name + "'; names must be unique"));
                    }
                }
                Value cpusValue = p.get(ScenarioKey.POOL_CPUS);
                CpuMask cpus = null;
                if (cpusValue != null) {
                    if (cpusValue.text().isBlank()) {
                        problems.add(cpusValue.problem("the cpupool has no PCPU; allowed: a PCPU list such as 0 or"
                                + " 2-3" + (pcpus > 0 ? " with PCPUs 0.." + (pcpus - 1) : "")));
                    } else {
                        cpus = cpuMask(cpusValue);
                    }
                }
                if (cpus != null) {
                    for (Map.Entry<String, Value> e : cpusBy.entrySet()) {
                        CpuMask both = cpus.and(poolCpus.get(e.getKey()));
                        if (!both.isEmpty()) {
                            problems.add(cpusValue.problem("PCPUs " + both + " are also in cpupool " + e.getKey() + " (at "
                                    + e.getValue().origin() + "); a PCPU belongs to one pool"));
                        }
                    }
                    for (int c = cpus.next(0); c >= 0; c = cpus.next(c + 1)) {
                        taken.set(c);
                    }
                    lastCpus = cpusValue;
                }
                SchedulerProvider pp = null;
                Map<String, String> params = new LinkedHashMap<>();
                if (p.scheduler != null && p.scheduler.id != null) {
                    pp = lookup(registry.schedulers(), "scheduler", p.scheduler.id.text(), p.scheduler.id.problem(""));
                    if (pp != null && !pp.capabilities().contains(Capability.CPUPOOLS)) {
                        problems.add(p.scheduler.id.problem("scheduler " + pp.id() + " schedules only whole machines (it"
                                + " does not declare the cpupools capability); it cannot run a cpupool; schedulers that"
                                + " can: " + poolCapable()));
                        pp = null;
                    }
                    if (pp != null) {
                        String owner = "scheduler " + pp.id() + " of cpupool " + name;
                        params = check(pp.parameters(), p.scheduler.params.common, "parameter", owner, tscHz);
                        if (name != null) {
                            refusals.pool(name, pp.id(), p.scheduler.id, p.scheduler.params.common);
                        }
                    }
                }
                if (name != null && !name.equals(PoolSpec.POOL0)) {
                    poolSchedulers.putIfAbsent(name, pp);
                    poolSchedulerIds.putIfAbsent(name, p.scheduler != null && p.scheduler.id != null
                            ? p.scheduler.id.text() : null);
                    if (cpus != null) {
                        poolCpus.putIfAbsent(name, cpus);
                        cpusBy.putIfAbsent(name, cpusValue);
                    }
                }
                if (problems.size() == before && name != null && cpus != null && pp != null) {
                    out.add(new PoolSpec(name, cpus, ComponentSpec.of(pp.id(), params)));
                }
            }
            if (pcpus > 0) {
                if (lastCpus != null && taken.cardinality() >= pcpus) {
                    problems.add(lastCpus.problem("the cpupools take every PCPU (0-" + (pcpus - 1) + ") and leave none"
                            + " to " + PoolSpec.POOL0 + ", which holds dom0 and runs the scenario's scheduler; leave it"
                            + " at least one"));
                }
                java.util.BitSet rest = new java.util.BitSet();
                rest.set(0, pcpus);
                rest.andNot(taken);
                poolCpus.put(PoolSpec.POOL0, CpuMask.of(rest.stream().toArray()));
            }
            return out;
        }

        /** The installed schedulers that can run a cpupool smaller than the machine. */
        private String poolCapable() {
            List<String> ids = new ArrayList<>();
            registry.schedulers().forEach((id, p) -> {
                if (p.capabilities().contains(Capability.CPUPOOLS)) {
                    ids.add(id);
                }
            });
            return ids.isEmpty() ? "none installed" : String.join(", ", ids);
        }

        /**
         * Whether a timeline window that starts after the end of the run is the file's window of
         * a run the command line shortened ({@code --duration}, {@code --set duration}): moving it
         * to the middle of the run is then what the user expects, not worth a warning. A window
         * given on the command line, or a file whose own duration ends before its window, is.
         */
        private static boolean windowOfAShortenedRun(Value windowStart, Value duration) {
            return windowStart.origin().inFile() && duration != null && !duration.origin().inFile();
        }

        private DomainSpec domain(ScenarioDocument.Domain d, SchedulerProvider pool0Scheduler, Set<String> names) {
            int before = problems.size();
            // the domain's cpupool decides which scheduler its parameters are for
            Value poolValue = d.get(ScenarioKey.DOMAIN_POOL);
            String pool = poolValue == null ? PoolSpec.POOL0 : poolValue.text();
            SchedulerProvider sp = pool0Scheduler;
            String schedId = this.schedId;
            if (!pool.equals(PoolSpec.POOL0)) {
                if (!poolSchedulers.containsKey(pool)) {
                    List<String> known = new ArrayList<>(poolSchedulers.keySet());
                    String hint = Parameters.closest(pool, known);
                    problems.add(poolValue.problem("no cpupool " + Problem.quote(pool) + (hint == null ? ""
                            : " (did you mean '" + hint + "'?)") + "; the scenario's pools: " + String.join(", ", known)));
                    return null;
                }
                sp = poolSchedulers.get(pool);
                schedId = poolSchedulerIds.get(pool);
                if (sp == null) {
                    return null; // the pool's scheduler is reported already
                }
            }
            String name = null;
            if (d.name != null) {
                name = d.name.text();
                if (!DOMAIN_NAME.matcher(name).matches()) {
                    problems.add(d.name.problem("invalid domain name " + Problem.quote(name) + "; allowed: a letter followed by"
                            + " letters, digits, '_' or '-'"));
                } else if (!names.add(name)) {
                    problems.add(d.name.problem("two domains are named '" + name + "'; names must be unique"));
                }
            }
            DomainType type = DomainType.PV;
            Value typeValue = d.get(ScenarioKey.DOMAIN_TYPE);
            if (typeValue != null) {
                String t = typeValue.text().toLowerCase(Locale.ROOT);
                if (t.equals("pv")) {
                    type = DomainType.PV;
                } else if (t.equals("hvm")) {
                    type = DomainType.HVM;
                } else {
                    problems.add(typeValue.problem("invalid value " + Problem.quote(typeValue.text())
                            + "; allowed: pv, hvm"));
                }
            }
            Value driverValue = d.get(ScenarioKey.DOMAIN_DRIVER);
            boolean driver = driverValue != null ? bool(driverValue) : "dom0".equals(name);
            if (driver && !pool.equals(PoolSpec.POOL0)) {
                // XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN refuses domain 0 (4.1: domid == 0 is -EINVAL; later
                // rcu_lock_remote_domain_by_id refuses the caller, dom0 itself)
                problems.add(poolValue.problem("domain " + name + " is the driver domain (dom0), which stays in "
                        + PoolSpec.POOL0 + " as in Xen; it cannot be in cpupool " + pool));
            }
            int before0 = problems.size();
            // a driver domain has one VCPU per PCPU unless told otherwise, as dom0 does by default
            Value vcpusValue = d.get(ScenarioKey.DOMAIN_VCPUS);
            int vcpus = vcpusValue == null ? (driver && pcpus > 0 ? pcpus : 1) : (int) range(vcpusValue, 1, MAX_VCPUS);
            boolean vcpusKnown = problems.size() == before0;
            if (vcpusKnown) {
                totalVcpus += vcpus;
                if (totalVcpus > MAX_TOTAL_VCPUS) {
                    // said once, at the domain that crosses the limit; checked before anything is made per VCPU
                    if (!tooManyVcpus) {
                        tooManyVcpus = true;
                        Value at = vcpusValue != null ? vcpusValue : d.name != null ? d.name : null;
                        Problem p = new Problem(at != null ? at.origin() : d.origin, at != null ? at.path()
                                : d.path, "the domains up to this one have " + totalVcpus + " VCPUs" + (vcpusValue
                                == null && driver ? " (a driver domain has one VCPU per PCPU unless 'vcpus' says"
                                + " otherwise)" : "") + "; allowed: at most " + MAX_TOTAL_VCPUS + " VCPUs in all"
                                + " domains");
                        problems.add(p);
                    }
                    return null;
                }
            }
            Value memoryValue = d.get(ScenarioKey.DOMAIN_MEMORY);
            long memory = memoryValue == null ? 256 : memoryMb(memoryValue);
            Value irqValue = d.get(ScenarioKey.DOMAIN_IRQ_VCPU);
            int irqVcpu = irqValue == null || !vcpusKnown ? 0 : (int) range(irqValue, 0, Math.max(0, vcpus - 1));
            Value timerModeValue = d.get(ScenarioKey.DOMAIN_TIMER_MODE);
            HvmTimerMode timerMode = HvmTimerMode.XEND_DEFAULT;
            if (timerModeValue != null) {
                int before1 = problems.size();
                int mode = (int) range(timerModeValue, 0, 3);
                if (problems.size() == before1) {
                    if (type != DomainType.HVM) {
                        problems.add(timerModeValue.problem("timerMode is an HVM parameter (HVM_PARAM_TIMER_MODE);"
                                + " domain " + name + " is PV"));
                    } else {
                        timerMode = HvmTimerMode.ofXenValue(mode);
                    }
                }
            }
            Value affinityValue = d.get(ScenarioKey.DOMAIN_AFFINITY);
            CpuMask affinity = affinityValue == null ? null : cpuMask(affinityValue);
            Map<Integer, Value> affinityValues = new LinkedHashMap<>();

            Map<String, String> domParams = new LinkedHashMap<>();
            if (sp != null) {
                checkSections(d.scheduler, d.path + ".scheduler", SchedulerProvider::domainParameters,
                        "per-domain parameter");
                domParams = check(sp.domainParameters(), d.scheduler.effective(schedId), "per-domain parameter",
                        "scheduler " + sp.id(), tscHz);
            }
            Map<Integer, Map<String, Value>> vcpuRaw = new LinkedHashMap<>();
            Map<Integer, CpuMask> vcpuAffinity = new LinkedHashMap<>();
            ScenarioDocument.VcpuSettings all = d.perVcpu.get("all");
            for (int i = 0; i < vcpus; i++) {
                if (affinity != null) {
                    vcpuAffinity.put(i, affinity);
                    affinityValues.put(i, affinityValue);
                }
                if (all != null) {
                    vcpuRaw.computeIfAbsent(i, k -> new LinkedHashMap<>()).putAll(all.scheduler.effective(schedId));
                    if (all.affinity != null) {
                        CpuMask m = cpuMask(all.affinity);
                        if (m != null) {
                            vcpuAffinity.put(i, m);
                            affinityValues.put(i, all.affinity);
                        }
                    }
                }
            }
            Map<Integer, Value> vcpuKeys = new LinkedHashMap<>();
            for (ScenarioDocument.VcpuSettings s : d.perVcpu.values()) {
                if (s == all) {
                    continue;
                }
                int i;
                try {
                    i = Integer.parseInt(s.key.text());
                } catch (NumberFormatException e) {
                    problems.add(s.key.keyProblem("expected a VCPU number in [0, " + (vcpus - 1) + "] or 'all', not '"
                            + s.key.text() + "'"));
                    continue;
                }
                Value previous = vcpuKeys.putIfAbsent(i, s.key);
                if (previous != null) {
                    // 0 and 00 would both be VCPU 0, the second silently winning
                    problems.add(s.key.keyProblem("VCPU " + i + " is already given as " + Problem.quote(previous.text())
                            + " at " + previous.keyOrigin() + "; give each VCPU once"));
                    continue;
                }
                if (i < 0 || i >= vcpus) {
                    if (vcpusKnown) {
                        problems.add(s.key.keyProblem("VCPU " + i + " does not exist; the domain has VCPUs 0.."
                                + (vcpus - 1)));
                    }
                    continue;
                }
                vcpuRaw.computeIfAbsent(i, k -> new LinkedHashMap<>()).putAll(s.scheduler.effective(schedId));
                if (s.affinity != null) {
                    CpuMask m = cpuMask(s.affinity);
                    if (m != null) {
                        vcpuAffinity.put(i, m);
                        affinityValues.put(i, s.affinity);
                    }
                }
            }
            CpuMask inPool = poolCpus.get(pool);
            if (inPool != null && !doc.pools.isEmpty()) {
                Set<Value> told = new java.util.HashSet<>();
                vcpuAffinity.forEach((i, m) -> {
                    Value at = affinityValues.get(i);
                    if (m.and(inPool).isEmpty() && at != null && told.add(at)) {
                        problems.add(at.problem("affinity " + m + " has no PCPU in the domain's cpupool " + pool
                                + " (PCPUs " + inPool + "); its VCPUs run only there: give it at least one of them"));
                    }
                });
            }
            Map<Integer, Map<String, String>> vcpuParams = new LinkedHashMap<>();
            if (sp != null) {
                for (ScenarioDocument.VcpuSettings s : d.perVcpu.values()) {
                    checkSections(s.scheduler, d.path + ".perVcpu." + s.key.text() + ".scheduler",
                            SchedulerProvider::vcpuParameters, "per-VCPU parameter");
                }
                for (Map.Entry<Integer, Map<String, Value>> e : vcpuRaw.entrySet()) {
                    vcpuParams.put(e.getKey(), check(sp.vcpuParameters(), e.getValue(), "per-VCPU parameter",
                            "scheduler " + sp.id(), tscHz));
                }
            }

            String workloadId = null;
            Map<String, String> workloadParams = new LinkedHashMap<>();
            if (d.workload != null && d.workload.id != null) {
                workloadId = d.workload.id.text();
                WorkloadProvider wp = lookup(registry.workloads(), "workload", workloadId, d.workload.id.problem(""));
                if (wp != null) {
                    workloadParams = check(wp.parameters(), d.workload.params.common, "parameter",
                            "workload " + wp.id(), tscHz);
                }
            }
            if (problems.size() > before || name == null || workloadId == null) {
                return null;
            }
            refusals.domain(name, d, vcpus, d.scheduler.effective(schedId), vcpuRaw, schedId);
            DomainSpec.Builder b = DomainSpec.builder(name).type(type).vcpus(vcpus).memoryMb(memory).pool(pool)
                    .driverDomain(driver).irqVcpu(irqVcpu).timerMode(timerMode).workload(workloadId, workloadParams);
            domParams.forEach(b::schedulerParam);
            vcpuParams.forEach((i, m) -> m.forEach((k, v) -> b.vcpuSchedulerParam(i, k, v)));
            vcpuAffinity.forEach(b::vcpuAffinity);
            try {
                return b.build();
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(d.origin, d.path, e.getMessage()));
                return null;
            }
        }

        private List<String> focus(Map<String, Integer> vcpuCounts, List<DomainSpec> domains) {
            List<String> out = new ArrayList<>();
            if (doc.reportVcpus != null) {
                if (doc.reportVcpus.isEmpty()) {
                    problems.add(new Problem(doc.reportVcpusOrigin != null ? doc.reportVcpusOrigin : fileOrigin,
                            "report.vcpus", "names no VCPU; allowed: VCPUs ('domain/number') or domain names, for"
                            + " example winxp/0,dom1 (without report.vcpus: every VCPU of the non-driver domains)"));
                }
                for (Value v : doc.reportVcpus) {
                    String t = v.text();
                    int slash = t.indexOf('/');
                    String dom = slash < 0 ? t : t.substring(0, slash);
                    Integer n = vcpuCounts.get(dom);
                    if (n == null) {
                        if (doc.domains.stream().noneMatch(d -> d.name != null && d.name.text().equals(dom))) {
                            String hint = Parameters.closest(dom, new ArrayList<>(doc.domainNames()));
                            problems.add(v.problem("no domain " + Problem.quote(dom) + (hint == null ? "" : " (did you mean '"
                                    + hint + "'?)") + "; domains: " + String.join(", ", doc.domainNames())));
                        }
                        continue;
                    }
                    if (slash < 0) {
                        for (int i = 0; i < n; i++) {
                            out.add(dom + "/" + i);
                        }
                        continue;
                    }
                    try {
                        int i = Integer.parseInt(t.substring(slash + 1));
                        if (i < 0 || i >= n) {
                            throw new NumberFormatException();
                        }
                        out.add(dom + "/" + i);
                    } catch (NumberFormatException e) {
                        problems.add(v.problem("invalid VCPU " + Problem.quote(t) + "; allowed: " + dom + "/0 .. " + dom + "/"
                                + (n - 1) + ", or " + dom + " for all of them"));
                    }
                }
                List<String> distinct = new ArrayList<>(new LinkedHashSet<>(out));
                if (distinct.size() > MAX_FOCUS_VCPUS && !doc.reportVcpus.isEmpty()) {
                    problems.add(doc.reportVcpus.get(0).problem("names " + distinct.size() + " VCPUs; allowed: at most "
                            + MAX_FOCUS_VCPUS + " VCPUs of interest"));
                }
                return distinct;
            }
            for (DomainSpec d : domains) {
                if (!d.driverDomain()) {
                    for (int i = 0; i < d.vcpus(); i++) {
                        out.add(d.name() + "/" + i);
                    }
                }
            }
            if (out.isEmpty()) {
                for (DomainSpec d : domains) {
                    for (int i = 0; i < d.vcpus(); i++) {
                        out.add(d.name() + "/" + i);
                    }
                }
            }
            if (out.size() > MAX_FOCUS_VCPUS) {
                warnings.add(fileOrigin.source() + ": report.vcpus: the first " + MAX_FOCUS_VCPUS + " of its "
                        + out.size() + " VCPUs are of interest (tables, charts, waits); name others with report.vcpus or"
                        + " --vcpus");
                return new ArrayList<>(out.subList(0, MAX_FOCUS_VCPUS));
            }
            return out;
        }

        /**
         * Checks the sections of schedulers other than the one running against their own
         * plugin's schema, so a typo is found whichever scheduler runs; sections for schedulers
         * that are not installed cannot be checked: say so.
         */
        private void checkSections(ScenarioDocument.ParamSet ps, String path,
                                   java.util.function.Function<SchedulerProvider, List<ParameterSpec>> schema,
                                   String what) {
            for (ScenarioDocument.Section s : ps.sections.values()) {
                SchedulerProvider other = registry.schedulers().get(s.schedulerId());
                if (other == null) {
                    String hint = Parameters.closest(s.schedulerId(), new ArrayList<>(registry.schedulers().keySet()));
                    warnings.add(s.keyOrigin() + ": " + path + "." + s.schedulerId() + ": settings for scheduler '"
                            + s.schedulerId() + "' are not checked: no such scheduler is installed"
                            + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
                } else if (!other.id().equals(schedId)) {
                    checkingSection = true;
                    try {
                        check(schema.apply(other), s.values(), what, "scheduler " + other.id(), tscHz);
                    } finally {
                        checkingSection = false;
                    }
                }
            }
        }

        /** Checks values against a schema; returns them as text for the core scenario. */
        private Map<String, String> check(List<ParameterSpec> schema, Map<String, Value> given, String what,
                                          String owner, long hz) {
            Map<String, String> out = new LinkedHashMap<>();
            Map<String, ParameterSpec> byName = new LinkedHashMap<>();
            for (ParameterSpec s : schema) {
                byName.put(s.name(), s);
            }
            for (Map.Entry<String, Value> e : given.entrySet()) {
                Value v = e.getValue();
                ParameterSpec spec = byName.get(e.getKey());
                if (spec == null) {
                    List<String> known = new ArrayList<>(byName.keySet());
                    String hint = Parameters.closest(e.getKey(), known);
                    problems.add(v.keyProblem("unknown " + what + " '" + e.getKey() + "' of " + owner
                            + (hint == null ? "" : " (did you mean '" + hint + "'?)") + "; "
                            + (known.isEmpty() ? "it takes none" : "known: " + String.join(", ", known))
                            + sectionHint(v, owner)));
                    continue;
                }
                String text = spec.type() == ParameterType.BOOLEAN ? v.booleanText() : v.text();
                try {
                    spec.parse(text, hz);
                    if (spec.type() == ParameterType.FILE) {
                        String path = filePath(v, text.trim(), owner);
                        if (path != null) {
                            out.put(spec.name(), path);
                        }
                        continue;
                    }
                    out.put(spec.name(), text);
                } catch (InvalidParameterException x) {
                    if (hz == 0 && platformFailed && text.trim().toLowerCase(Locale.ROOT).endsWith("tsc")) {
                        continue; // needs the platform's TSC rate; the platform's problem is reported already
                    }
                    String m = x.getMessage();
                    int a = m.indexOf("allowed: ");
                    problems.add(v.problem("invalid value " + Problem.quote(v.text()) + " for " + owner + "; allowed: "
                            + (a < 0 ? m : m.substring(a + 9))));
                }
            }
            return out;
        }

        /**
         * A file parameter's path as the plugin reads it. Written in a scenario file, it is relative
         * to the file's folder and must stay inside it (after following links) unless files outside
         * are allowed; given on the command line, it is relative to the working folder. Null, with a
         * problem added, when it is refused.
         */
        private String filePath(Value v, String text, String owner) {
            if (!v.origin().inFile()) {
                return text;
            }
            if (doc.source.startsWith(ScenarioSource.BUILTIN)) {
                problems.add(v.problem("invalid value " + Problem.quote(text) + " for " + owner + ": a built-in"
                        + " scenario cannot name files; allowed: copy the scenario to a folder with the file"));
                return null;
            }
            Path scenarioFile = Path.of(doc.source);
            Path folder = scenarioFile.toAbsolutePath().normalize().getParent();
            Path given;
            try {
                given = Path.of(text);
            } catch (java.nio.file.InvalidPathException e) {
                problems.add(v.problem("invalid value " + Problem.quote(text) + " for " + owner + "; allowed: the"
                        + " path of a file (" + e.getReason() + ")"));
                return null;
            }
            Path resolved = folder.resolve(given).normalize();
            if (!allowFilesOutside && !inside(folder, resolved)) {
                problems.add(v.problem("invalid value " + Problem.quote(text) + " for " + owner + ": the file "
                        + resolved + " is outside the scenario file's folder " + folder + "; allowed: a path"
                        + " relative to that folder that stays inside it (or, if you trust this scenario, "
                        + ALLOW_FILES_OUTSIDE_OPTION + ")"));
                return null;
            }
            Path parent = scenarioFile.getParent();
            return (parent == null ? given.normalize() : parent.resolve(given).normalize()).toString();
        }

        /** Whether {@code file} is inside {@code folder}, by name and, where both exist, after following links. */
        private boolean inside(Path folder, Path file) {
            if (!file.startsWith(folder)) {
                return false;
            }
            try {
                if (java.nio.file.Files.exists(file)) {
                    return file.toRealPath().startsWith(folder.toRealPath());
                }
            } catch (java.io.IOException e) {
                return true; // unreadable: the plugin reports that when it reads the file
            }
            return true;
        }

        /**
         * A scheduler value written for every scheduler, rejected by one of several: say how to
         * restrict it to the scheduler it was meant for.
         */
        private String sectionHint(Value v, String owner) {
            if (checkingSection || !owner.startsWith("scheduler ") || !v.origin().inFile()
                    || v.path().contains("." + schedId + ".")) {
                return "";
            }
            String own = doc.schedulerId();
            if (own == null || own.equals(schedId)) {
                return "";
            }
            return " (values written directly under the scenario's scheduler settings apply to every scheduler run;"
                    + " put it in a '" + own + ":' section there to apply it to " + own + " only)";
        }

        private <P extends Provider> P lookup(Map<String, P> installed, String kind, String id, Problem at) {
            P p = installed.get(id);
            if (p == null) {
                String hint = Parameters.closest(id, new ArrayList<>(installed.keySet()));
                problems.add(new Problem(at.origin(), at.key(), "unknown " + kind + " " + Problem.quote(id)
                        + (hint == null ? "" : " (did you mean '" + hint + "'?)") + "; installed " + kind + "s: "
                        + known(installed) + " (see 'vsched list " + kind + "s'; add plugin jars with"
                        + " --plugin-path DIR)"));
            }
            return p;
        }

        /**
         * One timed adjustment, checked against the scheduler that runs: its time within the run,
         * its domain and VCPU, its parameters against the schema of its level. Values in another
         * scheduler's section only do not apply to this one; an adjustment left with none is dropped.
         */
        private io.github.vsched.core.Adjustment adjustment(ScenarioDocument.Adjustment a, SchedulerProvider sp,
                                                            String schedId, Map<String, Integer> vcpuCounts,
                                                            long runNs) {
            int before = problems.size();
            long at = a.at == null ? 0 : duration(a.at, false);
            if (a.at != null && problems.size() == before && runNs > 0 && at > runNs) {
                problems.add(a.at.problem("invalid value " + Problem.quote(a.at.text()) + "; allowed: a time within"
                        + " the run, at most its duration " + Durations.format(runNs)));
            }
            int vcpu = -1;
            if (a.domain != null && !vcpuCounts.containsKey(a.domain.text())) {
                problems.add(a.domain.problem("invalid value " + Problem.quote(a.domain.text()) + "; allowed: one of"
                        + " the scenario's domains: " + String.join(", ", vcpuCounts.keySet())));
            } else if (a.domain != null && a.vcpu != null) {
                vcpu = (int) range(a.vcpu, 0, Math.max(0, vcpuCounts.get(a.domain.text()) - 1));
            }
            if (sp == null || schedId == null) {
                return null;
            }
            checkSections(a.scheduler, a.path + ".scheduler", a.vcpu != null ? SchedulerProvider::vcpuParameters
                    : a.domain != null ? SchedulerProvider::domainParameters : SchedulerProvider::parameters,
                    "parameter");
            List<ParameterSpec> schema = a.vcpu != null ? sp.vcpuParameters()
                    : a.domain != null ? sp.domainParameters() : sp.parameters();
            String what = a.vcpu != null ? "per-VCPU parameter" : a.domain != null ? "per-domain parameter" : "parameter";
            Map<String, String> params = check(schema, a.scheduler.effective(schedId), what, "scheduler " + sp.id(),
                    tscHz);
            if (problems.size() > before || params.isEmpty()) {
                return null;
            }
            return a.domain == null ? io.github.vsched.core.Adjustment.scheduler(at, params)
                    : a.vcpu == null ? io.github.vsched.core.Adjustment.domain(at, a.domain.text(), params)
                    : io.github.vsched.core.Adjustment.vcpu(at, a.domain.text(), vcpu, params);
        }

        /**
         * Resolves the scheduler parameters after each adjustment in time order, as the run will,
         * so a combination the scheduler's validation refuses (RTDS: a budget above the period it
         * inherits) is reported at the adjustment's value now rather than stopping the run.
         */
        private void checkAdjustments(Scenario scenario, SchedulerProvider sp,
                                      Map<io.github.vsched.core.Adjustment, ScenarioDocument.Adjustment> written) {
            if (sp == null || scenario.adjustments().isEmpty()) {
                return;
            }
            Map<String, String> schedRaw = new LinkedHashMap<>(scenario.scheduler().params());
            Map<String, Map<String, String>> domRaw = new LinkedHashMap<>();
            Map<String, Map<String, String>> vcpuRaw = new LinkedHashMap<>();
            Map<String, Integer> vcpus = new LinkedHashMap<>();
            for (DomainSpec d : scenario.domains()) {
                domRaw.put(d.name(), new LinkedHashMap<>(d.schedulerParams()));
                vcpus.put(d.name(), d.vcpus());
                for (int i = 0; i < d.vcpus(); i++) {
                    vcpuRaw.put(d.name() + "/" + i, new LinkedHashMap<>(d.vcpuSchedulerParams().getOrDefault(i, Map.of())));
                }
            }
            for (io.github.vsched.core.Adjustment a : scenario.adjustments()) {
                try {
                    switch (a.level()) {
                        case SCHEDULER -> schedRaw.putAll(a.params());
                        case DOMAIN -> domRaw.get(a.domain()).putAll(a.params());
                        case VCPU -> vcpuRaw.get(a.domain() + "/" + a.vcpu()).putAll(a.params());
                    }
                    Parameters sched = io.github.vsched.core.SchedulerParameterResolver.scheduler(sp, schedRaw, tscHz);
                    for (Map.Entry<String, Integer> d : vcpus.entrySet()) {
                        Parameters dp = io.github.vsched.core.SchedulerParameterResolver.domain(sp, sched, d.getKey(),
                                domRaw.get(d.getKey()), tscHz);
                        for (int i = 0; i < d.getValue(); i++) {
                            io.github.vsched.core.SchedulerParameterResolver.vcpu(sp, sched, dp, d.getKey(), i,
                                    vcpuRaw.get(d.getKey() + "/" + i), tscHz);
                        }
                    }
                } catch (InvalidParameterException e) {
                    ScenarioDocument.Adjustment w = written.get(a);
                    String name = e.parameter() == null ? "" : e.parameter().substring(e.parameter().lastIndexOf('.') + 1);
                    Value at = w == null ? null : w.scheduler.effective(sp.id()).get(name);
                    if (at == null && w != null) {
                        at = w.at;
                    }
                    String message = "refused by scheduler " + sp.id() + " when the adjustment at "
                            + Durations.format(a.atNs()) + " applies: " + e.getMessage();
                    problems.add(at != null ? at.problem(message) : new Problem(fileOrigin, "adjustments", message));
                    return;
                }
            }
        }

        private long parseLong(Value v, String allowed) {
            try {
                return Long.parseLong(v.text().replace("_", ""));
            } catch (NumberFormatException e) {
                problems.add(v.problem("invalid value " + Problem.quote(v.text()) + "; allowed: " + allowed));
                return 0;
            }
        }

        private long range(Value v, long min, long max) {
            try {
                long x = Long.parseLong(v.text().replace("_", ""));
                if (x < min || x > max) {
                    throw new NumberFormatException();
                }
                return x;
            } catch (NumberFormatException e) {
                problems.add(v.problem("invalid value " + Problem.quote(v.text()) + "; allowed: a whole number in ["
                        + min + ", "
                        + max + "]"));
                return min;
            }
        }

        private boolean bool(Value v) {
            String t = v.booleanText().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return Boolean.parseBoolean(t);
            }
            problems.add(v.problem("invalid value " + Problem.quote(v.text()) + "; allowed: true, false"));
            return false;
        }

        private long duration(Value v, boolean positive) {
            if (tscHz == 0 && platformFailed && v.text().trim().toLowerCase(Locale.ROOT).endsWith("tsc")) {
                return 1;
            }
            try {
                long ns = Durations.parse(v.text(), tscHz);
                if (positive && ns <= 0) {
                    problems.add(v.problem("invalid value " + Problem.quote(v.text())
                            + "; allowed: a duration greater than 0"));
                }
                return ns;
            } catch (IllegalArgumentException e) {
                problems.add(v.problem("invalid value " + Problem.quote(v.text()) + "; allowed: a duration with a unit (ns, us, ms,"
                        + " s, min, tsc), for example 2.3ms (" + e.getMessage() + ")"));
                return 0;
            }
        }

        private long memoryMb(Value v) {
            String t = v.text().trim();
            String number = t.replaceAll("[A-Za-z]+$", "").trim();
            String unit = t.substring(number.length()).trim();
            long factor = switch (unit) {
                case "", "M", "MiB" -> 1;
                case "G", "GiB" -> 1024;
                default -> -1;
            };
            try {
                long n = Long.parseLong(number);
                if (factor < 0 || n < 1) {
                    throw new NumberFormatException();
                }
                return Math.multiplyExact(n, factor);
            } catch (NumberFormatException | ArithmeticException e) {
                problems.add(v.problem("invalid value " + Problem.quote(t) + "; allowed: a whole number of MiB, at"
                        + " least 1, or with a unit (512MiB, 2GiB, 512M, 2G)"));
                return 0;
            }
        }

        private CpuMask cpuMask(Value v) {
            // bounded by the platform's PCPUs, or by MAX_PCPUS while they are not known, so a
            // range as wide as 0-2147483647 is refused before anything is allocated for it
            int limit = pcpus > 0 ? pcpus : MAX_PCPUS;
            java.util.BitSet cpus = new java.util.BitSet();
            String allowed = "a PCPU list such as 0-3,6 with PCPUs 0.." + (limit - 1);
            for (String part : v.text().split(",", limit + 1)) {
                String p = part.trim();
                try {
                    int dash = p.indexOf('-');
                    int lo = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                    int hi = dash < 0 ? lo : Integer.parseInt(p.substring(dash + 1).trim());
                    if (lo < 0 || hi < lo || hi >= limit) {
                        throw new NumberFormatException();
                    }
                    cpus.set(lo, hi + 1);
                } catch (NumberFormatException e) {
                    problems.add(v.problem("invalid value " + Problem.quote(v.text()) + "; allowed: " + allowed));
                    return null;
                }
            }
            return CpuMask.of(cpus.stream().toArray());
        }
    }

    private static String known(Map<String, ?> installed) {
        return installed.isEmpty() ? "none" : String.join(", ", installed.keySet());
    }

    /** Whether a scenario name prints as one line of ordinary text, within {@link #MAX_NAME} characters. */
    static boolean printableName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        return name.codePoints().noneMatch(c -> switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE -> true;
            default -> false;
        });
    }

    /** The file name without folders and the {@code .yaml} ending. */
    static String baseName(String source) {
        String s = source.replace('\\', '/');
        s = s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf(':')) + 1);
        return s.replaceFirst("\\.ya?ml$", "");
    }
}
