package io.github.vsched.cli.result;

import io.github.vsched.core.LatencySummary;

/**
 * Summary of a distribution of durations, in microseconds.
 *
 * @param count number of samples
 * @param mean  mean
 * @param p50   median
 * @param p90   90th percentile
 * @param p99   99th percentile
 * @param max   largest sample
 */
public record Distribution(long count, double mean, double p50, double p90, double p99, double max) {
    /** The statistics, in the order files list them. */
    public static final String[] STATS = {"p50", "p90", "p99", "max", "mean", "count"};

    /** Converts an engine summary (nanoseconds). */
    public static Distribution of(LatencySummary s) {
        return new Distribution(s.count(), s.mean() / 1e3, s.p50() / 1e3, s.p90() / 1e3, s.p99() / 1e3,
                s.max() / 1e3);
    }

    /** One statistic by name ({@link #STATS}). */
    public double get(String stat) {
        return switch (stat) {
            case "p50" -> p50;
            case "p90" -> p90;
            case "p99" -> p99;
            case "max" -> max;
            case "mean" -> mean;
            case "count" -> count;
            default -> throw new IllegalArgumentException("no statistic '" + stat + "'; known: p50, p90, p99, max,"
                    + " mean, count");
        };
    }
}
