package io.github.vsched.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One parameter of a plugin: its name, type, unit, default, allowed range and meaning.
 *
 * <p>Numeric bounds are inclusive. For {@link ParameterType#DURATION} they are in nanoseconds.
 *
 * @param name         the key used in scenarios ({@code camelCase})
 * @param type         how values are parsed
 * @param unit         the unit shown to users ({@code "ns"}, {@code "credits"}, {@code "%"},
 *                     empty when unitless)
 * @param defaultValue the default, as text in the same syntax users write
 * @param min          smallest allowed value (numeric types)
 * @param max          largest allowed value (numeric types)
 * @param choices      allowed words ({@link ParameterType#CHOICE} only, else empty)
 * @param description  one sentence: what it does and, where relevant, where the default
 *                     comes from
 */
public record ParameterSpec(String name, ParameterType type, String unit, String defaultValue,
                            double min, double max, List<String> choices, String description) {

    /** Validates the spec itself, including that its default is a legal value. */
    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        unit = unit == null ? "" : unit;
        choices = List.copyOf(choices == null ? List.of() : choices);
        if (name.isBlank()) {
            throw new IllegalArgumentException("parameter name must not be blank");
        }
        if (type == ParameterType.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("choice parameter '" + name + "' needs choices");
        }
        if (min > max) {
            throw new IllegalArgumentException("parameter '" + name + "': min " + min + " > max " + max);
        }
        if (defaultValue != null) {
            // a default that its own range rejects is a programming error in the plugin
            new ParameterSpec(name, type, unit, null, min, max, choices, description)
                    .parse(defaultValue, 1_000_000_000L);
        }
    }

    /** An integer parameter with an inclusive range. */
    public static ParameterSpec integer(String name, String unit, long defaultValue, long min, long max,
                                        String description) {
        return new ParameterSpec(name, ParameterType.INTEGER, unit, Long.toString(defaultValue),
                min, max, List.of(), description);
    }

    /** A decimal parameter with an inclusive range. */
    public static ParameterSpec decimal(String name, String unit, double defaultValue, double min, double max,
                                        String description) {
        return new ParameterSpec(name, ParameterType.DECIMAL, unit, Double.toString(defaultValue),
                min, max, List.of(), description);
    }

    /** A duration parameter; default and bounds in nanoseconds, default shown with a unit. */
    public static ParameterSpec duration(String name, long defaultNs, long minNs, long maxNs, String description) {
        return new ParameterSpec(name, ParameterType.DURATION, "ns", Durations.format(defaultNs),
                minNs, maxNs, List.of(), description);
    }

    /** A boolean parameter. */
    public static ParameterSpec flag(String name, boolean defaultValue, String description) {
        return new ParameterSpec(name, ParameterType.BOOLEAN, "", Boolean.toString(defaultValue),
                0, 0, List.of(), description);
    }

    /** A free-text parameter; {@code defaultValue} may be null (then absent unless given). */
    public static ParameterSpec text(String name, String defaultValue, String description) {
        return new ParameterSpec(name, ParameterType.TEXT, "", defaultValue, 0, 0, List.of(), description);
    }

    /**
     * A file parameter ({@link ParameterType#FILE}), without a default: absent unless given.
     * Scenario files give it relative to their own folder.
     */
    public static ParameterSpec file(String name, String description) {
        return new ParameterSpec(name, ParameterType.FILE, "", null, 0, 0, List.of(), description);
    }

    /** A parameter whose value is one of {@code choices}. */
    public static ParameterSpec choice(String name, String defaultValue, List<String> choices, String description) {
        return new ParameterSpec(name, ParameterType.CHOICE, "", defaultValue, 0, 0, choices, description);
    }

    /**
     * Parses and range-checks a value.
     *
     * @param text  the value as written by the user
     * @param tscHz the platform's TSC rate, for durations written in {@code tsc}
     * @return a {@code Long}, {@code Double}, {@code Boolean} or {@code String}
     * @throws InvalidParameterException naming this parameter, the value and what is allowed
     */
    public Object parse(String text, long tscHz) {
        if (text == null) {
            throw invalid("null", "a value");
        }
        String t = text.trim();
        switch (type) {
            case INTEGER -> {
                long v;
                try {
                    v = Long.parseLong(t.replace("_", ""));
                } catch (NumberFormatException e) {
                    throw invalid(text, "a whole number in " + range());
                }
                checkRange(text, v);
                return v;
            }
            case DECIMAL -> {
                double v;
                try {
                    v = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw invalid(text, "a number in " + range());
                }
                if (Double.isNaN(v)) {
                    throw invalid(text, "a number in " + range());
                }
                checkRange(text, v);
                return v;
            }
            case DURATION -> {
                long v;
                try {
                    v = Durations.parse(t, tscHz);
                } catch (IllegalArgumentException e) {
                    throw invalid(text, "a duration with a unit (ns, us, ms, s, tsc) in " + range()
                            + " (" + e.getMessage() + ")");
                }
                checkRange(text, v);
                return v;
            }
            case BOOLEAN -> {
                String l = t.toLowerCase(Locale.ROOT);
                if (l.equals("true") || l.equals("false")) {
                    return Boolean.parseBoolean(l);
                }
                throw invalid(text, "true or false");
            }
            case CHOICE -> {
                if (choices.contains(t)) {
                    return t;
                }
                throw invalid(text, "one of " + String.join(", ", choices));
            }
            case TEXT -> {
                return t;
            }
            case FILE -> {
                if (t.isEmpty() || t.indexOf('\0') >= 0) {
                    throw invalid(text, "the path of a file");
                }
                return t;
            }
            default -> throw new AssertionError(type);
        }
    }

    /** The allowed range or set of values, as shown to users. */
    public String range() {
        return switch (type) {
            case INTEGER -> "[" + (long) min + ", " + (long) max + "]" + (unit.isEmpty() ? "" : " " + unit);
            case DECIMAL -> "[" + min + ", " + max + "]" + (unit.isEmpty() ? "" : " " + unit);
            case DURATION -> "[" + Durations.format((long) min) + ", " + Durations.format((long) max) + "]";
            case BOOLEAN -> "true|false";
            case CHOICE -> String.join("|", choices);
            case TEXT -> "text";
            case FILE -> "a file path";
        };
    }

    private void checkRange(String text, double v) {
        if (v < min || v > max) {
            throw invalid(text, "a value in " + range());
        }
    }

    private InvalidParameterException invalid(String value, String allowed) {
        return new InvalidParameterException(name, value, allowed);
    }
}
