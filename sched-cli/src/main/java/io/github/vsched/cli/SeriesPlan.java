package io.github.vsched.cli;

import io.github.vsched.api.Durations;
import io.github.vsched.cli.exec.Job;
import io.github.vsched.cli.exec.ProgressBar;
import io.github.vsched.cli.exec.RunOutput;
import io.github.vsched.cli.exec.Runner;
import io.github.vsched.cli.exec.SeriesWindow;
import io.github.vsched.cli.report.Numbers;
import io.github.vsched.cli.result.Aggregate;
import io.github.vsched.cli.result.ResultSet;
import io.github.vsched.cli.result.RunRecord;
import io.github.vsched.cli.result.TimeSeries;
import io.github.vsched.cli.result.VcpuRecord;
import io.github.vsched.scenario.Problem;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which window the time series of the VCPUs of interest covers, and which runs keep it: the
 * first seed of each configuration (scheduler, and scenario when several are compared), all in
 * the same window so that their panels share one time axis.
 *
 * <p>The window is {@code --series-window} when given; else the whole run when no run is longer
 * than {@link #WHOLE_RUN_UP_TO}; else {@link #AROUND} around the first late or dropped frame
 * (or audio underrun) of those runs, which is known only once they have run. Then those runs are
 * run a second time keeping that window: runs are deterministic, so it is the same run (the
 * event hashes are checked), and memory stays bounded however long the runs are.
 */
final class SeriesPlan {
    /** Runs up to this long keep their whole time series. */
    static final long WHOLE_RUN_UP_TO = 10 * Durations.S;
    /** The default window of longer runs, around their first stutter. */
    static final long AROUND = 4 * Durations.S;

    private SeriesWindow window;
    private String chosen;

    private SeriesPlan(SeriesWindow window, String chosen) {
        this.window = window;
        this.chosen = chosen;
    }

    /**
     * The plan for runs of at most {@code longestNs} (and at least {@code shortestNs}).
     *
     * @param option {@code --series-window} as given, or null
     * @throws UserInputException if the option is malformed or starts after the runs end
     */
    static SeriesPlan of(String option, long shortestNs, long longestNs) {
        if (option != null) {
            SeriesWindow w = parse(option, shortestNs);
            return new SeriesPlan(w, "--series-window " + option.strip());
        }
        if (longestNs <= WHOLE_RUN_UP_TO) {
            return new SeriesPlan(SeriesWindow.whole(longestNs), "the whole run");
        }
        return new SeriesPlan(null, null);
    }

    /** {@code all}, {@code START..END} or {@code START+LENGTH}, starting before {@code durationNs}. */
    static SeriesWindow parse(String option, long durationNs) {
        String text = option.strip();
        String allowed = "allowed: START..END or START+LENGTH with units, e.g. 3s..6s or 3s+3s, or all";
        if (text.equalsIgnoreCase("all")) {
            return SeriesWindow.whole(durationNs);
        }
        int dots = text.indexOf("..");
        int plus = text.indexOf('+', 1);
        if (dots < 0 && plus < 0) {
            throw new UserInputException("--series-window " + Problem.quote(option) + ": " + allowed);
        }
        long from;
        long to;
        try {
            if (dots >= 0) {
                from = Durations.parse(text.substring(0, dots), 0);
                to = Durations.parse(text.substring(dots + 2), 0);
            } else {
                from = Durations.parse(text.substring(0, plus), 0);
                to = Math.addExact(from, Durations.parse(text.substring(plus + 1), 0));
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new UserInputException("--series-window " + Problem.quote(option) + ": " + e.getMessage() + "; "
                    + allowed);
        }
        if (to <= from) {
            throw new UserInputException("--series-window " + Problem.quote(option) + ": the end is not after the start; "
                    + allowed);
        }
        if (from >= durationNs) {
            throw new UserInputException("--series-window " + Problem.quote(option) + ": starts at or after the end of"
                    + " the run (" + Durations.format(durationNs) + "); allowed: a start before it");
        }
        return new SeriesWindow(from, to);
    }

    /** The window a panel's run keeps in the first pass, or null when it is chosen after the runs. */
    SeriesWindow firstPass() {
        return window;
    }

    /**
     * The outputs with the panels' time series: as they are when the window was known before
     * the runs; else the window is chosen from the runs of the first seed and those are run again
     * keeping it.
     *
     * @param firstSeed the seed of the panels' runs
     * @param shortestNs the shortest run's simulated time
     */
    List<RunOutput> complete(List<RunOutput> outputs, long firstSeed, long shortestNs, Runner runner,
                             boolean progress, Session s) {
        if (window != null) {
            return outputs;
        }
        List<Integer> panels = new ArrayList<>();
        long first = Long.MAX_VALUE;
        String firstOf = null;
        for (int i = 0; i < outputs.size(); i++) {
            RunOutput o = outputs.get(i);
            if (o.job().seed() != firstSeed) {
                continue;
            }
            panels.add(i);
            for (VcpuRecord v : o.record().vcpus()) {
                long t = v.stutter().firstStutterNs();
                if (t >= 0 && t < first) {
                    first = t;
                    firstOf = o.record().scheduler() + (outputs.get(0).record().scenario().equals(o.record().scenario())
                            ? "" : " in " + o.record().scenario()) + ", " + v.name();
                }
            }
        }
        long length = Math.min(AROUND, shortestNs);
        long centre = first == Long.MAX_VALUE ? shortestNs / 2 : first;
        long from = Math.max(0, Math.min(centre - length / 2, shortestNs - length));
        window = new SeriesWindow(from, from + length);
        chosen = first == Long.MAX_VALUE ? Numbers.duration(length) + " in the middle of the run: no frame was late"
                : Numbers.duration(length) + " around the first late or dropped frame or underrun (" + firstOf + ", at "
                + Numbers.duration(first) + ")";
        List<Job> again = new ArrayList<>();
        long total = 0;
        for (int i : panels) {
            again.add(outputs.get(i).job().withSeries(window));
            total += outputs.get(i).job().scenario().durationNs();
        }
        List<RunOutput> second;
        try (ProgressBar pb = ProgressBar.create(progress, s.errStream(), "time series", total, again.size())) {
            second = runner.run(again, pb);
        }
        List<RunOutput> out = new ArrayList<>(outputs);
        for (int k = 0; k < panels.size(); k++) {
            int i = panels.get(k);
            RunOutput o = outputs.get(i);
            RunOutput r = second.get(k);
            if (r.record().eventHash() != o.record().eventHash()) {
                throw new IllegalStateException("the second run of " + o.job().describe() + " differs from the first"
                        + " (event hash " + Long.toHexString(r.record().eventHash()) + " against "
                        + Long.toHexString(o.record().eventHash()) + "): a run is not deterministic");
            }
            out.set(i, new RunOutput(o.job(), o.record(), o.histograms(), o.timeline(), r.series(), o.trace(),
                    o.wallNs()));
        }
        return out;
    }

    /** The panels: for each configuration of {@code set}, the series its first seed kept (none if it kept none). */
    TimeSeries series(ResultSet set, List<RunOutput> outputs) {
        if (window == null) {
            return TimeSeries.none();
        }
        Map<RunRecord, RunOutput> byRecord = new IdentityHashMap<>();
        for (RunOutput o : outputs) {
            byRecord.put(o.record(), o);
        }
        List<TimeSeries.Panel> panels = new ArrayList<>();
        long to = window.fromNs();
        for (Aggregate.Group g : Aggregate.groups(set.runs())) {
            RunRecord r = g.runs().get(0);
            RunOutput o = byRecord.get(r);
            if (o == null || o.series() == null) {
                continue;
            }
            Map<String, TimeSeries.Track> tracks = new LinkedHashMap<>();
            for (String v : o.series().vcpus()) {
                tracks.put(v, TimeSeries.Track.of(o.series(), v));
            }
            to = Math.max(to, Math.min(window.toNs(), r.durationNs()));
            panels.add(new TimeSeries.Panel(g.label(set.severalScenarios()), r.scenario(), r.scheduler(), r.seed(),
                    r.durationNs(), tracks));
        }
        return panels.isEmpty() ? TimeSeries.none() : new TimeSeries(window.fromNs(), to, set.periodNs(), chosen, panels);
    }
}
