package io.github.vsched.cli.exec;

import io.github.vsched.cli.output.FileNames;
import io.github.vsched.cli.trace.TraceFormat;
import io.github.vsched.core.Scenario;
import io.github.vsched.scenario.ResolvedScenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One simulation to run.
 *
 * @param resolved        the checked scenario it comes from (scheduler label, focus, window)
 * @param scenario        the core scenario with this job's seed
 * @param point           the sweep point's values by key (empty outside sweeps)
 * @param keepHistograms  whether to keep the focus VCPUs' full distributions (for charts)
 * @param captureTimeline whether to record the report's timeline window
 * @param trace           the trace to write, or null
 * @param series          the window of the focus VCPUs' time series to keep, or null for none
 */
public record Job(ResolvedScenario resolved, Scenario scenario, Map<String, String> point, boolean keepHistograms,
                  boolean captureTimeline, TraceFormat trace, SeriesWindow series) {

    /** Copies the point. */
    public Job {
        point = Collections.unmodifiableMap(new LinkedHashMap<>(point));
    }

    /** A job that keeps no time series. */
    public Job(ResolvedScenario resolved, Scenario scenario, Map<String, String> point, boolean keepHistograms,
               boolean captureTimeline, TraceFormat trace) {
        this(resolved, scenario, point, keepHistograms, captureTimeline, trace, null);
    }

    /** The same run, keeping the time series of {@code window} (and nothing it kept before besides its record). */
    public Job withSeries(SeriesWindow window) {
        return new Job(resolved, scenario, point, false, false, null, window);
    }

    /** The seed. */
    public long seed() {
        return scenario.seed();
    }

    /** How messages name this run: scheduler, seed and point. */
    public String describe() {
        return "scheduler " + resolved.label() + ", seed " + seed() + (point.isEmpty() ? "" : ", " + point);
    }

    /**
     * A file-name-safe name ({@link FileNames#safe}, as chart files): {@code credit-seed3},
     * {@code round-robin-slice-1ms-seed3}, plus the point's values in sweeps.
     */
    public String fileStem() {
        StringBuilder sb = new StringBuilder(resolved.label());
        point.forEach((k, v) -> sb.append('-').append(k).append('=').append(v));
        sb.append("-seed").append(seed());
        return FileNames.safe(sb.toString(), "run");
    }
}
