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
import java.util.List;
import java.util.Map;

/** {@code vsched run}: one simulation, a summary table, and files with {@code --out}. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Run one simulation and print a table per VCPU.",
            "Prints CPU share, wake latency, dispatch interval and run length per VCPU, the stutter of the video"
                + " and audio players with their dispatch intervals over time, and the workloads' quality metrics."
                + " With --out, also writes result.json, summary.csv, workloads.csv, estimates.csv, intervals.csv,"
                + " quality-events.csv, summary.md (the tables in Markdown) and report.html with its charts as SVG"
                + " files in charts/."},
        footer = {"", "Example:", "  vsched run scenarios/audio-vs-hog.yaml --seed 7 --set domain.hog.weight=512 --duration 2s --out out/"})
final class RunCommand extends CommandBase {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A scenario file, or builtin:NAME (see 'vsched"
            + " list scenarios').")
    String scenario;

    @Option(names = {"-s", "--scheduler"}, paramLabel = "ID[PARAMS]", description = "Run under this scheduler instead"
            + " of the scenario's: an id, optionally with parameters, e.g. " + HelpExamples.SCHEDULER + ".")
    String scheduler;

    @Mixin
    ScenarioOptions scenarioOptions;

    @Mixin
    SeriesOptions seriesOptions;

    @Mixin
    OutputOptions outputOptions;

    @Option(names = "--progress", negatable = true, description = "Show a progress bar on standard error (default:"
            + " only when it is a terminal).")
    Boolean progress;

    @Override
    public Integer call() {
        Session s = session();
        ScenarioDocument doc = scenarioOptions.load(scenario, s);
        List<SchedulerChoice> choices = scheduler == null ? List.of() : List.of(SchedulerChoice.parse(scheduler,
                "--scheduler"));
        ResolvedScenario r = Experiments.resolveAll(s, doc, choices).get(0);
        long duration = r.scenario().durationNs();
        SeriesPlan plan = SeriesPlan.of(seriesOptions.window(), duration, duration);
        OutputDir prepared = outputOptions.prepare();
        // every file held until all are written, then moved into place together
        OutputDir out = prepared == null ? null : prepared.held();
        try {
            Job job = new Job(r, r.scenario(), Map.of(), out != null, out != null, outputOptions.trace(),
                    plan.firstPass());
            boolean bar = progress != null ? progress : ProgressBar.stderrIsTerminal();
            Runner runner = new Runner(s.factory(), Experiments.runsAtOnce(s, 1, List.of(job)), out, s.stop());
            RunOutput o;
            try {
                try (ProgressBar pb = ProgressBar.create(bar, s.errStream(), "run", duration, 1)) {
                    o = runner.run(List.of(job), pb).get(0);
                }
                o = plan.complete(List.of(o), r.scenario().seed(), duration, runner, bar, s).get(0);
            } catch (CommandInterruptedException e) {
                throw Experiments.noFileWritten(new CommandInterruptedException("the run was stopped before it"
                        + " completed", 0, 1), out != null);
            }
            ResultSet set = Experiments.resultSet(r, List.of(r.label()), List.of(r.scenario().seed()), 0.95, null,
                    List.of(o));
            TimeSeries series = plan.series(set, List.of(o));
            ConsoleReport tables = ConsoleReport.run(set, o.record(), o.wallNs(), series);
            s.out().print(tables.text());
            s.out().flush();
            if (out != null) {
                List<Path> files = new ArrayList<>(Experiments.writeResults(out, set, tables));
                files.addAll(Experiments.writeSeries(out, series));
                files.addAll(Experiments.writeReport(out, set, List.of(r), List.of(o), series, s.commandLine()));
                if (o.trace() != null) {
                    files.add(o.trace());
                }
                Experiments.publish(s, out, 1);
                Experiments.listWritten(s, out, files);
            }
            return Main.OK;
        } finally {
            if (out != null) {
                out.discard();
            }
        }
    }
}
