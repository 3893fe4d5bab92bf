package io.github.vsched.core;

import org.HdrHistogram.AbstractHistogram;

/**
 * Summary of a distribution of durations, in nanoseconds (3 significant digits).
 *
 * @param count number of samples
 * @param mean  mean
 * @param p50   median
 * @param p90   90th percentile
 * @param p99   99th percentile
 * @param max   largest sample
 */
public record LatencySummary(long count, double mean, long p50, long p90, long p99, long max) {

    /** Summarises a histogram. */
    public static LatencySummary of(AbstractHistogram h) {
        if (h.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(h.getTotalCount(), h.getMean(), h.getValueAtPercentile(50),
                h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getMaxValue());
    }
}
