package io.github.vsched.workload;

import org.HdrHistogram.Histogram;

/**
 * A distribution of durations in nanoseconds, from 0 to one hour with 2 significant digits
 * (HdrHistogram). Fixed memory; recording allocates nothing. Longer samples are clamped.
 */
final class DurationHistogram {
    /** The longest duration told apart (1 h). */
    static final long HIGHEST_NS = 3_600_000_000_000L;

    private final Histogram h = new Histogram(1, HIGHEST_NS, 2);

    /** Records one duration. */
    void record(long ns) {
        h.recordValue(ns < 0 ? 0 : Math.min(ns, HIGHEST_NS));
    }

    /** Number of samples. */
    long count() {
        return h.getTotalCount();
    }

    /** The value at {@code percentile} (0-100) in ns; 0 when empty. */
    long percentile(double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile);
    }

    /** The largest sample in ns (to histogram precision); 0 when empty. */
    long max() {
        return h.getTotalCount() == 0 ? 0 : h.getMaxValue();
    }

    /** The mean in ns; 0 when empty. */
    double mean() {
        return h.getTotalCount() == 0 ? 0 : h.getMean();
    }
}
