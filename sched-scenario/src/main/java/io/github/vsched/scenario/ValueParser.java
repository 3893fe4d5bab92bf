package io.github.vsched.scenario;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.Durations;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * The shapes of a scenario's own values (not a plugin's parameters): whole numbers, numbers in a
 * range, booleans, durations with a unit, memory sizes in MiB and PCPU lists. A bad value adds a
 * problem at its line and column naming the value and what is allowed, and gives a stand-in so
 * that resolution goes on to find the other problems.
 *
 * <p>Made once the platform is resolved: durations in {@code tsc} need its TSC rate, and PCPU
 * lists are bounded by its PCPU count.
 */
final class ValueParser {
    private final List<Problem> problems;
    private final long tscHz;
    private final int pcpus;
    private final boolean platformFailed;

    /**
     * @param problems       where bad values are reported
     * @param tscHz          the platform's TSC rate, 0 if not known
     * @param pcpus          the platform's PCPU count, or not above 0 if not known
     * @param platformFailed whether the platform was refused (its problem is reported already)
     */
    ValueParser(List<Problem> problems, long tscHz, int pcpus, boolean platformFailed) {
        this.problems = problems;
        this.tscHz = tscHz;
        this.pcpus = pcpus;
        this.platformFailed = platformFailed;
    }

    /** A whole number; 0 if it is not one. */
    long parseLong(Value v, String allowed) {
        try {
            return Long.parseLong(v.text().replace("_", ""));
        } catch (NumberFormatException e) {
            problems.add(v.problem("invalid value " + Problem.quote(v.text()) + "; allowed: " + allowed));
            return 0;
        }
    }

    /** A whole number in {@code [min, max]}; {@code min} if it is not one. */
    long range(Value v, long min, long max) {
        try {
            long x = Long.parseLong(v.text().replace("_", ""));
            if (x < min || x > max) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            problems.add(v.problem("invalid value " + Problem.quote(v.text()) + "; allowed: a whole number in ["
                    + min + ", "
                    + max + "]"));
            return min;
        }
    }

    /** {@code true} or {@code false} (any YAML boolean); false if it is neither. */
    boolean bool(Value v) {
        String t = v.booleanText().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        problems.add(v.problem("invalid value " + Problem.quote(v.text()) + "; allowed: true, false"));
        return false;
    }

    /**
     * A duration with a unit, in nanoseconds; 0 if it is not one. A duration in {@code tsc}
     * when the platform was refused is taken as 1 ns without a problem of its own.
     *
     * @param positive whether 0 and less are refused
     */
    long duration(Value v, boolean positive) {
        if (tscHz == 0 && platformFailed && v.text().trim().toLowerCase(Locale.ROOT).endsWith("tsc")) {
            return 1;
        }
        try {
            long ns = Durations.parse(v.text(), tscHz);
            if (positive && ns <= 0) {
                problems.add(v.problem("invalid value " + Problem.quote(v.text())
                        + "; allowed: a duration greater than 0"));
            }
            return ns;
        } catch (IllegalArgumentException e) {
            problems.add(v.problem("invalid value " + Problem.quote(v.text()) + "; allowed: a duration with a unit (ns, us, ms,"
                    + " s, min, tsc), for example 2.3ms (" + e.getMessage() + ")"));
            return 0;
        }
    }

    /** A memory size in MiB: 512, 512MiB, 512M, 2GiB, 2G; 0 if it is not one. */
    long memoryMb(Value v) {
        String t = v.text().trim();
        String number = t.replaceAll("[A-Za-z]+$", "").trim();
        String unit = t.substring(number.length()).trim();
        long factor = switch (unit) {
            case "", "M", "MiB" -> 1;
            case "G", "GiB" -> 1024;
            default -> -1;
        };
        try {
            long n = Long.parseLong(number);
            if (factor < 0 || n < 1) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, factor);
        } catch (NumberFormatException | ArithmeticException e) {
            problems.add(v.problem("invalid value " + Problem.quote(t) + "; allowed: a whole number of MiB, at"
                    + " least 1, or with a unit (512MiB, 2GiB, 512M, 2G)"));
            return 0;
        }
    }

    /** A PCPU list such as {@code 0-3,6}; null if it is not one. */
    CpuMask cpuMask(Value v) {
        // bounded by the platform's PCPUs, or by MAX_PCPUS while they are not known, so a
        // range as wide as 0-2147483647 is refused before anything is allocated for it
        int limit = pcpus > 0 ? pcpus : ScenarioResolver.MAX_PCPUS;
        BitSet cpus = new BitSet();
        String allowed = "a PCPU list such as 0-3,6 with PCPUs 0.." + (limit - 1);
        for (String part : v.text().split(",", limit + 1)) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-');
                int lo = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                int hi = dash < 0 ? lo : Integer.parseInt(p.substring(dash + 1).trim());
                if (lo < 0 || hi < lo || hi >= limit) {
                    throw new NumberFormatException();
                }
                cpus.set(lo, hi + 1);
            } catch (NumberFormatException e) {
                problems.add(v.problem("invalid value " + Problem.quote(v.text()) + "; allowed: " + allowed));
                return null;
            }
        }
        return CpuMask.of(cpus.stream().toArray());
    }
}
