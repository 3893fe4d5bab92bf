package io.github.vsched.cli;

import io.github.vsched.cli.exec.Job;
import io.github.vsched.cli.exec.RunOutput;
import io.github.vsched.cli.output.OutputDir;
import io.github.vsched.cli.output.ResultCsv;
import io.github.vsched.cli.output.ResultJson;
import io.github.vsched.cli.output.SeriesCsv;
import io.github.vsched.cli.report.ConsoleReport;
import io.github.vsched.cli.report.HtmlReport;
import io.github.vsched.cli.report.Page;
import io.github.vsched.cli.report.SweepReport;
import io.github.vsched.cli.report.TimelineCapture;
import io.github.vsched.cli.result.Aggregate;
import io.github.vsched.cli.result.DistributionMetric;
import io.github.vsched.cli.result.Metrics;
import io.github.vsched.cli.result.ResultSet;
import io.github.vsched.cli.result.RunRecord;
import io.github.vsched.cli.result.SweepInfo;
import io.github.vsched.cli.result.TimeSeries;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.VcpuStats;
import io.github.vsched.core.metrics.VcpuMetricsRecorder;
import io.github.vsched.scenario.Problem;
import io.github.vsched.scenario.ResolvedScenario;
import io.github.vsched.scenario.ScenarioDocument;
import io.github.vsched.scenario.ScenarioException;
import io.github.vsched.scenario.SchedulerChoice;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Steps the commands share: resolving a scenario under several schedulers, and writing results. */
final class Experiments {
    /** Most runs one command makes: schedulers x seeds, or sweep points x seeds. */
    static final int MAX_RUNS = 100_000;
    /**
     * Most per-VCPU results one command keeps in memory and writes (runs x VCPUs per run),
     * about 350 bytes each.
     */
    static final long MAX_VCPU_RESULTS = 1_000_000;

    private Experiments() {
    }

    /**
     * Refuses, before anything is resolved or run, more runs than {@link #MAX_RUNS}.
     *
     * @param what how the runs were asked for ({@code 2 schedulers x 100000 seeds})
     */
    static void checkRuns(long runs, String option, String what) {
        if (runs > MAX_RUNS) {
            throw new UserInputException(option + ": " + runs + " runs (" + what + "); allowed: at most " + MAX_RUNS
                    + " runs per command (spread a sweep over several with --shard I/N)");
        }
    }

    /**
     * Moves the command's outputs into place, all at once, unless the command was asked to stop
     * meanwhile.
     *
     * @throws CommandInterruptedException if it was (nothing is moved)
     */
    static void publish(Session s, OutputDir out, int runs) {
        if (s.stop().requested()) {
            throw new CommandInterruptedException("stopped after all " + runs + " runs, before the outputs were moved"
                    + " into place; no file was written", runs, runs);
        }
        out.publish();
    }

    /** The runner's interruption, saying that no output file was written. */
    static CommandInterruptedException noFileWritten(CommandInterruptedException e, boolean out) {
        return new CommandInterruptedException(e.getMessage() + (out ? "; no file was written" : ""), e.completed(),
                e.total());
    }

    /** Refuses, before anything runs, results of more than {@link #MAX_VCPU_RESULTS} VCPUs in all runs. */
    static void checkResults(List<ResolvedScenario> perRun, String option) {
        long n = 0;
        for (ResolvedScenario r : perRun) {
            for (DomainSpec d : r.scenario().domains()) {
                n += d.vcpus();
            }
        }
        if (n > MAX_VCPU_RESULTS) {
            throw new UserInputException(option + ": the runs would report on " + n + " VCPUs in all (each run's"
                    + " VCPUs, added up); allowed: at most " + MAX_VCPU_RESULTS + " per command (fewer seeds or"
                    + " points, or spread a sweep over several commands with --shard I/N)");
        }
    }

