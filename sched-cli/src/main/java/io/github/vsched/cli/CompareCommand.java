package io.github.vsched.cli;

import io.github.vsched.cli.exec.Job;
import io.github.vsched.cli.exec.ProgressBar;
import io.github.vsched.cli.exec.RunOutput;
import io.github.vsched.cli.exec.Runner;
import io.github.vsched.cli.output.OutputDir;
import io.github.vsched.cli.report.ConsoleReport;
import io.github.vsched.cli.result.ResultSet;
import io.github.vsched.cli.result.TimeSeries;
import io.github.vsched.scenario.ResolvedScenario;
import io.github.vsched.scenario.ScenarioDocument;
import io.github.vsched.scenario.SchedulerChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code vsched compare}: one or more scenarios under several schedulers with common random
 * numbers (every scheduler and scenario runs the same seeds, and each random source has its own
 * stream, so all see the same guest demands); seeds in parallel; means with confidence intervals
 * across seeds. Comparing two scenarios under one scheduler (the paper's dom1 idle against dom1
 * compiling) shows the baseline beside the other in every table and chart.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Compare schedulers (or scenarios) with confidence intervals across seeds.",
            "Runs each scenario under each scheduler with the same seeds (common random numbers), in parallel on all"
                + " cores, and prints: a row per scheduler (and scenario) per VCPU of interest with means and"
                + " confidence intervals across seeds; the stutter of the video and audio players; their dispatch"
                + " intervals over time, a strip per scheduler; why the VCPUs waited; the workloads' quality"
                + " metrics. Several scenarios (the first is the baseline) are shown side by side."},
        footer = {"", "Examples:", "  vsched compare scenarios/paper-compile.yaml --schedulers credit,srt-credit"
                + " --seeds 5 --out out/",
            "  vsched compare scenarios/paper-idle.yaml scenarios/paper-compile.yaml --schedulers credit"
                + " --series-window 3s..6s --out out/idle-vs-compile"})
