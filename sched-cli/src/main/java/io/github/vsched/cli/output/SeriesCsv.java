package io.github.vsched.cli.output;

import io.github.vsched.cli.result.TimeSeries;
import io.github.vsched.core.metrics.DispatchSeries;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's time series as tidy CSV, for people who plot in their own tools: the same runs
 * and window as the panels of {@code report.html} (the first seed of each configuration), so the
 * files stay as small as the window. {@code intervals.csv} has a row per dispatch,
 * {@code quality-events.csv} a row per quality event a guest reported.
 */
public final class SeriesCsv {
    private SeriesCsv() {
    }

    /**
     * {@code intervals.csv}: {@code scenario, scheduler, seed, vcpu, time_ns} (the dispatch),
     * {@code pcpu}, {@code interval_ns} (the dispatch interval it ends: empty unless it follows a
     * wake-up and an earlier dispatch after a wake-up), {@code run_ns} (empty when it was still
     * running at the end of the run).
     */
    public static void intervals(TimeSeries ts, Writer w) throws IOException {
        Csv csv = new Csv(w);
        csv.row(List.of("scenario", "scheduler", "seed", "vcpu", "time_ns", "pcpu", "interval_ns", "run_ns"));
        for (TimeSeries.Panel p : ts.panels()) {
            for (Map.Entry<String, TimeSeries.Track> e : p.vcpus().entrySet()) {
                for (DispatchSeries.Dispatch d : e.getValue().dispatches()) {
                    List<Object> row = new ArrayList<>(List.of(p.scenario(), p.scheduler(), p.seed(), e.getKey(),
                            d.time(), d.pcpu()));
                    row.add(d.intervalNs() == DispatchSeries.NO_INTERVAL ? null : d.intervalNs());
                    row.add(d.runNs() == DispatchSeries.STILL_RUNNING ? null : d.runNs());
                    csv.row(row);
                }
            }
        }
    }

    /**
     * {@code quality-events.csv}: {@code scenario, scheduler, seed, vcpu, time_ns}, {@code event}
     * ({@code frame_on_time}, {@code frame_late}, {@code frame_dropped}, {@code audio_write},
     * {@code audio_underrun}) and {@code value_ns} (the margin, the lateness, how late it was given
     * up, the buffer's level, how long it was empty).
     */
    public static void events(TimeSeries ts, Writer w) throws IOException {
        Csv csv = new Csv(w);
        csv.row(List.of("scenario", "scheduler", "seed", "vcpu", "time_ns", "event", "value_ns"));
        for (TimeSeries.Panel p : ts.panels()) {
            for (Map.Entry<String, TimeSeries.Track> e : p.vcpus().entrySet()) {
                for (DispatchSeries.Event q : e.getValue().events()) {
                    csv.row(List.of(p.scenario(), p.scheduler(), p.seed(), e.getKey(), q.time(),
                            q.event().name().toLowerCase(Locale.ROOT), q.value()));
                }
            }
        }
    }
}
