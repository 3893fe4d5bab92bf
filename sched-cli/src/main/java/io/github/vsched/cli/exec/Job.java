package io.github.vsched.cli.exec;

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
 */
public record Job(ResolvedScenario resolved, Scenario scenario, Map<String, String> point, boolean keepHistograms,
                  boolean captureTimeline, TraceFormat trace) {

    /** Copies the point. */
    public Job {
        point = Collections.unmodifiableMap(new LinkedHashMap<>(point));
    }

    /** The seed. */
    public long seed() {
        return scenario.seed();
    }

    /** How messages name this run: scheduler, seed and point. */
    public String describe() {
        return "scheduler " + resolved.label() + ", seed " + seed() + (point.isEmpty() ? "" : ", " + point);
    }

    /** A file-name-safe name: {@code credit-seed3} (plus the point's values in sweeps). */
    public String fileStem() {
        StringBuilder sb = new StringBuilder(resolved.label());
        point.forEach((k, v) -> sb.append('-').append(k).append('=').append(v));
        sb.append("-seed").append(seed());
        return sb.toString().replaceAll("[^A-Za-z0-9._=-]+", "_");
    }
}
