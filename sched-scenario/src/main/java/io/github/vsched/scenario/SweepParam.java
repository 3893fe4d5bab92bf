package io.github.vsched.scenario;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One axis of a sweep, {@code --param KEY=SPEC}: the key is a {@code --set} key
 * ({@link ScenarioOverride}); the spec is a range {@code FROM..TO:STEP} ({@code 1ms..4ms:0.5ms},
 * {@code 64..512:64}; both ends included, decimal arithmetic so no rounding drift), a list
 * {@code a,b,c} ({@code credit,srt-credit}), or one value.
 *
 * @param key    the key
 * @param values the values, as text with the unit written on {@code FROM}
 * @param option the option as given, for messages and result files
 */
public record SweepParam(String key, List<String> values, String option) {
    /** Most values one axis may have. */
    public static final int MAX_VALUES = 10_000;
    /**
     * Most decimal digits before and after the point in FROM, TO and STEP: keeps the decimal
     * arithmetic exact and small (an exponent such as {@code 1e-2147483647} would make it
     * overflow or run for ever).
     */
    static final int MAX_DIGITS = 30;

    private static final Pattern QUANTITY = Pattern.compile("([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*([A-Za-zµ%]*)");
    private static final Map<String, Long> TIME_UNITS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "min", 60_000_000_000L);

    /** Copies the list. */
    public SweepParam {
        values = List.copyOf(values);
    }

    /**
     * Parses {@code KEY=SPEC}.
     *
     * @throws ScenarioException naming the option and what is allowed
     */
    public static SweepParam parse(String text) {
        Origin o = Origin.option("--param " + text);
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw problem(o, "expected KEY=FROM..TO:STEP, KEY=a,b,c or KEY=VALUE (for example"
                    + " credit.tsliceMs=10..30:10)");
        }
        String key = text.substring(0, eq).trim();
        String spec = text.substring(eq + 1).trim();
        List<String> values = new ArrayList<>();
        int dots = spec.indexOf("..");
        if (dots >= 0) {
            int colon = spec.indexOf(':', dots);
            if (colon < 0) {
                throw problem(o, "the range '" + spec + "' needs a step: FROM..TO:STEP (for example 1ms..4ms:0.5ms)");
            }
            Quantity from = quantity(spec.substring(0, dots), o);
            Quantity to = quantity(spec.substring(dots + 2, colon), o);
            Quantity step = quantity(spec.substring(colon + 1), o);
            String unit = from.unit;
            if (!(from.unit.equals(to.unit) && from.unit.equals(step.unit))) {
                if (TIME_UNITS.containsKey(from.unit) && TIME_UNITS.containsKey(to.unit)
                        && TIME_UNITS.containsKey(step.unit)) {
                    BigDecimal f = BigDecimal.valueOf(TIME_UNITS.get(from.unit));
                    try {
                        to = new Quantity(to.number.multiply(BigDecimal.valueOf(TIME_UNITS.get(to.unit))).divide(f),
                                unit);
                        step = new Quantity(step.number.multiply(BigDecimal.valueOf(TIME_UNITS.get(step.unit)))
                                .divide(f), unit);
                    } catch (ArithmeticException e) {
                        throw problem(o, "'" + spec + "' cannot be counted exactly in " + unit + "; write FROM, TO"
                                + " and STEP in one unit");
                    }
                } else {
                    throw problem(o, "FROM, TO and STEP of '" + spec + "' must have the same unit (or all be"
                            + " durations in ns, us, ms, s, min)");
                }
            }
            if (step.number.signum() <= 0) {
                throw problem(o, "the step of '" + spec + "' must be greater than 0");
            }
            if (to.number.compareTo(from.number) < 0) {
                throw problem(o, "the range '" + spec + "' ends before it starts");
            }
            // counted before any value is made, so a huge range costs nothing
            BigDecimal count = to.number.subtract(from.number).divideToIntegralValue(step.number);
            if (count.compareTo(BigDecimal.valueOf(MAX_VALUES)) >= 0) {
                throw problem(o, "the range '" + spec + "' has more than " + MAX_VALUES + " values");
            }
            for (BigDecimal v = from.number; v.compareTo(to.number) <= 0; v = v.add(step.number)) {
                if (values.size() == MAX_VALUES) {
                    throw problem(o, "the range '" + spec + "' has more than " + MAX_VALUES + " values");
                }
                values.add(format(v) + unit);
            }
        } else {
            for (String v : spec.split(",")) {
                if (v.isBlank()) {
                    throw problem(o, "empty value in the list '" + spec + "'");
                }
                values.add(v.trim());
            }
        }
        return new SweepParam(key, values, text);
    }

    private record Quantity(BigDecimal number, String unit) {
    }

    private static Quantity quantity(String text, Origin o) {
        Matcher m = QUANTITY.matcher(text.trim());
        if (!m.matches()) {
            throw problem(o, Problem.quote(text.trim()) + " is not a number with an optional unit (e.g. 2.5ms, 512)");
        }
        BigDecimal n;
        try {
            n = new BigDecimal(m.group(1));
        } catch (NumberFormatException e) {
            n = null; // an exponent beyond what a decimal can hold
        }
        if (n == null || n.signum() != 0 && (n.scale() > MAX_DIGITS || (long) n.precision() - n.scale() > MAX_DIGITS)) {
            throw problem(o, "'" + Problem.printable(text.trim(), Problem.MAX_QUOTED) + "' is out of range; allowed:"
                    + " at most " + MAX_DIGITS + " digits before and after the decimal point");
        }
        return new Quantity(n, m.group(2));
    }

    private static String format(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    private static ScenarioException problem(Origin o, String message) {
        return new ScenarioException(new Problem(o, null, message));
    }

    /** The scenario change of one value of this axis. */
    public ScenarioOverride override(String value) {
        return new ScenarioOverride(key, value, Origin.option("--param " + option + " (value " + value + ")"));
    }
}
