package io.github.vsched.cli.report;

import io.github.vsched.cli.result.Metric;
import io.github.vsched.cli.stats.Estimate;

import java.util.Locale;

/** How numbers are shown to people: about three significant digits, intervals as {@code mean ± half}. */
public final class Numbers {
    private Numbers() {
    }

    /** About three significant digits, no exponent for everyday magnitudes. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (v == Math.rint(v) && a < 1e7) {
            return Long.toString((long) v);
        }
        if (a >= 1e7 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** A whole number with thousands separators. */
    public static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** {@code mean ± halfWidth}, or just the mean without an interval. */
    public static String estimate(Estimate e) {
        if (e.n() == 0) {
            return "n/a";
        }
        return e.hasInterval() ? format(e.mean()) + " ± " + format(e.halfWidth()) : format(e.mean());
    }

    /** A share (0..1) as a percentage estimate. */
    public static String percent(Estimate e) {
        return estimate(new Estimate(e.n(), e.mean() * 100, e.sd() * 100, e.halfWidth() * 100, e.confidence()));
    }

    /** One run's value of a metric: a share as a percentage, a count with separators, else the number. */
    public static String value(Metric m, double v) {
        return switch (m.kind()) {
            case SHARE -> format(v * 100);
            case COUNT -> count((long) v);
            case DURATION -> format(v);
        };
    }

    /** A metric's estimate across seeds (a share as a percentage); empty when no run recorded it. */
    public static String estimate(Metric m, Estimate e) {
        if (e == null) {
            return "";
        }
        return m.kind() == Metric.Kind.SHARE ? percent(e) : estimate(e);
    }

    /** Nanoseconds in the largest unit that reads well ({@code 2.3 ms}). */
    public static String duration(long ns) {
        if (ns >= 1_000_000_000L) {
            return format(ns / 1e9) + " s";
        }
        if (ns >= 1_000_000L) {
            return format(ns / 1e6) + " ms";
        }
        if (ns >= 1_000L) {
            return format(ns / 1e3) + " us";
        }
        return ns + " ns";
    }
}
