package io.github.vsched.cli;

import io.github.vsched.cli.exec.CompletedRuns;
import io.github.vsched.cli.exec.Job;
import io.github.vsched.cli.exec.ProgressBar;
import io.github.vsched.cli.exec.RunOutput;
import io.github.vsched.cli.exec.Runner;
import io.github.vsched.cli.output.OutputDir;
import io.github.vsched.cli.report.ConsoleReport;
import io.github.vsched.cli.result.ResultSet;
import io.github.vsched.cli.result.RunRecord;
import io.github.vsched.cli.result.SweepInfo;
import io.github.vsched.scenario.Problem;
import io.github.vsched.scenario.ResolvedScenario;
import io.github.vsched.scenario.ScenarioDocument;
import io.github.vsched.scenario.ScenarioException;
import io.github.vsched.scenario.ScenarioOverride;
import io.github.vsched.scenario.SchedulerChoice;
import io.github.vsched.scenario.SweepGrid;
import io.github.vsched.scenario.SweepParam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code vsched sweep}: a grid of runs over scenario parameters, in parallel, written as CSV
 * and a chart; {@code --shard i/N} runs one slice of the grid so a batch system can spread a
 * sweep over machines ({@code vsched merge} joins the slices).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Run a grid of parameter values in parallel (shardable) and chart the results.",
            "Writes result.json, summary.csv, workloads.csv,"
                + " sweep.csv (means and confidence intervals per point), summary.md (the table in Markdown) and"
                + " sweep.html (a chart per metric; each also an SVG file in charts/).",
            "Keys are those of --set; values a range FROM..TO:STEP (both ends included), a list a,b,c, or one value."
                + " A key SCHED.P (e.g. " + HelpExamples.SCHEDULER_KEY + ") selects that scheduler unless --scheduler says otherwise.",
            "Each run is saved in DIR/sweep-runs/ as it completes: a sweep stopped by Ctrl-C or SIGTERM resumes when"
                + " the same command is run again."},
        footer = {"", "Examples (the USBT of the Windows VCPU under srt-credit; then a grid in two shards, merged):",
            "  vsched sweep scenarios/paper-compile-srt.yaml --param domain.winxp.vcpu.0.usbt=1ms..4ms:1ms --seeds 2"
                + " --duration 2s --out sweep/",
            "  vsched sweep scenarios/paper-compile.yaml --param credit.tsliceMs=10..30:10 --param"
                + " domain.dom1.weight=128,512 --duration 2s --shard 1/2 --out shard1/",
            "  vsched sweep scenarios/paper-compile.yaml --param credit.tsliceMs=10..30:10 --param"
                + " domain.dom1.weight=128,512 --duration 2s --shard 2/2 --out shard2/",
            "  vsched merge --out all/ shard1/ shard2/",
            "In a SLURM job array or a Kubernetes Indexed Job, leave out --shard: see docs/cluster.md."})
