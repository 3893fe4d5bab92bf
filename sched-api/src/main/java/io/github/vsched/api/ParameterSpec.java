package io.github.vsched.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One parameter of a plugin: its name, type, unit, default, allowed range and meaning.
 *
 * <p>Numeric bounds are inclusive. For {@link ParameterType#DURATION} they are in nanoseconds.
 *
 * <p>A parameter has a default, or is <em>optional</em> ({@link #asOptional()}: no default; absent
 * from the resolved {@link Parameters} unless given, so the plugin decides, e.g. from a preset),
 * or is <em>inherited</em> ({@link #asInherited()}: a per-domain parameter takes the
 * scheduler-wide value of the same name, a per-VCPU one the domain's, unless set at its own
 * level; Xen's {@code xl sched-rtds -d D -p P -b B} sets every VCPU of the domain and
 * {@code -v N} one VCPU). Listings show an optional parameter with no default and an inherited
 * one as inherited.
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
 * @param inherited    whether an unset value is taken from the level above (scheduler-wide for
 *                     a per-domain parameter, the domain for a per-VCPU one); then
 *                     {@code defaultValue} is null, the level above's default applies
 */
public record ParameterSpec(String name, ParameterType type, String unit, String defaultValue,
                            double min, double max, List<String> choices, String description, boolean inherited) {

    /** A parameter that is not inherited (the form before inheritance existed). */
    public ParameterSpec(String name, ParameterType type, String unit, String defaultValue,
                         double min, double max, List<String> choices, String description) {
        this(name, type, unit, defaultValue, min, max, choices, description, false);
    }

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
        if (inherited && defaultValue != null) {
            throw new IllegalArgumentException("parameter '" + name + "' is inherited: the level above's default"
                    + " applies, it cannot have its own (" + defaultValue + ")");
        }
        if (defaultValue != null) {
            // a default that its own range rejects is a programming error in the plugin
            new ParameterSpec(name, type, unit, null, min, max, choices, description, false)
                    .parse(defaultValue, 1_000_000_000L);
        }
    }

    /**
     * This parameter without a default: absent from the resolved {@link Parameters} unless given
     * ({@link Parameters#has}), so the plugin decides what its absence means (credit: the
     * {@code xenVersion} preset's value).
     */
    public ParameterSpec asOptional() {
        return new ParameterSpec(name, type, unit, null, min, max, choices, description, false);
    }

    /**
     * This parameter inherited from the level above: unset, it takes the value of the parameter
     * of the same name one level up (scheduler-wide for a per-domain parameter, the domain's for
     * a per-VCPU one), and that level's default. The level above must declare a parameter of
     * the same name and type; the test kit's contract checks that.
     */
    public ParameterSpec asInherited() {
        return new ParameterSpec(name, type, unit, null, min, max, choices, description, true);
    }

    /** Whether it has no default and is not inherited: absent unless given. */
    public boolean isOptional() {
        return defaultValue == null && !inherited;
    }

    /**
     * The default as a listing shows it: the default value, {@code inherited} for an inherited
     * parameter, empty for an optional one.
     */
    public String shownDefault() {
        return inherited ? "inherited" : defaultValue == null ? "" : defaultValue;
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
