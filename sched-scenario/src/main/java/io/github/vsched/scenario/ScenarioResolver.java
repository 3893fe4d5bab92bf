package io.github.vsched.scenario;

import io.github.vsched.api.Durations;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Platform;
import io.github.vsched.api.PlatformProvider;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.core.Adjustment;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.PluginRegistry;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.SimulationFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@link ScenarioDocument} against the installed plugins and turns it into a core
 * {@link Scenario} for one scheduler: plugin ids exist, every parameter is known to its plugin
 * and has a legal value, domains are consistent, and (given a factory) the simulation can be
 * created. Every problem is reported with its origin, key, value and what is allowed; all of
 * them at once, not just the first.
 *
 * <p>This class resolves the scheduler, the platform and the scenario's own keys ({@code name},
 * {@code seed}, {@code duration}, {@code checked}) and hands each section to its resolver, in the
 * order their problems are reported: {@code PoolResolver} ({@code pools}), {@code DomainResolver}
 * ({@code domains}, with {@code PerVcpuResolver} for each VCPU's settings),
 * {@code AdjustmentResolver} ({@code adjustments}) and {@code ReportResolver} ({@code report}).
 * They share {@code PluginLookup} (plugin ids), {@code ParameterChecker} (plugin parameters, with
 * {@code FileParameterPaths} for file parameters) and {@code ValueParser} (the shapes of the
 * scenario's own values).
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

    /** What a domain's or a cpupool's name may be. */
    static final Pattern DOMAIN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

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

    /**
     * One resolution: the scheduler, the platform and the scenario's own keys here, each
     * section by its resolver in the order problems are reported (cpupools, domains,
     * adjustments, report settings), then the core scenario built and created as a last check.
     */
    private final class Run {
        final ScenarioDocument doc;
        final SchedulerChoice choice;
        final List<Problem> problems = new ArrayList<>();
        final Set<String> warnings = new LinkedHashSet<>();
        final Origin fileOrigin;
        /** Where each value was given, to report what creating the simulation refuses at its value. */
        final RefusalSites refusals;
        final PluginLookup plugins;
        ParameterChecker checker;
        ValueParser values;
        String schedId;
        Value schedulerIdValue;
        SchedulerProvider sp;
        Map<String, String> platformParams = new LinkedHashMap<>();
        long tscHz;
        int pcpus = -1;

        Run(ScenarioDocument doc, SchedulerChoice choice) {
            this.doc = doc;
            this.choice = choice;
            this.fileOrigin = Origin.file(doc.source, 1, 1);
            this.refusals = new RefusalSites(doc, fileOrigin);
            this.plugins = new PluginLookup(problems, registry);
        }

        ResolvedScenario resolve() {
            // the scheduler first: an unknown id is the most likely mistake, and says most
            scheduler();
            checker = new ParameterChecker(problems, warnings, registry.schedulers(), doc, schedId,
                    new FileParameterPaths(problems, doc.source, allowFilesOutside));
            int beforePlatform = problems.size();
            platform();
            boolean platformFailed = tscHz == 0 && problems.size() > beforePlatform;
            values = new ValueParser(problems, tscHz, pcpus, platformFailed);
            checker = checker.withPlatform(tscHz, platformFailed);
            Value seedValue = doc.get(ScenarioKey.SEED);
            long seed = seedValue == null ? 1 : values.parseLong(seedValue, "a whole number");
            Value durationValue = doc.get(ScenarioKey.DURATION);
            long duration = duration(durationValue);
            Value checkedValue = doc.get(ScenarioKey.CHECKED);
            boolean checked = checkedValue != null && values.bool(checkedValue);
            Map<String, String> schedParams = schedulerParameters();

            PoolResolver.Cpupools pools = new PoolResolver(problems, doc, fileOrigin, plugins, values, checker,
                    refusals, pcpus).resolve(sp, schedulerIdValue);
            List<DomainSpec> domains = new DomainResolver(problems, doc, plugins, values, checker, refusals, pools,
                    pcpus).resolve(sp, schedId);
            Map<String, String> workloadIds = new LinkedHashMap<>();
            Map<String, Integer> vcpuCounts = new LinkedHashMap<>();
            for (DomainSpec d : domains) {
                workloadIds.put(d.name(), d.workload().id());
                vcpuCounts.put(d.name(), d.vcpus());
            }
            AdjustmentResolver adjustments = new AdjustmentResolver(problems, fileOrigin, values, checker, tscHz);
            List<Adjustment> timed = adjustments.resolve(doc.adjustments, sp, schedId, vcpuCounts, duration);
            ReportResolver report = new ReportResolver(problems, warnings, doc, fileOrigin, values);
            ReportResolver.Settings settings = report.resolve(vcpuCounts, domains);
            String name = name();
            if (!problems.isEmpty()) {
                throw new ScenarioException(problems);
            }

            Scenario.Builder b = Scenario.builder(name).seed(seed).duration(duration).checked(checked)
                    .platform(doc.platform.id.text(), platformParams).scheduler(schedId, schedParams);
            domains.forEach(b::domain);
            timed.forEach(b::adjust);
            pools.specs().forEach(b::pool);
            Scenario scenario = create(b, domains);
            if (factory != null) {
                adjustments.checkInTimeOrder(scenario, sp);
                if (!problems.isEmpty()) {
                    throw new ScenarioException(problems);
                }
            }
            long windowStart = report.windowStart(settings, duration, durationValue);
            String label = choice != null ? choice.label() : schedId;
            return new ResolvedScenario(scenario, label, pcpus, settings.focus(), windowStart,
                    settings.windowLengthNs(), settings.periodNs(), settings.waitThresholdNs(), workloadIds,
                    new ArrayList<>(warnings));
        }

        /** The scheduler that runs: the one chosen, else the scenario's; sets {@link #schedId} and {@link #sp}. */
        private void scheduler() {
            if (choice != null) {
                schedId = choice.id();
                schedulerIdValue = Value.option(choice.label(), choice.origin(), "scheduler");
                sp = plugins.lookup(registry.schedulers(), "scheduler", choice.id(),
                        new Problem(choice.origin(), null, ""));
            } else if (doc.scheduler != null && doc.scheduler.id != null) {
                schedId = doc.scheduler.id.text();
                schedulerIdValue = doc.scheduler.id;
                sp = plugins.lookup(registry.schedulers(), "scheduler", schedId, doc.scheduler.id.problem(""));
            } else {
                problems.add(new Problem(doc.scheduler != null ? doc.scheduler.origin : fileOrigin, "scheduler",
                        "no scheduler: add 'scheduler: ID' to the scenario or pass --scheduler ID; installed: "
                                + PluginLookup.known(registry.schedulers())));
            }
        }

        /** The platform, created to learn its TSC rate and PCPU count. */
        private void platform() {
            PlatformProvider pp = null;
            if (doc.platform != null && doc.platform.id != null) {
                pp = plugins.lookup(registry.platforms(), "platform", doc.platform.id.text(),
                        doc.platform.id.problem(""));
            }
            if (pp == null) {
                return;
            }
            int before = problems.size();
            platformParams = checker.check(pp.parameters(), doc.platform.params.common, "parameter",
                    "platform " + pp.id());
            if (problems.size() == before) {
                try {
                    Platform p = pp.create(Parameters.resolve("platform " + pp.id(), pp.parameters(), platformParams,
                            0));
                    tscHz = p.tscHz();
                    pcpus = p.topology().pcpus();
                } catch (IllegalArgumentException e) {
                    problems.add(refusals.of(e, List.of()));
                }
            }
        }

        /** The run's {@code duration}, required, within the limit of simulated time per run; 0 if refused. */
        private long duration(Value durationValue) {
            if (durationValue == null) {
                problems.add(new Problem(fileOrigin, ScenarioKey.DURATION.path(), "missing; add for example"
                        + " 'duration: 10s' (units ns, us, ms, s, min, tsc) or pass --duration"));
                return 0;
            }
            long duration = values.duration(durationValue, true);
            if (duration > maxDurationNs) {
                problems.add(durationValue.problem("invalid value " + Problem.quote(durationValue.text())
                        + " (" + Durations.format(duration) + "); allowed: a duration greater than 0 and at most "
                        + Durations.format(maxDurationNs) + ", the limit of simulated time per run (raise it with"
                        + " --max-duration)"));
            }
            return duration;
        }

        /**
         * The scheduler's parameters: the scenario's for that scheduler, then the choice's, which
         * win; the sections of other schedulers checked against their own schema.
         */
        private Map<String, String> schedulerParameters() {
            Map<String, Value> effective = new LinkedHashMap<>();
            if (schedId != null && doc.scheduler != null) {
                checker.checkSections(doc.scheduler.params, "scheduler.params", SchedulerProvider::parameters,
                        "parameter");
                effective.putAll(doc.scheduler.params.effective(schedId));
            }
            if (choice != null) {
                choice.params().forEach((k, v) -> effective.put(k, Value.option(v, choice.origin(), k)));
            }
            if (schedId != null) {
                refusals.scheduler(schedId, schedulerIdValue, effective);
            }
            if (sp == null) {
                return new LinkedHashMap<>();
            }
            return checker.check(sp.parameters(), effective, "parameter", "scheduler " + sp.id());
        }

        /** The scenario's {@code name}, else its file name without the .yaml ending. */
        private String name() {
            Value nameValue = doc.get(ScenarioKey.NAME);
            if (nameValue == null) {
                return Problem.printable(baseName(doc.source), MAX_NAME);
            }
            String name = nameValue.text();
            if (!printableName(name)) {
                // the name is printed in every table, file and page: no line breaks or terminal controls
                problems.add(nameValue.problem("invalid value " + Problem.quote(name) + "; allowed: 1 to "
                        + MAX_NAME + " characters, none of them a control, format or line-separator character"));
            }
            return name;
        }

        /**
         * The core scenario, and (given a factory) its simulation created, not run: what the core
         * or a plugin refuses is reported at the value concerned.
         */
        private Scenario create(Scenario.Builder b, List<DomainSpec> domains) {
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
            }
            return scenario;
        }
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
