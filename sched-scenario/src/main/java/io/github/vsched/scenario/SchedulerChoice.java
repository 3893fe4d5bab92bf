package io.github.vsched.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scheduler to run, as named on the command line: an id, optionally with parameters in
 * brackets, {@code credit[ratelimitUs=1000,tsliceMs=10]}; its label (the text as written) names
 * it in tables and files, so one scheduler can be compared with itself under other settings.
 *
 * @param label  how results name it
 * @param id     the scheduler's id
 * @param params parameter values given in brackets (they win over the scenario's)
 * @param origin the option, for messages
 */
public record SchedulerChoice(String label, String id, Map<String, String> params, Origin origin) {

    /** Copies the parameters. */
    public SchedulerChoice {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * Parses {@code ID} or {@code ID[KEY=VALUE,...]}.
     *
     * @param option the option, for messages ({@code --schedulers})
     */
    public static SchedulerChoice parse(String text, String option) {
        String t = text.trim();
        Origin o = Origin.option(option + " " + t);
        int open = t.indexOf('[');
        if (open < 0) {
            if (t.isEmpty() || t.contains("]") || t.contains("=")) {
                throw new ScenarioException(new Problem(o, null, "expected a scheduler id, or ID[KEY=VALUE,...]"
                        + " (for example credit[ratelimitUs=1000])"));
            }
            return new SchedulerChoice(t, t, Map.of(), o);
        }
        if (!t.endsWith("]") || open == 0) {
            throw new ScenarioException(new Problem(o, null, "expected ID[KEY=VALUE,...] (for example"
                    + " credit[ratelimitUs=1000,tsliceMs=10])"));
        }
        Map<String, String> params = new LinkedHashMap<>();
        String inner = t.substring(open + 1, t.length() - 1);
        for (String kv : inner.split(",")) {
            if (kv.isBlank()) {
                continue;
            }
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new ScenarioException(new Problem(o, null, "'" + kv.trim() + "' is not KEY=VALUE (for example"
                        + " credit[ratelimitUs=1000])"));
            }
            String key = kv.substring(0, eq).trim();
            if (params.put(key, kv.substring(eq + 1).trim()) != null) {
                // the second would silently win
                throw new ScenarioException(new Problem(o, null, "parameter '" + key + "' is given twice; give each"
                        + " parameter once"));
            }
        }
        return new SchedulerChoice(t, t.substring(0, open).trim(), params, o);
    }

    /** Parses a comma-separated list; commas inside brackets belong to the entry. */
    public static List<SchedulerChoice> parseList(String text, String option) {
        List<SchedulerChoice> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ',';
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String part = text.substring(start, i);
                if (!part.isBlank()) {
                    out.add(parse(part, option));
                }
                start = i + 1;
            }
        }
        if (out.isEmpty()) {
            throw new ScenarioException(new Problem(Origin.option(option + " " + text), null,
                    "expected at least one scheduler id"));
        }
        java.util.Set<String> labels = new java.util.HashSet<>();
        for (SchedulerChoice c : out) {
            if (!labels.add(c.label())) {
                throw new ScenarioException(new Problem(c.origin(), null, "'" + c.label() + "' is listed twice"));
            }
        }
        return out;
    }
}
