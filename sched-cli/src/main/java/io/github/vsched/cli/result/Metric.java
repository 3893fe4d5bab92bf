package io.github.vsched.cli.result;

import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * One per-VCPU metric: its name, what it measures, how it is read from a {@link VcpuRecord},
 * how it combines across seeds, and where it is shown. Every metric is declared once, in
 * {@link Metrics}; the tables, reports, charts and CSV files loop over that catalogue.
 *
 * @param name        the name in {@code estimates.csv} and {@code sweep.csv} ({@code cpuShare},
 *                    {@code wakeLatencyUs.p99})
 * @param kind        what it measures, which says how it is shown
 * @param unit        unit of its values: {@code 1} for shares, empty for counts, {@code ns},
 *                    {@code us} or {@code ms} for durations, {@code 1/s} for rates
 * @param aggregation how it combines across seeds
 * @param value       reads it from a record
 * @param recorded    whether a record has it; a run without it counts as zero across seeds
 * @param column      its column in {@code summary.csv}, or null
 * @param label       its heading in tables, without the unit ({@code CPU %}, {@code wake p99})
 * @param chartTitle  the title of its chart in {@code sweep.html}, or null
 * @param rank        its place among the columns of the comparison tables and the sweep charts
 *                    (lower first); the run table keeps the catalogue's order
 * @param needsPeriod shown only when the scenario names a period ({@code report.period})
 * @param countedBy   for a statistic of a distribution, the metric that counts its samples
 *                    ({@code dispatchIntervalUs.count}): without samples the statistic is not shown
 *                    as a number; null for the others
 * @param views       the tables and charts that show it
 */
public record Metric(String name, Kind kind, String unit, Aggregation aggregation, ToDoubleFunction<VcpuRecord> value,
                     Predicate<VcpuRecord> recorded, String column, String label, String chartTitle, int rank,
                     boolean needsPeriod, String countedBy, Set<View> views) {

    /** What a metric measures. */
    public enum Kind {
        /** A share between 0 and 1, shown as a percentage. */
        SHARE,
        /** A whole number of things. */
        COUNT,
        /** A duration in the metric's unit. */
        DURATION,
        /** Things per second of simulated time. */
        RATE
    }

    /** How a metric combines across the seeds of a scheduler (and sweep point). */
    public enum Aggregation {
        /** The mean with its confidence interval (Student's t); a run that did not record it counts as zero. */
        MEAN,
        /** Not combined: reported per run only ({@code summary.csv}, {@code result.json}). */
        NONE
    }

    /** The tables and charts that show a selection of the metrics. */
    public enum View {
        /** The table of {@code vsched run}: one run, a row per VCPU, in the catalogue's order. */
        RUN_TABLE(false),
        /** The table of {@code vsched compare}: a row per scheduler and VCPU of interest. */
        COMPARE_TABLE(true),
        /** The table of {@code vsched sweep}: a row per sweep point and VCPU of interest. */
        SWEEP_TABLE(true),
        /** The summary table of {@code report.html}. */
        REPORT_TABLE(true),
        /** The charts of {@code sweep.html}, one per metric and VCPU of interest. */
        SWEEP_CHARTS(true),
        /**
         * The stutter table of {@code vsched run} and {@code compare}: a row per video or audio
         * player and metric, a column per scheduler (and scenario).
         */
        STUTTER_TABLE(false);

        private final boolean ranked;

        View(boolean ranked) {
            this.ranked = ranked;
        }

        /** Whether the view orders its metrics by {@link Metric#rank()} (else in the catalogue's order). */
        public boolean ranked() {
            return ranked;
        }
    }

    /** Copies the views. */
    public Metric {
        views = Set.copyOf(views);
    }

    /** The metric's value in {@code r}. */
    public double of(VcpuRecord r) {
        return value.applyAsDouble(r);
    }

    /** Whether {@code view} shows the metric. */
    public boolean in(View view) {
        return views.contains(view);
    }

    /**
     * Whether its values cannot be negative: shares, counts, durations and rates cannot. A chart
     * draws the confidence interval of such a metric cut at zero; tables keep the interval.
     */
    public boolean nonNegative() {
        return switch (kind) {
            case SHARE, COUNT, DURATION, RATE -> true;
        };
    }

    /** Whether its values are whole numbers (counts, nanoseconds). */
    public boolean integral() {
        return kind == Kind.COUNT || "ns".equals(unit);
    }

    /** The heading in text tables: the label, and the unit of a duration ({@code wake p99 us}). */
    public String heading() {
        return kind == Kind.DURATION ? label + " " + unit : label;
    }
}
