package io.github.vsched.scenario;

import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.ParameterType;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.SchedulerProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A plugin's parameters as a scenario gives them (the {@code params} of the platform, a
 * scheduler or a workload, a domain's or a VCPU's {@code scheduler} settings, an adjustment's)
 * checked against the plugin's schema: every name known, every value legal, file paths allowed
 * ({@link FileParameterPaths}). Also the sections a scenario keeps for schedulers other than the
 * one that runs ({@code scheduler: {rtds: {...}}}), checked against their own plugin's schema.
 */
final class ParameterChecker {
    private final List<Problem> problems;
    private final Set<String> warnings;
    private final Map<String, SchedulerProvider> schedulers;
    private final ScenarioDocument doc;
    private final String schedId;
    private final FileParameterPaths files;
    private final long tscHz;
    private final boolean platformFailed;
    /** While the section of a scheduler that does not run is checked: no hint to use a section. */
    private boolean checkingSection;

    /**
     * A checker for the platform's own parameters, which cannot use the platform's TSC rate:
     * {@link #withPlatform} gives the one for every other parameter.
     *
     * @param problems   where bad parameters are reported
     * @param warnings   where sections that cannot be checked are noted
     * @param schedulers the installed schedulers, to check their sections
     * @param doc        the scenario
     * @param schedId    the id of the scheduler that runs (Pool-0's), or null
     * @param files      the rules for file parameters
     */
    ParameterChecker(List<Problem> problems, Set<String> warnings, Map<String, SchedulerProvider> schedulers,
                     ScenarioDocument doc, String schedId, FileParameterPaths files) {
        this(problems, warnings, schedulers, doc, schedId, files, 0, false);
    }

    private ParameterChecker(List<Problem> problems, Set<String> warnings, Map<String, SchedulerProvider> schedulers,
                             ScenarioDocument doc, String schedId, FileParameterPaths files, long tscHz,
                             boolean platformFailed) {
        this.problems = problems;
        this.warnings = warnings;
        this.schedulers = schedulers;
        this.doc = doc;
        this.schedId = schedId;
        this.files = files;
        this.tscHz = tscHz;
        this.platformFailed = platformFailed;
    }

    /**
     * The checker once the platform is resolved: durations in {@code tsc} parse with its rate,
     * and are passed over (the platform's problem is reported already) when it was refused.
     */
    ParameterChecker withPlatform(long tscHz, boolean platformFailed) {
        return new ParameterChecker(problems, warnings, schedulers, doc, schedId, files, tscHz, platformFailed);
    }

    /**
     * Checks the sections of schedulers other than the one running against their own
     * plugin's schema, so a typo is found whichever scheduler runs; sections for schedulers
     * that are not installed cannot be checked: say so.
     */
    void checkSections(ScenarioDocument.ParamSet ps, String path, Function<SchedulerProvider, List<ParameterSpec>> schema,
                       String what) {
        for (ScenarioDocument.Section s : ps.sections.values()) {
            SchedulerProvider other = schedulers.get(s.schedulerId());
            if (other == null) {
                String hint = Parameters.closest(s.schedulerId(), new ArrayList<>(schedulers.keySet()));
                warnings.add(s.keyOrigin() + ": " + path + "." + s.schedulerId() + ": settings for scheduler '"
                        + s.schedulerId() + "' are not checked: no such scheduler is installed"
                        + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
            } else if (!other.id().equals(schedId)) {
                checkingSection = true;
                try {
                    check(schema.apply(other), s.values(), what, "scheduler " + other.id());
                } finally {
                    checkingSection = false;
                }
            }
        }
    }

    /**
     * Checks values against a schema; returns them as text for the core scenario.
     *
     * @param what  what they are, as messages name them: parameter, per-domain parameter, ...
     * @param owner whose they are, as messages name it: {@code scheduler credit}, ...
     */
    Map<String, String> check(List<ParameterSpec> schema, Map<String, Value> given, String what, String owner) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, ParameterSpec> byName = new LinkedHashMap<>();
        for (ParameterSpec s : schema) {
            byName.put(s.name(), s);
        }
        for (Map.Entry<String, Value> e : given.entrySet()) {
            Value v = e.getValue();
            ParameterSpec spec = byName.get(e.getKey());
            if (spec == null) {
                List<String> known = new ArrayList<>(byName.keySet());
                String hint = Parameters.closest(e.getKey(), known);
                problems.add(v.keyProblem("unknown " + what + " '" + e.getKey() + "' of " + owner
                        + (hint == null ? "" : " (did you mean '" + hint + "'?)") + "; "
                        + (known.isEmpty() ? "it takes none" : "known: " + String.join(", ", known))
                        + sectionHint(v, owner)));
                continue;
            }
            String text = spec.type() == ParameterType.BOOLEAN ? v.booleanText() : v.text();
            try {
                spec.parse(text, tscHz);
                if (spec.type() == ParameterType.FILE) {
                    String path = files.filePath(v, text.trim(), owner);
                    if (path != null) {
                        out.put(spec.name(), path);
                    }
                    continue;
                }
                out.put(spec.name(), text);
            } catch (InvalidParameterException x) {
                if (tscHz == 0 && platformFailed && text.trim().toLowerCase(Locale.ROOT).endsWith("tsc")) {
                    continue; // needs the platform's TSC rate; the platform's problem is reported already
                }
                String m = x.getMessage();
                int a = m.indexOf("allowed: ");
                problems.add(v.problem("invalid value " + Problem.quote(v.text()) + " for " + owner + "; allowed: "
                        + (a < 0 ? m : m.substring(a + 9))));
            }
        }
        return out;
    }

    /**
     * A scheduler value written for every scheduler, rejected by one of several: say how to
     * restrict it to the scheduler it was meant for.
     */
    private String sectionHint(Value v, String owner) {
        if (checkingSection || !owner.startsWith("scheduler ") || !v.origin().inFile()
                || v.path().contains("." + schedId + ".")) {
            return "";
        }
        String own = doc.schedulerId();
        if (own == null || own.equals(schedId)) {
            return "";
        }
        return " (values written directly under the scenario's scheduler settings apply to every scheduler run;"
                + " put it in a '" + own + ":' section there to apply it to " + own + " only)";
    }
}