final class SweepCommand extends CommandBase {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A scenario file, or builtin:NAME.")
    String scenario;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=SPEC", required = true, description = "A swept parameter;"
            + " repeatable (the grid is every combination, the last --param varying fastest).")
    List<String> params = new ArrayList<>();

    @Option(names = {"-s", "--scheduler"}, paramLabel = "ID[PARAMS]", description = "The scheduler (default: the"
            + " one named by SCHED.P keys, else the scenario's).")
    String scheduler;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "1", description = "Seeds per point (default:"
            + " ${DEFAULT-VALUE}); the same seeds at every point.")
    int seeds;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run only shard I of N (1 <= I <= N): points I-1,"
            + " I-1+N, ... Without it, a SLURM job array (SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_COUNT or"
            + " SLURM_ARRAY_TASK_MIN/MAX) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX with --shards) chooses"
            + " the shard.")
    String shard;

    @Option(names = "--shards", paramLabel = "N", description = "In a Kubernetes Indexed Job: the number of"
            + " shards, the Job's completions (default: the environment variable VSCHED_SHARDS).")
    Integer shards;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "Where the files go"
            + " (created if needed).")
    Path out;

    @Mixin
    ScenarioOptions scenarioOptions;

    @Mixin
    ExecOptions execOptions;

    @Override
    public Integer call() {
        if (seeds < 1) {
            throw new UserInputException("--seeds " + seeds + ": must be at least 1");
        }
        ShardChoice sh = ShardChoice.choose(shard, shards, System.getenv());
        Session s = session();
        if (sh.sharded()) {
            s.err().println(Main.printable("vsched: shard " + sh.index() + "/" + sh.count() + " chosen by "
                    + sh.source()));
            s.err().flush();
        }
        double confidence = execOptions.confidence();
        List<SweepParam> axes = new ArrayList<>();
        for (String p : params) {
            axes.add(SweepParam.parse(p));
        }
        SweepGrid grid = new SweepGrid(axes);
        ScenarioDocument base = scenarioOptions.load(scenario, s);
        SchedulerChoice choice = scheduler != null ? SchedulerChoice.parse(scheduler, "--scheduler")
                : impliedScheduler(s, base, axes);
        List<Integer> indices = grid.shard(sh.index(), sh.count());
        Experiments.checkRuns((long) indices.size() * seeds, lastParamOption(),
                indices.size() + " points" + (sh.count() > 1 ? " in shard " + sh.index() + "/" + sh.count() : "")
                        + " x " + seeds + " seed" + (seeds == 1 ? "" : "s"));
        List<ResolvedScenario> points = resolvePoints(s, base, choice, grid, axes, indices);
        long first = points.isEmpty() ? 1 : points.get(0).scenario().seed();
        List<Long> seedList = Experiments.seeds(first, seeds);
        Experiments.checkResults(perRun(points), lastParamOption());
        OutputDir dir = OutputDir.prepare(out);
        if (indices.isEmpty()) {
            s.warn("shard " + sh.index() + "/" + sh.count() + " has no points (the grid has " + grid.size() + ")");
        }
        List<Job> jobs = jobs(points, grid, indices, seedList);
        // runs saved by an earlier start of this sweep that was stopped are not made again
        String digest = scenarioDigest(s, base, choice);
        CompletedRuns saved = new CompletedRuns(dir, digest);
        List<RunOutput> outputs = runUnsaved(s, dir, saved, jobs);
        SweepInfo info = new SweepInfo(options(axes), grid.size(), sh.index(), sh.count(), digest, BuildId.get());
        ResolvedScenario ref = points.isEmpty() ? Experiments.resolveAll(s, base, choices(choice)).get(0)
                : points.get(0);
        ResultSet set = Experiments.resultSet(ref, labels(points.isEmpty() ? List.of(ref) : points), seedList,
                confidence, info, outputs);
        ConsoleReport tables = ConsoleReport.sweep(set);
        s.out().print(tables.text());
        s.out().flush();
        writeFiles(s, dir, saved, set, tables, jobs.size());
        return Main.OK;
    }

    /** The option that messages about the number of runs name: the last {@code --param}. */
    private String lastParamOption() {
        return "--param " + params.get(params.size() - 1);
    }

    /**
     * The scenario at each point of the shard: every point is resolved before any runs, so that
     * the problems of all of them are reported at once.
     */
    private static List<ResolvedScenario> resolvePoints(Session s, ScenarioDocument base, SchedulerChoice choice,
                                                        SweepGrid grid, List<SweepParam> axes, List<Integer> indices) {
        List<ResolvedScenario> points = new ArrayList<>();
        Set<Problem> problems = new LinkedHashSet<>();
        for (int i : indices) {
            ScenarioDocument doc = base.copy();
            List<ScenarioOverride> o = new ArrayList<>();
            grid.point(i).forEach((k, v) -> o.add(axes.get(indexOfKey(axes, k)).override(v)));
            try {
                ScenarioOverride.applyAll(doc, o, s.registry().schedulers().keySet());
                points.add(Experiments.resolveAll(s, doc, choices(choice)).get(0));
            } catch (ScenarioException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(new ArrayList<>(problems));
        }
        return points;
    }

    /** What {@link Experiments#resolveAll} is given for a scheduler choice, or for none. */
    private static List<SchedulerChoice> choices(SchedulerChoice choice) {
        return choice == null ? List.of() : List.of(choice);
    }

    /** The scenario of each run: every point once per seed. */
    private List<ResolvedScenario> perRun(List<ResolvedScenario> points) {
        List<ResolvedScenario> perRun = new ArrayList<>();
        for (ResolvedScenario r : points) {
            perRun.addAll(java.util.Collections.nCopies(seeds, r));
        }
        return perRun;
    }

    /** A job per point and seed, in grid order, the seed varying fastest. */
    private static List<Job> jobs(List<ResolvedScenario> points, SweepGrid grid, List<Integer> indices,
                                  List<Long> seedList) {
        List<Job> jobs = new ArrayList<>();
        for (int n = 0; n < points.size(); n++) {
            ResolvedScenario r = points.get(n);
            Map<String, String> point = grid.point(indices.get(n));
            for (long seed : seedList) {
                jobs.add(new Job(r, r.scenario().withSeed(seed), point, false, false, null));
            }
        }
        return jobs;
    }

    /**
     * Runs the jobs that no earlier start of this sweep completed, saving each as it completes
     * (so a stopped sweep resumes); the outputs of every job, saved or run, in job order.
     */
    private List<RunOutput> runUnsaved(Session s, OutputDir dir, CompletedRuns saved, List<Job> jobs) {
        RunOutput[] outputs = new RunOutput[jobs.size()];
        List<Job> toRun = new ArrayList<>();
        List<Integer> toRunAt = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < jobs.size(); i++) {
            RunRecord done = saved.find(jobs.get(i));
            if (done != null) {
                outputs[i] = new RunOutput(jobs.get(i), done, Map.of(), null, null, null, 0);
            } else {
                toRun.add(jobs.get(i));
                toRunAt.add(i);
                total += jobs.get(i).scenario().durationNs();
            }
        }
        int reused = jobs.size() - toRun.size();
        if (reused > 0) {
            s.err().println(Main.printable("vsched: resuming: " + reused + " of " + jobs.size() + " runs were completed"
                    + " by an earlier start of this sweep (saved in " + saved.path() + ")"));
            s.err().flush();
        }
        List<RunOutput> ran;
        try (ProgressBar pb = ProgressBar.create(execOptions.progress(), s.errStream(), "sweep", total,
                toRun.size())) {
            ran = new Runner(s.factory(), Experiments.runsAtOnce(s, execOptions.jobs(), toRun), dir, s.stop())
                    .run(toRun, pb, o -> {
                saved.save(o);
                return o;
            });
        } catch (CommandInterruptedException e) {
            throw stopped(saved, reused + e.completed(), jobs.size());
        }
        for (int k = 0; k < ran.size(); k++) {
            outputs[toRunAt.get(k)] = ran.get(k);
        }
        return List.of(outputs);
    }

    /** The swept parameters as given ({@code KEY=SPEC}), one per axis. */
    private static List<String> options(List<SweepParam> axes) {
        List<String> options = new ArrayList<>();
        for (SweepParam a : axes) {
            options.add(a.option());
        }
        return options;
    }

    /** The scheduler labels of the runs, each once, in order of first appearance. */
    private static List<String> labels(List<ResolvedScenario> scenarios) {
        List<String> labels = new ArrayList<>();
        for (ResolvedScenario r : scenarios) {
            if (!labels.contains(r.label())) {
                labels.add(r.label());
            }
        }
        return labels;
    }

    /**
     * Writes the result files, every one held until all are written and then moved into place
     * together; the saved runs are dropped once they are.
     */
    private static void writeFiles(Session s, OutputDir dir, CompletedRuns saved, ResultSet set,
                                   ConsoleReport tables, int runs) {
        OutputDir held = dir.held();
        List<Path> files;
        try {
            files = new ArrayList<>(Experiments.writeResults(held, set, tables));
            files.addAll(Experiments.writeSweepChart(held, set, s.commandLine()));
            Experiments.publish(s, held, runs);
        } catch (CommandInterruptedException e) {
            throw stopped(saved, runs, runs);
        } finally {
            held.discard();
        }
        saved.clear();
        Experiments.listWritten(s, dir, files);
    }

    /** What a stopped sweep says: how far it got, and that the same command resumes it. */
    private static CommandInterruptedException stopped(CompletedRuns saved, int completed, int total) {
        return new CommandInterruptedException("stopped after " + completed + " of " + total + " runs; no output file"
                + " was written; the completed runs are kept in " + saved.path() + ": run the same command again to"
                + " resume the sweep (completed runs are not made again)", completed, total);
    }

    /**
     * A digest of the scenario the grid is applied to: the scenario resolved with every option
     * (--set, --seed, --duration, --scheduler, ...) but without the swept values, so every shard
     * of one sweep has the same and shards of different scenarios do not. If the scenario does
     * not resolve without the swept values, its text and the options stand for it.
     */
    private String scenarioDigest(Session s, ScenarioDocument base, SchedulerChoice choice) {
        String what;
        try {
            ResolvedScenario r = Experiments.resolveAll(s, base, choices(choice)).get(0);
            StringBuilder b = new StringBuilder().append(r.scenario()).append('\n').append(r.label()).append('\n')
                    .append(r.focus()).append('\n').append(r.periodNs()).append('\n').append(r.waitThresholdNs());
            // the content of the files a workload reads (an rt-app file), not only their names
            for (var d : r.scenario().domains()) {
                var provider = s.registry().workloads().get(d.workload().id());
                if (provider == null) {
                    continue;
                }
                for (var spec : provider.parameters()) {
                    String path = d.workload().params().get(spec.name());
                    if (spec.type() == io.github.vsched.api.ParameterType.FILE && path != null) {
                        try {
                            b.append('\n').append(path).append('\n').append(java.util.HexFormat.of().formatHex(
                                    java.security.MessageDigest.getInstance("SHA-256")
                                            .digest(java.nio.file.Files.readAllBytes(Path.of(path)))));
                        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
                            b.append('\n').append(path).append(" unreadable");
                        }
                    }
                }
            }
            what = b.toString();
        } catch (ScenarioException e) {
            what = io.github.vsched.scenario.ScenarioSource.text(scenario) + "\n" + scenarioOptions.overrides() + "\n"
                    + (choice == null ? "" : choice.label());
        }
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(what.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static int indexOfKey(List<SweepParam> axes, String key) {
        for (int i = 0; i < axes.size(); i++) {
            if (axes.get(i).key().equals(key)) {
                return i;
            }
        }
        throw new IllegalStateException(key);
    }

    /** {@code I/N}, checked; {@code 1/1} when absent. */
    static int[] parseShard(String text) {
        if (text == null) {
            return new int[]{1, 1};
        }
        String[] p = text.split("/");
        try {
            if (p.length != 2) {
                throw new NumberFormatException();
            }
            int i = Integer.parseInt(p[0].trim());
            int n = Integer.parseInt(p[1].trim());
            if (n < 1 || i < 1 || i > n) {
                throw new NumberFormatException();
            }
            return new int[]{i, n};
        } catch (NumberFormatException e) {
            throw new UserInputException("--shard " + text + ": expected I/N with 1 <= I <= N (for example 2/8)");
        }
    }

    /** The scheduler named by {@code SCHED.P} keys, when they all name one other than the scenario's. */
    private static SchedulerChoice impliedScheduler(Session s, ScenarioDocument doc, List<SweepParam> axes) {
        Set<String> named = new LinkedHashSet<>();
        for (SweepParam a : axes) {
            if (a.key().equals("scheduler")) {
                return null;
            }
            for (String id : s.registry().schedulers().keySet()) {
                if (a.key().startsWith(id + ".")) {
                    named.add(id);
                }
            }
        }
        if (named.size() == 1) {
            String id = named.iterator().next();
            if (!id.equals(doc.schedulerId())) {
                s.warn("sweeping " + id + " parameters: running scheduler " + id + " (the scenario names "
                        + doc.schedulerId() + ")");
                return SchedulerChoice.parse(id, "--param");
            }
        }
        return null;
    }
}
