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
    /** The statistics, in the order {@code result.json} and the estimates list them. */
    public enum Stat {
        /** Median. */
        P50("p50"),
        /** 90th percentile. */
        P90("p90"),
        /** 99th percentile. */
        P99("p99"),
        /** Largest sample. */
        MAX("max"),
        /** Mean. */
        MEAN("mean"),
        /** Number of samples. */
        COUNT("count");

        private final String key;

        Stat(String key) {
            this.key = key;
        }

        /** The statistic's name in files ({@code p99}). */
        public String key() {
            return key;
        }

        /** This statistic of {@code d}. */
        public double of(Distribution d) {
            return switch (this) {
                case P50 -> d.p50();
                case P90 -> d.p90();
                case P99 -> d.p99();
                case MAX -> d.max();
                case MEAN -> d.mean();
                case COUNT -> d.count();
            };
        }
    }

    /** Converts an engine summary (nanoseconds). */
    public static Distribution of(LatencySummary s) {
        return new Distribution(s.count(), s.mean() / 1e3, s.p50() / 1e3, s.p90() / 1e3, s.p99() / 1e3,
                s.max() / 1e3);
    }
}
