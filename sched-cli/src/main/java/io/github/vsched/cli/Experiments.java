package io.github.vsched.cli;

import io.github.vsched.cli.exec.RunOutput;
import io.github.vsched.cli.output.OutputDir;
import io.github.vsched.cli.output.ResultCsv;
import io.github.vsched.cli.output.ResultJson;
import io.github.vsched.cli.report.HtmlReport;
import io.github.vsched.cli.report.SweepReport;
import io.github.vsched.cli.report.TimelineCapture;
import io.github.vsched.cli.result.ResultSet;
import io.github.vsched.cli.result.RunRecord;
import io.github.vsched.cli.result.SweepInfo;
import io.github.vsched.cli.scenario.Problem;
import io.github.vsched.cli.scenario.ResolvedScenario;
import io.github.vsched.cli.scenario.ScenarioDocument;
import io.github.vsched.cli.scenario.ScenarioException;
import io.github.vsched.cli.scenario.SchedulerChoice;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.VcpuStats;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Steps the commands share: resolving a scenario under several schedulers, and writing results. */
final class Experiments {
    private Experiments() {
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
        List<RunRecord> runs = new ArrayList<>();
        for (RunOutput o : outputs) {
            runs.add(o.record());
        }
        return new ResultSet(first.scenario().name(), seeds.get(0), first.scenario().durationNs(),
                first.scenario().platform().id(), labels, seeds, first.focus(), confidence, sweep, runs);
    }

    /** Writes result.json, summary.csv and workloads.csv; then estimates.csv or, for sweeps, sweep.csv. */
    static List<Path> writeResults(OutputDir out, ResultSet set) {
        List<Path> written = new ArrayList<>();
        written.add(out.write("result.json", w -> ResultJson.write(set, w)));
        written.add(out.write("summary.csv", w -> ResultCsv.summary(set, w)));
        written.add(out.write("workloads.csv", w -> ResultCsv.workloads(set, w)));
        written.add(out.write(set.sweep() != null ? "sweep.csv" : "estimates.csv", w -> ResultCsv.estimates(set, w)));
        return written;
    }

    /** Writes report.html from the runs' timelines and distributions. */
    static Path writeReport(OutputDir out, ResultSet set, ResolvedScenario first, List<RunOutput> outputs,
                            String command) {
        List<String> domains = new ArrayList<>();
        for (DomainSpec d : first.scenario().domains()) {
            domains.add(d.name());
        }
        Map<String, TimelineCapture> timelines = new LinkedHashMap<>();
        Map<String, Map<String, AbstractHistogram[]>> histograms = new LinkedHashMap<>();
        for (RunOutput o : outputs) {
            String label = o.record().scheduler();
            if (o.timeline() != null) {
                timelines.putIfAbsent(label, o.timeline());
            }
            for (Map.Entry<String, VcpuStats.Histograms> e : o.histograms().entrySet()) {
                AbstractHistogram[] merged = histograms.computeIfAbsent(label, k -> new LinkedHashMap<>())
                        .computeIfAbsent(e.getKey(), k -> new AbstractHistogram[]{empty(), empty(), empty()});
                merged[0].add(e.getValue().wakeLatency());
                merged[1].add(e.getValue().dispatchInterval());
                merged[2].add(e.getValue().runLength());
            }
        }
        String html = HtmlReport.render(new HtmlReport.Data(set, domains, first.pcpus(), timelines, histograms,
                command));
        return out.writeString("report.html", html);
    }

    /** Writes sweep.html. */
    static Path writeSweepChart(OutputDir out, ResultSet set, String command) {
        return out.writeString("sweep.html", SweepReport.render(set, command));
    }

    private static AbstractHistogram empty() {
        Histogram h = new Histogram(2);
        h.setAutoResize(true);
        return h;
    }

    /** Tells where the files went. */
    static void listWritten(Session s, OutputDir out, List<Path> files) {
        StringBuilder sb = new StringBuilder("vsched: wrote");
        for (Path p : files) {
            sb.append(' ').append(p.getFileName());
        }
        sb.append(" to ").append(out.path());
        s.err().println(sb);
        s.err().flush();
    }
}
