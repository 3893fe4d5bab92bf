package io.github.vsched.cli;

import io.github.vsched.cli.output.OutputDir;
import io.github.vsched.cli.output.ResultJson;
import io.github.vsched.cli.report.ConsoleReport;
import io.github.vsched.cli.result.ResultSet;
import io.github.vsched.cli.result.RunRecord;
import io.github.vsched.cli.result.SweepInfo;
import io.github.vsched.scenario.SweepGrid;
import io.github.vsched.scenario.SweepParam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code vsched merge}: joins the outputs of sweep shards (or of any runs of one scenario
 * with the same seeds) into one set of files, checking that they belong together and, for
 * sweeps, that every shard is there.
 */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Join the outputs of sweep shards.",
            "Reads the result.json of sweep shards (or other runs of one scenario) and writes result.json,"
                + " summary.csv, workloads.csv, summary.md and sweep.csv with sweep.html and charts/ (estimates.csv for"
                + " non-sweeps)."},
        footer = {"", "Example (the shards of the examples of vsched sweep --help):",
            "  vsched merge --out all/ shard1/ shard2/"})
final class MergeCommand extends CommandBase {

    @Parameters(paramLabel = "INPUT", arity = "1..*", description = "Output folders of the shards (or their"
            + " result.json files).")
    List<Path> inputs = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "Where the merged files go.")
    Path out;

    @Option(names = "--partial", description = "Merge even if some shards are missing.")
    boolean partial;

    @Override
    public Integer call() {
        Session s = session();
        List<ResultSet> sets = new ArrayList<>();
        long runCount = 0;
        long vcpuResults = 0;
        for (Path in : inputs) {
            ResultSet set = ResultJson.read(Files.isDirectory(in) ? in.resolve("result.json") : in);
            sets.add(set);
            // a merge keeps every run in memory, as the sweep that made them did: the same limits, checked
            // as the inputs are read
            runCount += set.runs().size();
            for (RunRecord run : set.runs()) {
                vcpuResults += run.vcpus().size();
            }
            Experiments.checkRuns(runCount, "merge " + in, "the runs of the inputs up to this one");
            if (vcpuResults > Experiments.MAX_VCPU_RESULTS) {
                throw new UserInputException("merge " + in + ": the inputs up to this one report on " + vcpuResults
                        + " VCPUs in all; allowed: at most " + Experiments.MAX_VCPU_RESULTS + " per command");
            }
        }
        ResultSet first = sets.get(0);
        List<String> schedulers = new ArrayList<>();
        List<RunRecord> runs = new ArrayList<>();
        Set<Integer> shards = new TreeSet<>();
        Set<List<Object>> seen = new HashSet<>();
        for (int i = 0; i < sets.size(); i++) {
            ResultSet r = sets.get(i);
            String where = inputs.get(i).toString();
            checkCompatible(where, first, r, shards);
            for (String l : r.schedulers()) {
                if (!schedulers.contains(l)) {
                    schedulers.add(l);
                }
            }
            for (RunRecord run : r.runs()) {
                if (!seen.add(List.of(run.scenario(), run.scheduler(), run.params(), run.seed()))) {
                    throw new UserInputException(where + ": the run of " + run.scheduler() + ", seed " + run.seed()
                            + (run.params().isEmpty() ? "" : ", " + run.params()) + " is also in another input");
                }
                runs.add(run);
            }
        }

        SweepInfo sweep = first.sweep() == null ? null : sweepOf(s, first, shards, schedulers, runs);
        ResultSet merged = new ResultSet(first.scenario(), first.seed(), first.durationNs(), first.platform(),
                schedulers, first.seeds(), first.focus(), first.confidence(), first.periodNs(), first.waitThresholdNs(),
                sweep, runs);
        OutputDir dir = OutputDir.prepare(out);
        ConsoleReport tables = sweep != null ? ConsoleReport.sweep(merged) : ConsoleReport.compare(merged, null);
        List<Path> files = new ArrayList<>(Experiments.writeResults(dir, merged, tables));
        if (sweep != null) {
            files.addAll(Experiments.writeSweepChart(dir, merged, s.commandLine()));
        }
        s.out().print(tables.text());
        s.out().flush();
        Experiments.listWritten(s, dir, files);
        return Main.OK;
    }

    /** Input {@code r} must come from the same scenario and settings as the first; a sweep shard only once. */
    private void checkCompatible(String where, ResultSet first, ResultSet r, Set<Integer> shards) {
        same(where, "scenario", first.scenario(), r.scenario());
        same(where, "seeds", first.seeds(), r.seeds());
        same(where, "durationNs", first.durationNs(), r.durationNs());
        same(where, "focus", first.focus(), r.focus());
        same(where, "periodNs", first.periodNs(), r.periodNs());
        same(where, "waitThresholdNs", first.waitThresholdNs(), r.waitThresholdNs());
        if ((first.sweep() == null) != (r.sweep() == null)) {
            throw new UserInputException(where + ": " + (r.sweep() == null ? "is not" : "is") + " a sweep, but "
                    + inputs.get(0) + " " + (first.sweep() == null ? "is not" : "is"));
        }
        if (r.sweep() != null) {
            same(where, "sweep grid (--param options)", first.sweep().params(), r.sweep().params());
            same(where, "number of grid points", first.sweep().points(), r.sweep().points());
            same(where, "number of shards", first.sweep().shards(), r.sweep().shards());
            if (!java.util.Objects.equals(first.sweep().scenario(), r.sweep().scenario())) {
                throw new UserInputException(where + ": is a shard of a sweep of another scenario than "
                        + inputs.get(0) + " (scenario digest " + r.sweep().scenario() + ", not "
                        + first.sweep().scenario() + "): the scenario file, an option such as --set, --duration,"
                        + " --seed or --scheduler, or a file it names differs; only shards of one sweep command can"
                        + " be merged");
            }
            if (!java.util.Objects.equals(first.sweep().build(), r.sweep().build())) {
                throw new UserInputException(where + ": was made by another build of vsched than " + inputs.get(0)
                        + " (" + r.sweep().build() + ", not " + first.sweep().build() + "); its runs may differ: run"
                        + " every shard with the same vsched");
            }
            if (!shards.add(r.sweep().shard())) {
                throw new UserInputException(where + ": shard " + r.sweep().shard() + "/" + r.sweep().shards()
                        + " is given twice");
            }
        }
    }

    /**
     * The merged sweep: every shard present (or {@code --partial}, with a warning), the runs put
     * back in grid order, then scheduler, then seed.
     */
    private SweepInfo sweepOf(Session s, ResultSet first, Set<Integer> shards, List<String> schedulers,
                              List<RunRecord> runs) {
        int n = first.sweep().shards();
        List<Integer> missing = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            if (!shards.contains(i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            String m = "missing shard" + (missing.size() == 1 ? " " : "s ") + missing + " of " + n;
            if (!partial) {
                throw new UserInputException(m + "; pass them all, or --partial to merge what is there");
            }
            s.warn(m);
        }
        List<SweepParam> axes = new ArrayList<>();
        for (String p : first.sweep().params()) {
            axes.add(SweepParam.parse(p));
        }
        SweepGrid grid = new SweepGrid(axes);
        runs.sort(Comparator.<RunRecord>comparingInt(r -> grid.indexOf(r.params()))
                .thenComparingInt(r -> schedulers.indexOf(r.scheduler())).thenComparingLong(RunRecord::seed));
        return new SweepInfo(first.sweep().params(), first.sweep().points(), 1, 1, first.sweep().scenario(),
                first.sweep().build());
    }

    private static void same(String where, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new UserInputException(where + ": its " + what + " (" + actual + ") does not match the first input's ("
                    + expected + "); only outputs of the same scenario and settings can be merged");
        }
    }
}
