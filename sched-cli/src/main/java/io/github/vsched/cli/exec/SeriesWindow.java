package io.github.vsched.cli.exec;

/**
 * The time window of the report's time series ({@code --series-window}): the dispatches of the
 * VCPUs of interest that start in it are kept, with the quality events of their guests.
 *
 * @param fromNs start (ns)
 * @param toNs   end (ns), clamped to each run's end
 */
public record SeriesWindow(long fromNs, long toNs) {
    /** Checks the bounds. */
    public SeriesWindow {
        if (fromNs < 0 || toNs <= fromNs) {
            throw new IllegalArgumentException("series window " + fromNs + " ns to " + toNs
                    + " ns: allowed: 0 <= start < end");
        }
    }

    /** The whole of a run of {@code durationNs}. */
    public static SeriesWindow whole(long durationNs) {
        return new SeriesWindow(0, durationNs);
    }

    /** Its length (ns). */
    public long lengthNs() {
        return toNs - fromNs;
    }
}
