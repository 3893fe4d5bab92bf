package io.github.vsched.cli;

import io.github.vsched.cli.exec.Job;
import io.github.vsched.cli.exec.ProgressBar;
import io.github.vsched.cli.exec.RunOutput;
import io.github.vsched.cli.exec.Runner;
import io.github.vsched.cli.output.OutputDir;
import io.github.vsched.cli.report.ConsoleReport;
import io.github.vsched.cli.result.ResultSet;
import io.github.vsched.scenario.ResolvedScenario;
import io.github.vsched.scenario.ScenarioDocument;
import io.github.vsched.scenario.SchedulerChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code vsched compare}: one scenario under several schedulers with common random numbers
 * (every scheduler runs the same seeds, and each random source has its own stream, so all see
 * the same guest demands); seeds in parallel; means with confidence intervals across seeds.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Compare schedulers on one scenario, with confidence intervals across seeds.",
            "Runs the scenario under several schedulers with the same seeds (common random numbers), in"
                + " parallel on all cores, and prints one table: a row per scheduler per VCPU of interest with means"
                + " and confidence intervals across seeds, then the workloads' quality metrics."},
        footer = {"", "Example:", "  vsched compare scenarios/paper-compile.yaml --schedulers credit,srt-credit"
                + " --seeds 5 --out out/"})
final class CompareCommand extends CommandBase {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A scenario file, or builtin:NAME.")
    String scenario;

    @Option(names = {"-s", "--schedulers"}, paramLabel = "LIST", description = "Schedulers to compare,"
            + " comma-separated; each an id, optionally with parameters: credit,credit[ratelimit=1ms],srt-credit"
            + " (default: the scenario's scheduler).")
    String schedulers;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "5", description = "Seeds per scheduler (default:"
            + " ${DEFAULT-VALUE}): the scenario's seed and the N-1 following.")
    int seeds;

    @Mixin
    ScenarioOptions scenarioOptions;

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
        ScenarioDocument doc = scenarioOptions.load(scenario, s);
        List<SchedulerChoice> choices = schedulers == null ? List.of()
                : SchedulerChoice.parseList(schedulers, "--schedulers");
        int nSchedulers = Math.max(1, choices.size());
        Experiments.checkRuns((long) nSchedulers * seeds, "--seeds " + seeds, nSchedulers + " scheduler"
                + (nSchedulers == 1 ? "" : "s") + " x " + seeds + " seeds");
        List<ResolvedScenario> resolved = Experiments.resolveAll(s, doc, choices);
        long first = resolved.get(0).scenario().seed();
        List<Long> seedList = Experiments.seeds(first, seeds);
        List<ResolvedScenario> perRun = new ArrayList<>();
        for (ResolvedScenario r : resolved) {
            perRun.addAll(java.util.Collections.nCopies(seeds, r));
        }
        Experiments.checkResults(perRun, "--seeds " + seeds);
        OutputDir prepared = outputOptions.prepare();
        // every file held until all are written, then moved into place together
        OutputDir out = prepared == null ? null : prepared.held();
        try {
            return compare(s, resolved, seedList, first, out, confidence);
        } finally {
            if (out != null) {
                out.discard();
            }
        }
    }

    private int compare(Session s, List<ResolvedScenario> resolved, List<Long> seedList, long first, OutputDir out,
                        double confidence) {
        List<Job> jobs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        long total = 0;
        for (ResolvedScenario r : resolved) {
            labels.add(r.label());
            for (long seed : seedList) {
                boolean firstSeed = seed == first;
                jobs.add(new Job(r, r.scenario().withSeed(seed), Map.of(), out != null, out != null && firstSeed,
                        firstSeed ? outputOptions.trace() : null));
                total += r.scenario().durationNs();
            }
        }
        List<RunOutput> outputs;
        Experiments.Distributions merged = new Experiments.Distributions();
        try (ProgressBar pb = ProgressBar.create(execOptions.progress(), s.errStream(), "compare", total,
                jobs.size())) {
            // the distributions of each run merged as it completes, not kept per run
            outputs = new Runner(s.factory(), Experiments.runsAtOnce(s, execOptions.jobs(), jobs), out, s.stop())
                    .run(jobs, pb, merged::add);
        } catch (CommandInterruptedException e) {
            throw Experiments.noFileWritten(e, out != null);
        }
        ResultSet set = Experiments.resultSet(resolved.get(0), labels, seedList, confidence, null, outputs);
        ConsoleReport tables = ConsoleReport.compare(set);
        s.out().print(tables.text());
        s.out().flush();
        if (out != null) {
            List<Path> files = new ArrayList<>(Experiments.writeResults(out, set, tables));
            files.addAll(Experiments.writeReport(out, set, resolved.get(0), outputs, merged, s.commandLine()));
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
