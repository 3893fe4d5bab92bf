package io.github.vsched.cli.result;

import io.github.vsched.core.VcpuStats;
import org.HdrHistogram.AbstractHistogram;

import java.util.function.Function;

/**
 * A per-VCPU distribution of durations: the {@link Distribution} summary kept in each
 * {@link VcpuRecord} (whose statistics are each a {@link Metric} of the catalogue), and the
 * histogram the report draws.
 *
 * @param name        the name in files ({@code wakeLatencyUs}); its statistics are {@code NAME.p99} ...
 * @param title       what it is, in words ({@code wake latency})
 * @param description how it is measured ({@code from wake-up to dispatch})
 * @param shortLabel  the start of its table headings ({@code wake} as in {@code wake p99})
 * @param column      the start of its {@code summary.csv} columns ({@code wake_latency} as in
 *                    {@code wake_latency_p99_us})
 * @param summary     reads its summary from a record
 * @param histogram   reads its histogram (nanoseconds) from the engine's statistics
 * @param rank        its place in the report and in the comparison tables (lower first)
 */
public record DistributionMetric(String name, String title, String description, String shortLabel, String column,
                                 Function<VcpuRecord, Distribution> summary,
                                 Function<VcpuStats.Histograms, AbstractHistogram> histogram, int rank) {

    /** The title with a capital letter, for headings. */
    public String heading() {
        return Character.toUpperCase(title.charAt(0)) + title.substring(1);
    }
}
