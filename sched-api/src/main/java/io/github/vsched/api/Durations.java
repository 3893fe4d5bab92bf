package io.github.vsched.api;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Parsing and formatting of durations written with units: {@code 2.3ms}, {@code 60us},
 * {@code 60000tsc}, {@code 1s}, {@code 500ns}. Time inside vsched is {@code long} nanoseconds.
 */
public final class Durations {
    private Durations() {
    }

    /** Nanoseconds in a microsecond. */
    public static final long US = 1_000L;
    /** Nanoseconds in a millisecond. */
    public static final long MS = 1_000_000L;
    /** Nanoseconds in a second. */
    public static final long S = 1_000_000_000L;

    /** Longest duration text parsed; longer is refused before any arithmetic. */
    private static final int MAX_TEXT = 64;

    /**
     * Parses a duration.
     *
     * @param text  a number followed by {@code ns}, {@code us}, {@code ms}, {@code s},
     *              {@code min} or {@code tsc}; decimals are allowed ({@code 2.3ms})
     * @param tscHz the TSC rate used to convert {@code tsc} cycles
     * @return nanoseconds, rounded to the nearest nanosecond
     * @throws IllegalArgumentException if the text is malformed, negative or has no unit
     */
    public static long parse(String text, long tscHz) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
        if (t.length() > MAX_TEXT) {
            // refused before any arithmetic: decimal parsing of a huge number is slow
            throw new IllegalArgumentException("too long for a duration (" + t.length() + " characters; at most "
                    + MAX_TEXT + ")");
        }
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.' || t.charAt(i) == '-'
                || t.charAt(i) == '+' || t.charAt(i) == 'e' && i > 0 && i + 1 < t.length()
                && (Character.isDigit(t.charAt(i + 1)) || t.charAt(i + 1) == '-'))) {
            i++;
        }
        String number = t.substring(0, i).trim();
        String unit = t.substring(i).trim();
        if (number.isEmpty()) {
            throw new IllegalArgumentException("no number in '" + text + "'");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed number '" + number + "'");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("negative duration '" + text + "'");
        }
        if (value.signum() != 0 && (long) value.precision() - value.scale() > 40) {
            throw new IllegalArgumentException("duration '" + text + "' is too large");
        }
        if (value.scale() > 40) {
            // far below a nanosecond: cut cheaply (the text is short, so few digits remain)
            value = (long) value.precision() - value.scale() < -20 ? BigDecimal.ZERO
                    : value.setScale(40, java.math.RoundingMode.HALF_EVEN);
        }
        BigDecimal ns = switch (unit) {
            case "ns" -> value;
            case "us", "µs" -> value.multiply(BigDecimal.valueOf(US));
            case "ms" -> value.multiply(BigDecimal.valueOf(MS));
            case "s" -> value.multiply(BigDecimal.valueOf(S));
            case "min" -> value.multiply(BigDecimal.valueOf(60 * S));
            case "h" -> value.multiply(BigDecimal.valueOf(3600 * S));
            case "tsc" -> {
                if (tscHz <= 0) {
                    throw new IllegalArgumentException("tsc needs a platform TSC rate");
                }
                yield value.multiply(BigDecimal.valueOf(S)).divide(BigDecimal.valueOf(tscHz),
                        0, java.math.RoundingMode.HALF_EVEN);
            }
            case "" -> throw new IllegalArgumentException("missing unit in '" + text + "'");
            default -> throw new IllegalArgumentException("unknown unit '" + unit + "'");
        };
        try {
            return ns.setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration '" + text + "' is too large");
        }
    }

    /** Formats nanoseconds with the largest unit that keeps the value exact ({@code 2300us}). */
    public static String format(long ns) {
        if (ns == Long.MAX_VALUE) {
            return "forever";
        }
        if (ns != 0 && ns % S == 0) {
            return ns / S + "s";
        }
        if (ns != 0 && ns % MS == 0) {
            return ns / MS + "ms";
        }
        if (ns != 0 && ns % US == 0) {
            return ns / US + "us";
        }
        return ns + "ns";
    }
}