final class CompareCommand extends CommandBase {

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "SCENARIO", description = "Scenario files, or"
            + " builtin:NAME; with several, each runs under every scheduler and the first is the baseline.")
    List<String> scenarios;

    @Option(names = {"-s", "--schedulers"}, paramLabel = "LIST", description = "Schedulers to compare,"
            + " comma-separated; each an id, optionally with parameters: " + HelpExamples.SCHEDULERS
            + " (default: the first scenario's scheduler). With cpupools they run Pool-0; the other pools keep"
            + " their own.")
    String schedulers;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "5", description = "Seeds per scheduler (default:"
            + " ${DEFAULT-VALUE}): the first scenario's seed and the N-1 following.")
    int seeds;

    @Mixin
    ScenarioOptions scenarioOptions;

    @Mixin
    SeriesOptions seriesOptions;

    @Mixin
    OutputOptions outputOptions;

    @Mixin
    ExecOptions execOptions;

    @Override
    public Integer call() {
        if (seeds < 1) {
            throw new UserInputException("--seeds " + seeds + ": must be at least 1");
        }
        Session s = session();
        double confidence = execOptions.confidence();
        List<SchedulerChoice> choices = schedulers == null ? List.of()
                : SchedulerChoice.parseList(schedulers, "--schedulers");
        int nSchedulers = Math.max(1, choices.size());
        int nScenarios = scenarios.size();
        Experiments.checkRuns((long) nScenarios * nSchedulers * seeds, "--seeds " + seeds,
                (nScenarios == 1 ? "" : nScenarios + " scenarios x ") + nSchedulers + " scheduler"
                + (nSchedulers == 1 ? "" : "s") + " x " + seeds + " seeds");
        List<List<ResolvedScenario>> byScenario = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String ref : scenarios) {
            ScenarioDocument doc = scenarioOptions.load(ref, s);
            List<ResolvedScenario> resolved = Experiments.resolveAll(s, doc, choices.isEmpty() && !byScenario.isEmpty()
                    ? List.of(SchedulerChoice.parse(byScenario.get(0).get(0).label(), "--schedulers")) : choices);
            String name = resolved.get(0).scenario().name();
            if (!names.add(name)) {
                throw new UserInputException("scenario " + ref + ": a scenario named '" + name + "' is already compared;"
                        + " each scenario must have its own name");
            }
            byScenario.add(resolved);
        }
        List<ResolvedScenario> firsts = new ArrayList<>();
        List<ResolvedScenario> perRun = new ArrayList<>();
        long shortest = Long.MAX_VALUE;
        long longest = 0;
        for (List<ResolvedScenario> rs : byScenario) {
            firsts.add(rs.get(0));
            shortest = Math.min(shortest, rs.get(0).scenario().durationNs());
            longest = Math.max(longest, rs.get(0).scenario().durationNs());
            for (ResolvedScenario r : rs) {
                perRun.addAll(java.util.Collections.nCopies(seeds, r));
            }
        }
        Experiments.checkResults(perRun, "--seeds " + seeds);
        long first = firsts.get(0).scenario().seed();
        List<Long> seedList = Experiments.seeds(first, seeds);
        SeriesPlan plan = SeriesPlan.of(seriesOptions.window(), shortest, longest);
        OutputDir prepared = outputOptions.prepare();
        // every file held until all are written, then moved into place together
        OutputDir out = prepared == null ? null : prepared.held();
        try {
            return compare(s, byScenario, firsts, seedList, first, shortest, plan, out, confidence);
        } finally {
            if (out != null) {
                out.discard();
            }
        }
    }

    private int compare(Session s, List<List<ResolvedScenario>> byScenario, List<ResolvedScenario> firsts,
                        List<Long> seedList, long first, long shortest, SeriesPlan plan, OutputDir out,
                        double confidence) {
        List<Job> jobs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        long total = 0;
        for (List<ResolvedScenario> rs : byScenario) {
            for (ResolvedScenario r : rs) {
                if (!labels.contains(r.label())) {
                    labels.add(r.label());
                }
                for (long seed : seedList) {
                    boolean firstSeed = seed == first;
                    jobs.add(new Job(r, r.scenario().withSeed(seed), Map.of(), out != null, out != null && firstSeed,
                            firstSeed ? outputOptions.trace() : null, firstSeed ? plan.firstPass() : null));
                    total += r.scenario().durationNs();
                }
            }
        }
        Runner runner = new Runner(s.factory(), Experiments.runsAtOnce(s, execOptions.jobs(), jobs), out, s.stop());
        List<RunOutput> outputs;
        Experiments.Distributions merged = new Experiments.Distributions();
        try (ProgressBar pb = ProgressBar.create(execOptions.progress(), s.errStream(), "compare", total,
                jobs.size())) {
            // the distributions of each run merged as it completes, not kept per run
            outputs = runner.run(jobs, pb, merged::add);
        } catch (CommandInterruptedException e) {
            throw Experiments.noFileWritten(e, out != null);
        }
        try {
            outputs = plan.complete(outputs, first, shortest, runner, execOptions.progress(), s);
        } catch (CommandInterruptedException e) {
            throw Experiments.noFileWritten(new CommandInterruptedException("stopped after all " + jobs.size()
                    + " runs, while running again those that keep the time series", jobs.size(), jobs.size()),
                    out != null);
        }
        ResultSet set = Experiments.resultSet(firsts, labels, seedList, confidence, null, outputs);
        TimeSeries series = plan.series(set, outputs);
        ConsoleReport tables = ConsoleReport.compare(set, series);
        s.out().print(tables.text());
        s.out().flush();
        if (out != null) {
            List<Path> files = new ArrayList<>(Experiments.writeResults(out, set, tables));
            files.addAll(Experiments.writeSeries(out, series));
            files.addAll(Experiments.writeReport(out, set, firsts, outputs, merged, series, s.commandLine()));
            for (RunOutput o : outputs) {
                if (o.trace() != null) {
                    files.add(o.trace());
                }
            }
            Experiments.publish(s, out, jobs.size());
            Experiments.listWritten(s, out, files);
        }
        return Main.OK;
    }
}
