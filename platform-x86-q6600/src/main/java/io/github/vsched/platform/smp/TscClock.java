package io.github.vsched.platform.smp;

import io.github.vsched.api.Durations;

import java.math.RoundingMode;
import java.util.Locale;

/**
 * Converts between simulated nanoseconds and cycles of a platform's time-stamp counter, and
 * formats a duration both ways for reports ({@code 958.333us (2300000 tsc)}).
 *
 * <p>Conversions are exact integer arithmetic rounded to the nearest value (half to even), the
 * rounding {@link Durations#parse} uses for durations written in {@code tsc}. The paper this
 * project starts from quotes a period of 2,300,000 TSC and a run of 60,000 TSC; at the
 * Q6600's 2.4 GHz these are 958,333 ns and 25,000 ns.
 */
public final class TscClock {
    private final long hz;

    private TscClock(long hz) {
        this.hz = hz;
    }

    /**
     * A clock ticking {@code hz} times per second.
     *
     * @throws IllegalArgumentException if {@code hz <= 0}
     */
    public static TscClock of(long hz) {
        if (hz <= 0) {
            throw new IllegalArgumentException("TSC rate must be > 0 Hz, got " + hz);
        }
        return new TscClock(hz);
    }

    /** The TSC rate in Hz. */
    public long hz() {
        return hz;
    }

    /**
     * TSC cycles in {@code ns} nanoseconds, rounded to the nearest cycle.
     *
     * @throws IllegalArgumentException if {@code ns < 0}
     */
    public long toCycles(long ns) {
        return MulDiv.of(ns, hz, Durations.S, RoundingMode.HALF_EVEN);
    }

    /**
     * Nanoseconds in {@code cycles} TSC cycles, rounded to the nearest nanosecond.
     *
     * @throws IllegalArgumentException if {@code cycles < 0}
     */
    public long toNs(long cycles) {
        return MulDiv.of(cycles, Durations.S, hz, RoundingMode.HALF_EVEN);
    }

    /**
     * A duration in the largest unit that keeps it at or above 1, with at most three decimals:
     * {@code 958.333us}, {@code 2.3ms}, {@code 25us}, {@code 0ns}.
     */
    public static String formatNs(long ns) {
        long abs = Math.abs(ns);
        if (abs >= Durations.S) {
            return decimal(ns, Durations.S) + "s";
        }
        if (abs >= Durations.MS) {
            return decimal(ns, Durations.MS) + "ms";
        }
        if (abs >= Durations.US) {
            return decimal(ns, Durations.US) + "us";
        }
        return ns + "ns";
    }

    /** A duration in nanoseconds shown with its TSC cycles: {@code 25us (60000 tsc)}. */
    public String format(long ns) {
        return formatNs(ns) + " (" + toCycles(ns) + " tsc)";
    }

    /** A count of TSC cycles shown with its duration: {@code 2300000 tsc (958.333us)}. */
    public String formatCycles(long cycles) {
        return cycles + " tsc (" + formatNs(toNs(cycles)) + ")";
    }

    private static String decimal(long ns, long unit) {
        String s = String.format(Locale.ROOT, "%.3f", (double) ns / unit);
        // trim trailing zeros of the fraction, then a bare point
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String toString() {
        return "TscClock[" + hz + " Hz]";
    }
}
