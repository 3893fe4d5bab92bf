package io.github.vsched.scenario;

import io.github.vsched.api.Parameters;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A change to a scenario given on the command line ({@code --set KEY=VALUE}, or one point of
 * a sweep's {@code --param}). Keys:
 * <ul>
 *   <li>the top-level and report keys of {@link ScenarioKey} ({@code seed}, {@code duration},
 *       {@code report.waitThreshold}, ...): their values;</li>
 *   <li>{@code platform=ID}, {@code platform.P}: the platform and its parameter {@code P};</li>
 *   <li>{@code scheduler=ID}, {@code scheduler.P}: the scheduler, and its parameter {@code P}
 *       for whichever scheduler runs;</li>
 *   <li>{@code SCHED.P} (e.g. {@code credit.tsliceMs}): parameter {@code P} of scheduler
 *       {@code SCHED} only, applied when that scheduler runs;</li>
 *   <li>{@code domain.NAME.F} with {@code F} a domain key of {@link ScenarioKey} ({@code vcpus},
 *       {@code irqVcpu}, ...): that value of domain {@code NAME};</li>
 *   <li>{@code domain.NAME.workload=ID}, {@code domain.NAME.workload.P}: its workload and
 *       the workload's parameter {@code P};</li>
 *   <li>{@code domain.NAME.P} or {@code domain.NAME.scheduler.P}: the scheduler's per-domain
 *       parameter {@code P} (e.g. {@code weight}, {@code cap}); {@code domain.NAME.SCHED.P}: that
 *       parameter of scheduler {@code SCHED} only, applied when it runs;</li>
 *   <li>{@code pool.NAME.cpus}, {@code pool.NAME.scheduler=ID}, {@code pool.NAME.scheduler.P}:
 *       a cpupool's PCPUs, its scheduler and that scheduler's parameter {@code P};</li>
 *   <li>{@code domain.NAME.vcpu.N.affinity}, {@code domain.NAME.vcpu.N.P}: VCPU {@code N}'s
 *       (or, with {@code N} = {@code all}, every VCPU's) affinity and per-VCPU scheduler
 *       parameter {@code P}; {@code domain.NAME.vcpu.N.SCHED.P}: that parameter of scheduler
 *       {@code SCHED} only (e.g. {@code domain.winxp.vcpu.0.srt-credit.sbt}).</li>
 * </ul>
 *
 * @param key    the key
 * @param value  the value, as text
 * @param origin the option as written, for messages
 */
public record ScenarioOverride(String key, String value, Origin origin) {
    /** The keys that do not start with a domain or a scheduler, for did-you-mean hints. */
    static final List<String> TOP = topKeys();
    /** The domain keys of the table, after {@code domain.NAME.}. */
    static final List<String> DOMAIN_FIELDS = ScenarioKey.keys(ScenarioKey.Place.DOMAIN);

    private static List<String> topKeys() {
        List<String> out = new ArrayList<>(ScenarioKey.keys(ScenarioKey.Place.TOP));
        out.addAll(List.of("platform", "scheduler", "domain", "pool"));
        for (ScenarioKey k : ScenarioKey.values()) {
            if (k.place() == ScenarioKey.Place.REPORT) {
                out.add(k.path());
            }
        }
        return List.copyOf(out);
    }

    /** The top-level or report key of the table that {@code key} names, or null. */
    private static ScenarioKey tableKey(String key) {
        for (ScenarioKey k : ScenarioKey.values()) {
            if ((k.place() == ScenarioKey.Place.TOP || k.place() == ScenarioKey.Place.REPORT) && k.path().equals(key)) {
                return k;
            }
        }
        return null;
    }

    /**
     * Parses {@code KEY=VALUE}.
     *
     * @param option the option's name, for messages ({@code --set})
     * @throws ScenarioException without {@code =} or with an empty key
     */
    public static ScenarioOverride parse(String text, String option) {
        int eq = text.indexOf('=');
        Origin o = Origin.option(option + " " + text);
        if (eq <= 0) {
            throw new ScenarioException(new Problem(o, null, "expected KEY=VALUE (for example scheduler.tslice=10ms"
                    + " or domain.dom1.weight=512)"));
        }
        return new ScenarioOverride(text.substring(0, eq).trim(), text.substring(eq + 1).trim(), o);
    }

    /**
     * Applies overrides to a document.
     *
     * @param schedulerIds installed scheduler ids, to recognise {@code SCHED.P} keys
     * @throws ScenarioException listing every key that cannot be applied
     */
    public static void applyAll(ScenarioDocument doc, List<ScenarioOverride> overrides, Collection<String> schedulerIds) {
        List<Problem> problems = new ArrayList<>();
        for (ScenarioOverride o : overrides) {
            Problem p = o.apply(doc, schedulerIds);
            if (p != null) {
                problems.add(p);
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
    }

    /** Applies this override; returns the problem, or null if it applied. */
    Problem apply(ScenarioDocument doc, Collection<String> schedulerIds) {
        Value v = Value.option(value, origin, key);
        ScenarioKey k = tableKey(key);
        if (k != null) {
            doc.set(k, v);
            return null;
        }
        switch (key) {
            case "platform" -> component(doc, true).id = v;
            case "scheduler" -> component(doc, false).id = v;
            default -> {
                return applyDotted(doc, v, schedulerIds);
            }
        }
        return null;
    }

    private Problem applyDotted(ScenarioDocument doc, Value v, Collection<String> schedulerIds) {
        if (key.startsWith("platform.") && key.length() > 9) {
            component(doc, true).params.setForAll(key.substring(9), v);
            return null;
        }
        if (key.startsWith("scheduler.") && key.length() > 10) {
            component(doc, false).params.setForAll(key.substring(10), v);
            return null;
        }
        if (key.startsWith("domain.")) {
            return applyDomain(doc, v, schedulerIds);
        }
        if (key.startsWith("pool.")) {
            return applyPool(doc, v);
        }
        String best = schedulerPrefix(key, schedulerIds);
        if (best != null) {
            component(doc, false).params.section(best, origin).values().put(key.substring(best.length() + 1), v);
            return null;
        }
        String first = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
        List<String> known = new ArrayList<>(TOP);
        known.addAll(schedulerIds);
        String hint = Parameters.closest(first, known);
        return new Problem(origin, key, "unknown key" + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                + "; keys start with name, seed, duration, checked, platform, scheduler, domain.NAME, pool.NAME, report,"
                + " or an"
                + " installed scheduler's id (" + (schedulerIds.isEmpty() ? "none installed"
                : String.join(", ", schedulerIds)) + ")");
    }

    /** The installed scheduler id that {@code k} starts with (then a dot and a name), the longest; or null. */
    private static String schedulerPrefix(String k, Collection<String> schedulerIds) {
        String best = null;
        for (String id : schedulerIds) {
            if (k.startsWith(id + ".") && k.length() > id.length() + 1 && (best == null || id.length() > best.length())) {
                best = id;
            }
        }
        return best;
    }

    /** Sets {@code k} in {@code set}: for one scheduler if {@code k} is {@code SCHED.P}, else for all. */
    private void setSchedulerParam(ScenarioDocument.ParamSet set, String k, Value v, Collection<String> schedulerIds) {
        String sched = schedulerPrefix(k, schedulerIds);
        if (sched != null) {
            set.section(sched, origin).values().put(k.substring(sched.length() + 1), v);
        } else {
            set.setForAll(k, v);
        }
    }

    private Problem applyDomain(ScenarioDocument doc, Value v, Collection<String> schedulerIds) {
        String rest = key.substring(7);
        ScenarioDocument.Domain d = null;
        String field = null;
        for (ScenarioDocument.Domain c : doc.domains) {
            if (c.name != null && rest.startsWith(c.name.text() + ".")
                    && (d == null || c.name.text().length() > d.name.text().length())) {
                d = c;
                field = rest.substring(c.name.text().length() + 1);
            }
        }
        if (d == null || field.isEmpty()) {
            String name = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
            List<String> names = doc.domainNames();
            String hint = Parameters.closest(name, names);
            return new Problem(origin, key, (rest.contains(".") ? "no domain '" + name + "'"
                    + (hint == null ? "" : " (did you mean '" + hint + "'?)") + "; domains: " + String.join(", ", names)
                    : "expected domain.NAME.KEY (for example domain." + (names.isEmpty() ? "dom1" : names.get(0))
                    + ".weight=512)"));
        }
        ScenarioKey domainKey = ScenarioKey.find(ScenarioKey.Place.DOMAIN, field);
        if (domainKey != null) {
            d.set(domainKey, v);
            return null;
        }
        if (field.equals("workload")) {
            workload(d).id = v;
            return null;
        }
        if (field.startsWith("workload.")) {
            workload(d).params.setForAll(field.substring(9), v);
            return null;
        }
        if (field.startsWith("scheduler.")) {
            d.scheduler.setForAll(field.substring(10), v);
            return null;
        }
        if (field.startsWith("vcpu.")) {
            String[] parts = field.split("\\.", 3);
            if (parts.length < 3 || parts[2].isEmpty()) {
                return new Problem(origin, key, "expected domain." + d.name.text() + ".vcpu.N.KEY with N a VCPU number"
                        + " or 'all' (for example domain." + d.name.text() + ".vcpu.0.affinity=1)");
            }
            ScenarioDocument.VcpuSettings s = d.vcpu(Value.option(parts[1], origin, key));
            String k = parts[2];
            if (k.equals("affinity")) {
                s.affinity = v;
            } else {
                setSchedulerParam(s.scheduler, k.startsWith("scheduler.") ? k.substring(10) : k, v, schedulerIds);
            }
            return null;
        }
        if (schedulerPrefix(field, schedulerIds) != null) {
            setSchedulerParam(d.scheduler, field, v, schedulerIds);
            return null;
        }
        if (field.contains(".")) {
            String hint = Parameters.closest(field.substring(0, field.indexOf('.')),
                    List.of("workload", "scheduler", "vcpu"));
            return new Problem(origin, key, "unknown domain key" + (hint == null ? "" : " (did you mean '" + hint
                    + "'?)") + "; after domain.NAME come " + String.join(", ", DOMAIN_FIELDS)
                    + ", workload[.P], scheduler.P, SCHED.P, vcpu.N.KEY, or a per-domain scheduler parameter");
        }
        d.scheduler.setForAll(field, v);
        return null;
    }

    /**
     * {@code pool.NAME.cpus}, {@code pool.NAME.scheduler=ID}, {@code pool.NAME.scheduler.P}: a
     * cpupool's PCPUs, its scheduler and that scheduler's parameter {@code P}.
     */
    private Problem applyPool(ScenarioDocument doc, Value v) {
        String rest = key.substring(5);
        ScenarioDocument.Pool p = null;
        String field = null;
        List<String> names = new ArrayList<>();
        for (ScenarioDocument.Pool c : doc.pools) {
            if (c.name == null) {
                continue;
            }
            names.add(c.name.text());
            if (rest.startsWith(c.name.text() + ".") && (p == null || c.name.text().length() > p.name.text().length())) {
                p = c;
                field = rest.substring(c.name.text().length() + 1);
            }
        }
        if (p == null || field.isEmpty()) {
            String name = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
            String hint = Parameters.closest(name, names);
            return new Problem(origin, key, "no cpupool '" + name + "'" + (hint == null ? "" : " (did you mean '" + hint
                    + "'?)") + "; the scenario's pools: " + (names.isEmpty() ? "none (Pool-0 is set with scheduler=ID"
                    + " and scheduler.P)" : String.join(", ", names)));
        }
        ScenarioKey poolKey = ScenarioKey.find(ScenarioKey.Place.POOL, field);
        if (poolKey != null) {
            p.set(poolKey, v);
            return null;
        }
        if (field.equals("scheduler") || field.startsWith("scheduler.") && field.length() > 10) {
            if (p.scheduler == null) {
                p.scheduler = new ScenarioDocument.Component();
                p.scheduler.origin = origin;
                p.scheduler.path = p.path + ".scheduler";
            }
            if (field.equals("scheduler")) {
                p.scheduler.id = v;
            } else {
                p.scheduler.params.setForAll(field.substring(10), v);
            }
            return null;
        }
        return new Problem(origin, key, "unknown cpupool key; after pool.NAME come "
                + String.join(", ", ScenarioKey.keys(ScenarioKey.Place.POOL)) + ", scheduler, scheduler.P");
    }

    private ScenarioDocument.Component component(ScenarioDocument doc, boolean platform) {
        ScenarioDocument.Component c = platform ? doc.platform : doc.scheduler;
        if (c == null) {
            c = new ScenarioDocument.Component();
            c.origin = origin;
            c.path = platform ? "platform" : "scheduler";
            if (platform) {
                doc.platform = c;
            } else {
                doc.scheduler = c;
            }
        }
        return c;
    }

    private ScenarioDocument.Component workload(ScenarioDocument.Domain d) {
        if (d.workload == null) {
            d.workload = new ScenarioDocument.Component();
            d.workload.origin = origin;
            d.workload.path = d.path + ".workload";
        }
        return d.workload;
    }

    /** {@code KEY=VALUE} as given. */
    @Override
    public String toString() {
        return key + "=" + value;
    }
}