    /**
     * Resolves {@code doc} under each choice (or its own scheduler when {@code choices} is empty),
     * reporting the problems of all of them at once.
     */
    static List<ResolvedScenario> resolveAll(Session s, ScenarioDocument doc, List<SchedulerChoice> choices) {
        List<ResolvedScenario> out = new ArrayList<>();
        Set<Problem> problems = new LinkedHashSet<>();
        List<SchedulerChoice> list = choices.isEmpty() ? java.util.Collections.singletonList(null) : choices;
        for (SchedulerChoice c : list) {
            try {
                out.add(s.resolver().resolve(doc, c));
            } catch (ScenarioException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(new ArrayList<>(problems));
        }
        for (ResolvedScenario r : out) {
            r.warnings().forEach(s::warn);
        }
        return out;
    }

    /** The result set of a command's runs. */
    static ResultSet resultSet(ResolvedScenario first, List<String> labels, List<Long> seeds, double confidence,
                               SweepInfo sweep, List<RunOutput> outputs) {
        return resultSet(List.of(first), labels, seeds, confidence, sweep, outputs);
    }

    /**
     * The result set of runs of one or more scenarios: named after the first, whose duration,
     * platform, period and wait threshold it gives; the VCPUs of interest of every scenario, in
     * order.
     */
    static ResultSet resultSet(List<ResolvedScenario> scenarios, List<String> labels, List<Long> seeds,
                               double confidence, SweepInfo sweep, List<RunOutput> outputs) {
        List<RunRecord> runs = new ArrayList<>();
        for (RunOutput o : outputs) {
            runs.add(o.record());
        }
        ResolvedScenario first = scenarios.get(0);
        Set<String> focus = new LinkedHashSet<>();
        for (ResolvedScenario r : scenarios) {
            focus.addAll(r.focus());
        }
        return new ResultSet(first.scenario().name(), seeds.get(0), first.scenario().durationNs(),
                first.scenario().platform().id(), labels, seeds, new ArrayList<>(focus), confidence, first.periodNs(),
                first.waitThresholdNs(), sweep, runs);
    }

    /**
     * Writes result.json, summary.csv and workloads.csv; then estimates.csv or, for sweeps, sweep.csv;
     * then summary.md, the tables printed on standard output.
     */
    static List<Path> writeResults(OutputDir out, ResultSet set, ConsoleReport tables) {
        List<Path> written = new ArrayList<>();
        written.add(out.write("result.json", w -> ResultJson.write(set, w)));
        written.add(out.write("summary.csv", w -> ResultCsv.summary(set, w)));
        written.add(out.write("workloads.csv", w -> ResultCsv.workloads(set, w)));
        written.add(out.write(set.sweep() != null ? "sweep.csv" : "estimates.csv", w -> ResultCsv.estimates(set, w)));
        written.add(out.writeString("summary.md", tables.markdown()));
        return written;
    }

    /**
     * Writes report.html from the runs' timelines, distributions and time series, and its charts
     * to charts/.
     */
    static List<Path> writeReport(OutputDir out, ResultSet set, List<ResolvedScenario> scenarios,
                                  List<RunOutput> outputs, TimeSeries series, String command) {
        Distributions merged = new Distributions();
        for (RunOutput o : outputs) {
            merged.add(o);
        }
        return writeReport(out, set, scenarios, outputs, merged, series, command);
    }

    /**
     * Writes report.html from the runs' timelines, their distributions merged as they completed
     * and their time series, and its charts to charts/.
     */
    static List<Path> writeReport(OutputDir out, ResultSet set, List<ResolvedScenario> scenarios,
                                  List<RunOutput> outputs, Distributions merged, TimeSeries series, String command) {
        Set<String> names = new LinkedHashSet<>();
        int pcpus = 0;
        for (ResolvedScenario r : scenarios) {
            for (DomainSpec d : r.scenario().domains()) {
                names.add(d.name());
            }
            pcpus = Math.max(pcpus, r.pcpus());
        }
        List<String> domains = new ArrayList<>(names);
        Map<RunRecord, String> labels = new IdentityHashMap<>();
        for (Aggregate.Group g : Aggregate.groups(set.runs())) {
            for (RunRecord r : g.runs()) {
                labels.put(r, g.label(set.severalScenarios()));
            }
        }
        Map<String, TimelineCapture> timelines = new LinkedHashMap<>();
        for (RunOutput o : outputs) {
            String label = labels.get(o.record());
            if (o.timeline() != null) {
                timelines.putIfAbsent(label, o.timeline());
            }
        }
        return writePage(out, "report.html", HtmlReport.render(new HtmlReport.Data(set, domains, pcpus,
                timelines, merged.ordered(outputs, labels), series, command)));
    }

    /** Writes intervals.csv and quality-events.csv, the time series as data; nothing when none was kept. */
    static List<Path> writeSeries(OutputDir out, TimeSeries series) {
        if (series.isEmpty()) {
            return List.of();
        }
        return List.of(out.write("intervals.csv", w -> SeriesCsv.intervals(series, w)),
                out.write("quality-events.csv", w -> SeriesCsv.events(series, w)));
    }

    /**
     * The VCPUs of interest's distributions of every run, merged per configuration (scenario,
     * scheduler and sweep point) as the runs complete, so a comparison keeps one set per
     * configuration rather than one per run.
     */
    static final class Distributions {
        private final Map<List<Object>, Map<String, Map<String, AbstractHistogram>>> byConfig =
                new java.util.HashMap<>();

        private static List<Object> config(RunRecord r) {
            return List.of(r.scenario(), r.scheduler(), r.params());
        }

        /** Merges a run's distributions; returns the run without them. */
        synchronized RunOutput add(RunOutput o) {
            List<Object> key = config(o.record());
            for (Map.Entry<String, VcpuStats.Histograms> e : o.histograms().entrySet()) {
                Map<String, AbstractHistogram> merged = byConfig.computeIfAbsent(key, k -> new java.util.HashMap<>())
                        .computeIfAbsent(e.getKey(), k -> new java.util.HashMap<>());
                for (DistributionMetric d : Metrics.DISTRIBUTIONS) {
                    merged.computeIfAbsent(d.name(), k -> empty()).add(d.histogram().apply(e.getValue()));
                }
            }
            return o.withoutHistograms();
        }

        /**
         * By configuration's label in the order of the runs, by VCPU in the order of their
         * records, by metric in the catalogue's order (merging is commutative: the order runs
         * completed in does not matter).
         *
         * @param labels how the tables name each run's configuration
         */
        synchronized Map<String, Map<String, Map<String, AbstractHistogram>>> ordered(List<RunOutput> outputs,
                                                                                     Map<RunRecord, String> labels) {
            Map<String, Map<String, Map<String, AbstractHistogram>>> out = new LinkedHashMap<>();
            for (RunOutput o : outputs) {
                Map<String, Map<String, AbstractHistogram>> vcpus = byConfig.get(config(o.record()));
                if (vcpus == null) {
                    continue;
                }
                String label = labels.getOrDefault(o.record(), o.record().scheduler());
                Map<String, Map<String, AbstractHistogram>> ordered = out.computeIfAbsent(label,
                        k -> new LinkedHashMap<>());
                for (io.github.vsched.cli.result.VcpuRecord v : o.record().vcpus()) {
                    Map<String, AbstractHistogram> metrics = vcpus.get(v.name());
                    if (metrics != null && !ordered.containsKey(v.name())) {
                        Map<String, AbstractHistogram> m = new LinkedHashMap<>();
                        for (DistributionMetric d : Metrics.DISTRIBUTIONS) {
                            m.put(d.name(), metrics.get(d.name()));
                        }
                        ordered.put(v.name(), m);
                    }
                }
            }
            return out;
        }
    }

    /**
     * How many runs go at once: as many as asked, but no more than the heap holds at the most
     * each run's distributions can take (said when that is fewer); a run alone that may not fit
     * is warned about.
     */
    static int runsAtOnce(Session s, int requested, List<Job> jobs) {
        if (jobs.isEmpty()) {
            return requested;
        }
        long perRun = 0;
        for (Job j : jobs) {
            long vcpus = 0;
            for (DomainSpec d : j.scenario().domains()) {
                vcpus += d.vcpus();
            }
            perRun = Math.max(perRun, RUN_BASE_BYTES + vcpus * VcpuMetricsRecorder.maxBytesPerVcpu());
        }
        long heap = Runtime.getRuntime().maxMemory();
        int fits = (int) Math.max(1, Math.min(Integer.MAX_VALUE, heap / perRun));
        int n = Math.min(requested, jobs.size());
        if (perRun > heap) {
            s.warn("a run of this scenario may need up to " + mib(perRun) + " for its distributions (up to "
                    + (VcpuMetricsRecorder.maxBytesPerVcpu() >> 10) + " KiB per VCPU) and the heap is " + mib(heap)
                    + "; give Java more (JAVA_OPTS=-Xmx" + (perRun / (1L << 30) + 1) + "g with ./vsched) if it runs"
                    + " out of memory");
        } else if (fits < n) {
            s.warn("running " + fits + " run" + (fits == 1 ? "" : "s") + " at once instead of " + n + ": each may need"
                    + " up to " + mib(perRun) + " for its distributions and the heap is " + mib(heap));
            return fits;
        }
        return requested;
    }

    /** What a run needs besides its distributions: the engine, the guests, the report's timeline. */
    private static final long RUN_BASE_BYTES = 32L << 20;

    private static String mib(long bytes) {
        return (bytes + (1 << 20) - 1 >> 20) + " MiB";
    }

    /** Writes sweep.html, and its charts to charts/. */
    static List<Path> writeSweepChart(OutputDir out, ResultSet set, String command) {
        return writePage(out, "sweep.html", SweepReport.render(set, command));
    }

    /** Writes the page, then its charts, each a standalone SVG file in charts/ (all or none of them). */
    private static List<Path> writePage(OutputDir out, String name, Page page) {
        List<Path> written = new ArrayList<>();
        written.add(out.writeString(name, page.html()));
        if (!page.charts().isEmpty()) {
            Map<String, OutputDir.Body> charts = new LinkedHashMap<>();
            page.charts().forEach((file, svg) -> charts.put(file, w -> w.write(svg)));
            written.addAll(out.folder("charts").writeAll(charts));
        }
        return written;
    }

    private static AbstractHistogram empty() {
        Histogram h = new Histogram(2);
        h.setAutoResize(true);
        return h;
    }

    /** Tells where the files went: their names, and for a sub-folder its name and how many files it got. */
    static void listWritten(Session s, OutputDir out, List<Path> files) {
        Map<String, List<Path>> entries = new LinkedHashMap<>();
        for (Path p : files) {
            Path relative = out.path().relativize(p);
            String entry = relative.getNameCount() == 1 ? relative.toString() : relative.getName(0) + "/";
            entries.computeIfAbsent(entry, k -> new ArrayList<>()).add(p);
        }
        StringBuilder sb = new StringBuilder("vsched: wrote");
        entries.forEach((entry, in) -> {
            sb.append(' ').append(entry);
            if (entry.endsWith("/")) {
                String name = in.get(0).getFileName().toString();
                sb.append(" (").append(in.size()).append(' ')
                        .append(name.substring(name.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT)).append(')');
            }
        });
        sb.append(" to ").append(out.path());
        s.err().println(Main.printable(sb.toString()));
        s.err().flush();
    }

    /**
     * The seeds {@code first, first+1, ..., first+n-1} of a comparison or sweep.
     *
     * @throws UserInputException if they would go past the largest seed (they would wrap to
     *                            negative seeds)
     */
    static List<Long> seeds(long first, int n) {
        if (n > 1 && first > Long.MAX_VALUE - (n - 1)) {
            throw new UserInputException("--seeds " + n + ": seeds " + first + " and the " + (n - 1) + " following go"
                    + " past the largest seed, " + Long.MAX_VALUE + "; allowed: a first seed of at most "
                    + (Long.MAX_VALUE - (n - 1)) + " (set it with --seed)");
        }
        List<Long> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(first + i);
        }
        return out;
    }
}
