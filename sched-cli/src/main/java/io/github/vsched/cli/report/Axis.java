package io.github.vsched.cli.report;

import java.util.ArrayList;
import java.util.List;

/** Tick positions for chart axes: 1-2-5 steps on linear axes, decades on log axes. */
final class Axis {
    private Axis() {
    }

    /** About {@code target} ticks over [lo, hi] at 1, 2 or 5 times a power of ten. */
    static List<Double> linearTicks(double lo, double hi, int target) {
        List<Double> out = new ArrayList<>();
        if (!(hi > lo)) {
            out.add(lo);
            return out;
        }
        double raw = (hi - lo) / Math.max(1, target);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[]{1, 2, 5, 10}) {
            if (m * mag >= raw) {
                step = m * mag;
                break;
            }
        }
        double first = Math.ceil(lo / step - 1e-9) * step;
        for (double t = first; t <= hi + step * 1e-9; t += step) {
            out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return out;
    }

    /** The powers of ten in [lo, hi] (both positive), with 2x and 5x between when there are few. */
    static List<Double> logTicks(double lo, double hi) {
        List<Double> out = new ArrayList<>();
        int a = (int) Math.floor(Math.log10(lo));
        int b = (int) Math.ceil(Math.log10(hi));
        boolean fine = b - a <= 2;
        for (int e = a; e <= b; e++) {
            double p = Math.pow(10, e);
            for (double m : fine ? new double[]{1, 2, 5} : new double[]{1}) {
                double t = m * p;
                if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** A compact label for log-axis ticks: {@code 500}, {@code 2k}, {@code 10k}, {@code 1M}. */
    static String compact(double v) {
        if (v >= 1e6 && v == Math.rint(v) && v % 1e6 == 0) {
            return label(v / 1e6) + "M";
        }
        if (v >= 1e3 && v == Math.rint(v) && v % 1e3 == 0) {
            return label(v / 1e3) + "k";
        }
        return label(v);
    }

    /** A tick label: no trailing zeros. */
    static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = Numbers.fixed(v, 3);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
