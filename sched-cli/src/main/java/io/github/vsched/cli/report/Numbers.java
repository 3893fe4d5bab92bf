package io.github.vsched.cli.report;

import io.github.vsched.cli.result.Metric;
import io.github.vsched.cli.stats.Estimate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How numbers are shown to people: about three significant digits in plain decimal notation
 * (never an exponent, so a column of numbers reads one way), intervals as {@code mean ± half}.
 */
public final class Numbers {
    private Numbers() {
    }

    /** Shown where a distribution had no samples, instead of a statistic of nothing. */
    public static final String NO_SAMPLES = "–";

    /** About three significant digits, in decimal notation: {@code 2302}, {@code 60.0}, {@code 0.351}, {@code 0.0000300}. */
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
        if (a < 1e-3) {
            // three significant digits without an exponent; below 1e-12 nothing shows
            int decimals = (int) Math.min(12, 2 - Math.floor(Math.log10(a)));
            String s = fixed(v, decimals);
            return s.matches("-?0\\.0*") ? "0" : s;
        }
        if (a >= 100) {
            return fixed(v, 0);
        }
        if (a >= 10) {
            return fixed(v, 1);
        }
        if (a >= 1) {
            return fixed(v, 2);
        }
        return fixed(v, 3);
    }

    /**
     * {@code v} with {@code decimals} digits after the point, exactly as
     * {@code String.format(Locale.ROOT, "%.<decimals>f", v)} writes it (the shortest decimal
     * form of the double, rounded half up; a negative value that rounds to zero keeps its
     * sign), without parsing a format string each time: the report writes many numbers.
     */
    public static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return v > 0 ? "Infinity" : v < 0 ? "-Infinity" : "NaN";
        }
        String s = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        return negative && s.charAt(0) != '-' ? "-" + s : s;
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
            case DURATION, RATE -> format(v);
        };
    }

    /** A metric's estimate across seeds (a share as a percentage); empty when no run recorded it. */
    public static String estimate(Metric m, Estimate e) {
        if (e == null) {
            return "";
        }
        return m.kind() == Metric.Kind.SHARE ? percent(e) : estimate(e);
    }

    /**
     * A metric's estimate in a row of estimates by name: {@link #NO_SAMPLES} for a statistic of a
     * distribution that had no samples in any run, else {@link #estimate(Metric, Estimate)}.
     */
    public static String estimate(Metric m, java.util.Map<String, Estimate> row) {
        if (m.countedBy() != null) {
            Estimate n = row.get(m.countedBy());
            if (n != null && n.n() > 0 && n.mean() == 0) {
                return NO_SAMPLES;
            }
        }
        return estimate(m, row.get(m.name()));
    }

    /**
     * One run's value of a metric of {@code v}: {@link #NO_SAMPLES} for a statistic of a
     * distribution without samples, else {@link #value(Metric, double)}.
     */
    public static String value(Metric m, io.github.vsched.cli.result.VcpuRecord v) {
        if (m.countedBy() != null) {
            for (Metric c : io.github.vsched.cli.result.Metrics.VCPU) {
                if (c.name().equals(m.countedBy()) && c.of(v) == 0) {
                    return NO_SAMPLES;
                }
            }
        }
        return value(m, m.of(v));
    }

    /**
     * A point in simulated time: whole tenths of a second in seconds ({@code 0 s}, {@code 3 s},
     * {@code 0.1 s}), anything else as a {@link #duration} ({@code 55 ms}).
     */
    public static String instant(long ns) {
        return ns % 100_000_000 == 0 ? Axis.label(ns / 1e9) + " s" : duration(ns);
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
