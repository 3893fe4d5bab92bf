package io.github.vsched.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validated parameter values of one plugin (or one domain or VCPU of a plugin), every
 * parameter of the schema present: given values parsed and range-checked, the rest at their
 * defaults.
 *
 * @param owner  what the values belong to, used in messages (e.g. {@code scheduler credit})
 * @param values parsed values by name ({@code Long}, {@code Double}, {@code Boolean},
 *               {@code String})
 * @param given  the names the user set explicitly (the rest are defaults)
 */
public record Parameters(String owner, Map<String, Object> values, java.util.Set<String> given) {

    /** Copies the maps so a {@code Parameters} never changes. */
    public Parameters {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        given = java.util.Set.copyOf(given);
    }

    /** No parameters at all. */
    public static Parameters empty(String owner) {
        return new Parameters(owner, Map.of(), java.util.Set.of());
    }

    /**
     * Resolves user-given text values against a schema.
     *
     * @param owner  used as the prefix of parameter names in messages
     * @param schema the allowed parameters
     * @param raw    values as text, by name; unknown names are rejected
     * @param tscHz  the platform TSC rate, for durations written in {@code tsc}
     * @throws InvalidParameterException for an unknown name or a bad value
     */
    public static Parameters resolve(String owner, List<ParameterSpec> schema, Map<String, String> raw, long tscHz) {
        return resolve(owner, schema, raw, tscHz, null);
    }

    /**
     * Resolves user-given text values against a schema whose {@link ParameterSpec#inherited()}
     * parameters take, when not given, the value of the same name in {@code parent} (the
     * scheduler-wide parameters for a domain's, the domain's for a VCPU's).
     *
     * @param parent the level above, or null for none (inherited parameters are then absent
     *               unless given)
     * @throws InvalidParameterException for an unknown name or a bad value
     */
    public static Parameters resolve(String owner, List<ParameterSpec> schema, Map<String, String> raw, long tscHz,
                                     Parameters parent) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, ParameterSpec> byName = new LinkedHashMap<>();
        for (ParameterSpec spec : schema) {
            byName.put(spec.name(), spec);
        }
        for (String key : raw.keySet()) {
            if (!byName.containsKey(key)) {
                List<String> known = new ArrayList<>(byName.keySet());
                String hint = closest(key, known);
                throw new InvalidParameterException(owner + "." + key,
                        "unknown parameter" + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                                + "; known: " + (known.isEmpty() ? "none" : String.join(", ", known)));
            }
        }
        for (ParameterSpec spec : schema) {
            String text = raw.get(spec.name());
            if (text == null && spec.inherited()) {
                Object up = parent == null ? null : parent.values().get(spec.name());
                if (up != null) {
                    out.put(spec.name(), up);
                }
                continue;
            }
            String value = text != null ? text : spec.defaultValue();
            if (value == null) {
                continue;
            }
            try {
                out.put(spec.name(), spec.parse(value, tscHz));
            } catch (InvalidParameterException e) {
                throw e.allowed() == null ? new InvalidParameterException(owner + "." + spec.name(), e.getMessage())
                        : new InvalidParameterException(owner + "." + spec.name(), value, e.allowed());
            }
        }
        return new Parameters(owner, out, raw.keySet());
    }

    /**
     * Whether {@code name} has a value: given, defaulted or inherited. False only for an optional
     * parameter ({@link ParameterSpec#isOptional()}) that was not given, or an inherited one the
     * level above has no value for.
     */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Whether the user set {@code name} explicitly (rather than taking its default). */
    public boolean isGiven(String name) {
        return given.contains(name);
    }

    /** An {@link ParameterType#INTEGER} value. */
    public long integer(String name) {
        return (Long) get(name);
    }

    /** A {@link ParameterType#DURATION} value in nanoseconds. */
    public long duration(String name) {
        return (Long) get(name);
    }

    /** A {@link ParameterType#DECIMAL} value. */
    public double decimal(String name) {
        Object v = get(name);
        return v instanceof Long l ? l : (Double) v;
    }

    /** A {@link ParameterType#BOOLEAN} value. */
    public boolean flag(String name) {
        return (Boolean) get(name);
    }

    /** A {@link ParameterType#TEXT} value, or null when it has no default and was not given. */
    public String text(String name) {
        return (String) values.get(name);
    }

    /**
     * A {@link ParameterType#FILE} value: the path as resolved (relative to the scenario file's
     * folder when it came from one), or null when it was not given.
     */
    public String file(String name) {
        return (String) values.get(name);
    }

    /** A {@link ParameterType#CHOICE} value. */
    public String choice(String name) {
        return (String) get(name);
    }

    private Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(owner + " has no parameter '" + name + "'; it has " + values.keySet());
        }
        return v;
    }

    /** The known name nearest to {@code key} by edit distance, or null if none is close. */
    public static String closest(String key, List<String> known) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(key.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best != null && bestD <= Math.max(2, key.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
