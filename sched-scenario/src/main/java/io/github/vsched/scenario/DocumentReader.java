package io.github.vsched.scenario;

import io.github.vsched.api.Parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the structure of a scenario's YAML tree against the schema and builds its
 * {@link ScenarioDocument}: known keys only (with a did-you-mean for the others), the right
 * kind of node for each key, required keys present. Values stay text; they are checked by
 * {@link ScenarioResolver}.
 */
public final class DocumentReader {
    /** The top-level keys: the table's, then those that hold structure. */
    static final List<String> TOP_KEYS = concat(List.of(), ScenarioKey.Place.TOP,
            List.of("platform", "scheduler", "pools", "domains", "report", "adjustments"));
    /** The keys of one of {@code adjustments}. */
    static final List<String> ADJUSTMENT_KEYS = List.of("at", "domain", "vcpu", "scheduler");
    static final List<String> COMPONENT_KEYS = List.of("id", "params");
    /** A domain's keys: its name, the table's, then those that hold structure. */
    static final List<String> DOMAIN_KEYS = concat(List.of("name"), ScenarioKey.Place.DOMAIN,
            List.of("scheduler", "perVcpu", "workload"));
    /** A cpupool's keys: its name, the table's, then its scheduler. */
    static final List<String> POOL_KEYS = concat(List.of("name"), ScenarioKey.Place.POOL, List.of("scheduler"));
    static final List<String> VCPU_KEYS = List.of("affinity", "scheduler");
    /** The report's keys: those that hold structure, then the table's. */
    static final List<String> REPORT_KEYS = concat(List.of("vcpus", "window"), ScenarioKey.Place.REPORT, List.of());
    static final List<String> WINDOW_KEYS = List.of("start", "length");

    private final String source;
    private final List<Problem> problems = new ArrayList<>();

    private DocumentReader(String source) {
        this.source = source;
    }

    /**
     * Reads a scenario file's text.
     *
     * @param source the file name shown in messages
     * @throws ScenarioException listing every structural problem found
     */
    public static ScenarioDocument read(String source, String text) {
        return read(source, YamlReader.read(source, text));
    }

    /** Builds the document from a parsed tree; see {@link #read(String, String)}. */
    public static ScenarioDocument read(String source, YamlNode root) {
        DocumentReader r = new DocumentReader(source);
        ScenarioDocument doc = r.top(root);
        if (!r.problems.isEmpty()) {
            throw new ScenarioException(r.problems);
        }
        return doc;
    }

    private static List<String> concat(List<String> before, ScenarioKey.Place place, List<String> after) {
        List<String> out = new ArrayList<>(before);
        out.addAll(ScenarioKey.keys(place));
        out.addAll(after);
        return List.copyOf(out);
    }

    /** A key of the table: a single value (a PCPU list may also be a YAML list). */
    private Value value(YamlNode.Entry e, ScenarioKey key, String path) {
        return key.kind() == ScenarioKey.Kind.PCPU_LIST ? cpuList(e, path) : scalar(e, path);
    }

    private ScenarioDocument top(YamlNode root) {
        ScenarioDocument doc = new ScenarioDocument(source);
        if (!(root instanceof YamlNode.Mapping m)) {
            problems.add(new Problem(root.origin(), null, "a scenario is a mapping of keys ("
                    + String.join(", ", TOP_KEYS) + "), not " + root.describe()));
            return doc;
        }
        for (YamlNode.Entry e : entries(m, TOP_KEYS, "")) {
            String k = e.key();
            ScenarioKey key = ScenarioKey.find(ScenarioKey.Place.TOP, k);
            if (key != null) {
                doc.set(key, value(e, key, key.path()));
                continue;
            }
            switch (k) {
                case "platform" -> doc.platform = component(e, k, false);
                case "scheduler" -> doc.scheduler = component(e, k, true);
                case "domains" -> domains(e, doc);
                case "pools" -> pools(e, doc);
                case "report" -> report(e, doc);
                case "adjustments" -> adjustments(e, doc);
                default -> throw new AssertionError(k);
            }
        }
        if (doc.platform == null) {
            problems.add(new Problem(m.origin(), "platform", "missing; add 'platform: ID' (see 'vsched list platforms')"));
        }
        if (!m.entries().containsKey("domains")) {
            problems.add(new Problem(m.origin(), "domains", "missing; a scenario needs a list of at least one domain"));
        }
        return doc;
    }

    /** The entries of a mapping whose keys are allowed; reports the others with a did-you-mean. */
    private List<YamlNode.Entry> entries(YamlNode.Mapping m, List<String> allowed, String prefix) {
        List<YamlNode.Entry> out = new ArrayList<>();
        for (YamlNode.Entry e : m.entries().values()) {
            if (allowed.contains(e.key())) {
                out.add(e);
            } else {
                String hint = Parameters.closest(e.key(), allowed);
                String note = "";
                if (allowed == DOMAIN_KEYS && hint == null) {
                    note = " (the scheduler's per-domain parameters, such as credit's weight and cap, go under"
                            + " 'scheduler:')";
                } else if (allowed == COMPONENT_KEYS && hint == null) {
                    note = " (a plugin's parameters go under 'params:')";
                }
                problems.add(new Problem(e.keyOrigin(), prefix + e.key(), "unknown key"
                        + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                        + "; allowed here: " + String.join(", ", allowed) + note));
            }
        }
        return out;
    }

    private Value scalar(YamlNode.Entry e, String path) {
        if (e.value() instanceof YamlNode.Scalar s) {
            if (s.isNull()) {
                problems.add(new Problem(e.keyOrigin(), path, "has no value"));
                return null;
            }
            return new Value(s.text(), s.bool(), s.origin(), e.keyOrigin(), path);
        }
        problems.add(new Problem(e.value().origin(), path, "expected a single value, found " + e.value().describe()));
        return null;
    }

    private YamlNode.Mapping mapping(YamlNode.Entry e, String path, String what) {
        if (e.value() instanceof YamlNode.Mapping m) {
            return m;
        }
        problems.add(new Problem(e.value().origin(), path, "expected a mapping (" + what + "), found "
                + e.value().describe()));
        return null;
    }

    /** {@code ID} or {@code {id: ID, params: {...}}}. */
    private ScenarioDocument.Component component(YamlNode.Entry e, String path, boolean sections) {
        ScenarioDocument.Component c = new ScenarioDocument.Component();
        c.origin = e.keyOrigin();
        c.path = path;
        if (e.value() instanceof YamlNode.Scalar) {
            c.id = scalar(e, path);
            return c;
        }
        YamlNode.Mapping m = mapping(e, path, "an id and params, or just the id");
        if (m == null) {
            return c;
        }
        for (YamlNode.Entry x : entries(m, COMPONENT_KEYS, path + ".")) {
            if (x.key().equals("id")) {
                c.id = scalar(x, path + ".id");
            } else {
                YamlNode.Mapping pm = mapping(x, path + ".params", "parameter names and values");
                if (pm != null) {
                    params(pm, path + ".params", c.params, sections);
                }
            }
        }
        if (c.id == null && !m.entries().containsKey("id")) {
            problems.add(new Problem(m.origin(), path + ".id", "missing; name the plugin with 'id: ID'"));
        }
        return c;
    }

    /**
     * Parameter values; with {@code sections}, a key whose value is a mapping holds values for
     * the scheduler of that id only.
     */
    private void params(YamlNode.Mapping m, String path, ScenarioDocument.ParamSet into, boolean sections) {
        for (YamlNode.Entry e : m.entries().values()) {
            String p = path + "." + e.key();
            if (e.value() instanceof YamlNode.Mapping sm) {
                if (!sections) {
                    problems.add(new Problem(sm.origin(), p, "expected a single value, found a mapping"));
                    continue;
                }
                ScenarioDocument.Section s = into.section(e.key(), e.keyOrigin());
                for (YamlNode.Entry x : sm.entries().values()) {
                    Value v = scalar(x, p + "." + x.key());
                    if (v != null) {
                        s.values().put(x.key(), v);
                    }
                }
            } else {
                Value v = scalar(e, p);
                if (v != null) {
                    into.common.put(e.key(), v);
                }
            }
        }
    }

    private void domains(YamlNode.Entry e, ScenarioDocument doc) {
        doc.domainsOrigin = e.keyOrigin();
        if (!(e.value() instanceof YamlNode.Sequence seq)) {
            problems.add(new Problem(e.value().origin(), "domains", "expected a list of domains, found "
                    + e.value().describe()));
            return;
        }
        if (seq.items().isEmpty()) {
            problems.add(new Problem(seq.origin(), "domains", "the list is empty; a scenario needs at least one domain"));
        }
        int i = 0;
        for (YamlNode item : seq.items()) {
            i++;
            String path = "domains[#" + i + "]";
            if (!(item instanceof YamlNode.Mapping m)) {
                problems.add(new Problem(item.origin(), path, "expected a domain (a mapping with name, type, vcpus,"
                        + " workload ...), found " + item.describe()));
                continue;
            }
            YamlNode.Entry nameEntry = m.entries().get("name");
            if (nameEntry != null && nameEntry.value() instanceof YamlNode.Scalar s && !s.isNull()) {
                path = "domains[" + s.text() + "]";
            }
            doc.domains.add(domain(m, path));
        }
    }

    /** {@code adjustments}: a list of {@code {at, domain?, vcpu?, scheduler: {...}}}. */
    private void adjustments(YamlNode.Entry e, ScenarioDocument doc) {
        if (!(e.value() instanceof YamlNode.Sequence seq)) {
            problems.add(new Problem(e.value().origin(), "adjustments", "expected a list of adjustments, each"
                    + " {at, domain, vcpu, scheduler}, found " + e.value().describe()));
            return;
        }
        int i = 0;
        for (YamlNode item : seq.items()) {
            String path = "adjustments[" + i++ + "]";
            if (!(item instanceof YamlNode.Mapping m)) {
                problems.add(new Problem(item.origin(), path, "expected an adjustment (a mapping with at, domain,"
                        + " vcpu, scheduler), found " + item.describe()));
                continue;
            }
            ScenarioDocument.Adjustment a = new ScenarioDocument.Adjustment();
            a.origin = m.origin();
            a.path = path;
            for (YamlNode.Entry x : entries(m, ADJUSTMENT_KEYS, path + ".")) {
                switch (x.key()) {
                    case "at" -> a.at = scalar(x, path + ".at");
                    case "domain" -> a.domain = scalar(x, path + ".domain");
                    case "vcpu" -> a.vcpu = scalar(x, path + ".vcpu");
                    case "scheduler" -> {
                        YamlNode.Mapping sm = mapping(x, path + ".scheduler", "the scheduler parameters to set");
                        if (sm != null) {
                            params(sm, path + ".scheduler", a.scheduler, true);
                        }
                    }
                    default -> throw new AssertionError(x.key());
                }
            }
            if (!m.entries().containsKey("at")) {
                problems.add(new Problem(m.origin(), path + ".at", "missing; when the change happens, e.g. 'at: 2s'"));
            }
            if (!m.entries().containsKey("scheduler")) {
                problems.add(new Problem(m.origin(), path + ".scheduler", "missing; the parameters to set, e.g."
                        + " 'scheduler: {tsliceMs: 10}'"));
            }
            if (m.entries().containsKey("vcpu") && !m.entries().containsKey("domain")) {
                problems.add(new Problem(m.origin(), path + ".domain", "missing; a VCPU is named by its domain and"
                        + " number"));
            }
            doc.adjustments.add(a);
        }
    }

    private void pools(YamlNode.Entry e, ScenarioDocument doc) {
        if (!(e.value() instanceof YamlNode.Sequence seq)) {
            problems.add(new Problem(e.value().origin(), "pools", "expected a list of cpupools (each with name,"
                    + " cpus and scheduler), found " + e.value().describe()));
            return;
        }
        int i = 0;
        for (YamlNode item : seq.items()) {
            i++;
            String path = "pools[#" + i + "]";
            if (!(item instanceof YamlNode.Mapping m)) {
                problems.add(new Problem(item.origin(), path, "expected a cpupool (a mapping with name, cpus and"
                        + " scheduler), found " + item.describe()));
                continue;
            }
            YamlNode.Entry nameEntry = m.entries().get("name");
            if (nameEntry != null && nameEntry.value() instanceof YamlNode.Scalar s && !s.isNull()) {
                path = "pools[" + s.text() + "]";
            }
            ScenarioDocument.Pool p = new ScenarioDocument.Pool();
            p.origin = m.origin();
            p.path = path;
            for (YamlNode.Entry x : entries(m, POOL_KEYS, path + ".")) {
                ScenarioKey key = ScenarioKey.find(ScenarioKey.Place.POOL, x.key());
                if (key != null) {
                    p.set(key, value(x, key, path + "." + key.key()));
                } else if (x.key().equals("name")) {
                    p.name = scalar(x, path + ".name");
                } else {
                    p.scheduler = component(x, path + ".scheduler", false);
                }
            }
            for (String required : List.of("name", "cpus", "scheduler")) {
                if (!m.entries().containsKey(required)) {
                    problems.add(new Problem(m.origin(), path + "." + required, "missing; a cpupool needs a name, its"
                            + " cpus (a PCPU list such as 0 or 2-3) and its scheduler (an id, or id and params)"));
                }
            }
            doc.pools.add(p);
        }
    }

    private ScenarioDocument.Domain domain(YamlNode.Mapping m, String path) {
        ScenarioDocument.Domain d = new ScenarioDocument.Domain();
        d.origin = m.origin();
        d.path = path;
        String p = path + ".";
        for (YamlNode.Entry e : entries(m, DOMAIN_KEYS, p)) {
            ScenarioKey key = ScenarioKey.find(ScenarioKey.Place.DOMAIN, e.key());
            if (key != null) {
                d.set(key, value(e, key, p + key.key()));
                continue;
            }
            switch (e.key()) {
                case "name" -> d.name = scalar(e, p + "name");
                case "scheduler" -> {
                    YamlNode.Mapping sm = mapping(e, p + "scheduler", "the scheduler's per-domain parameters");
                    if (sm != null) {
                        params(sm, p + "scheduler", d.scheduler, true);
                    }
                }
                case "perVcpu" -> perVcpu(e, p + "perVcpu", d);
                case "workload" -> d.workload = component(e, p + "workload", false);
                default -> throw new AssertionError(e.key());
            }
        }
        if (d.name == null && !m.entries().containsKey("name")) {
            problems.add(new Problem(m.origin(), p + "name", "missing; every domain needs a name"));
        }
        if (d.workload == null && !m.entries().containsKey("workload")) {
            problems.add(new Problem(m.origin(), p + "workload", "missing; add 'workload: ID' (see 'vsched list"
                    + " workloads')"));
        }
        return d;
    }

    private void perVcpu(YamlNode.Entry e, String path, ScenarioDocument.Domain d) {
        YamlNode.Mapping m = mapping(e, path, "VCPU numbers or 'all', each with affinity and scheduler settings");
        if (m == null) {
            return;
        }
        for (YamlNode.Entry v : m.entries().values()) {
            String p = path + "." + v.key();
            Value key = new Value(v.key(), null, v.keyOrigin(), v.keyOrigin(), p);
            YamlNode.Mapping vm = mapping(v, p, "affinity and scheduler settings of the VCPU");
            if (vm == null) {
                continue;
            }
            ScenarioDocument.VcpuSettings s = d.vcpu(key);
            for (YamlNode.Entry x : entries(vm, VCPU_KEYS, p + ".")) {
                if (x.key().equals("affinity")) {
                    s.affinity = cpuList(x, p + ".affinity");
                } else {
                    YamlNode.Mapping sm = mapping(x, p + ".scheduler", "the scheduler's per-VCPU parameters");
                    if (sm != null) {
                        params(sm, p + ".scheduler", s.scheduler, true);
                    }
                }
            }
        }
    }

    /** A CPU list: {@code 0-3,6}, a number, or a YAML list of numbers. */
    private Value cpuList(YamlNode.Entry e, String path) {
        if (e.value() instanceof YamlNode.Sequence seq) {
            StringBuilder sb = new StringBuilder();
            for (YamlNode item : seq.items()) {
                if (!(item instanceof YamlNode.Scalar s) || s.isNull()) {
                    problems.add(new Problem(item.origin(), path, "expected a PCPU number or range, found "
                            + item.describe()));
                    return null;
                }
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(s.text());
            }
            return new Value(sb.toString(), null, seq.origin(), e.keyOrigin(), path);
        }
        return scalar(e, path);
    }

    private void report(YamlNode.Entry e, ScenarioDocument doc) {
        YamlNode.Mapping m = mapping(e, "report", String.join(", ", REPORT_KEYS.subList(0, REPORT_KEYS.size() - 1))
                + " and " + REPORT_KEYS.get(REPORT_KEYS.size() - 1));
        if (m == null) {
            return;
        }
        for (YamlNode.Entry x : entries(m, REPORT_KEYS, "report.")) {
            ScenarioKey key = ScenarioKey.find(ScenarioKey.Place.REPORT, x.key());
            if (key != null) {
                doc.set(key, value(x, key, key.path()));
            } else if (x.key().equals("vcpus")) {
                List<Value> list = new ArrayList<>();
                if (x.value() instanceof YamlNode.Sequence seq) {
                    for (YamlNode item : seq.items()) {
                        if (item instanceof YamlNode.Scalar s && !s.isNull()) {
                            list.add(new Value(s.text(), null, s.origin(), s.origin(), "report.vcpus"));
                        } else {
                            problems.add(new Problem(item.origin(), "report.vcpus",
                                    "expected a VCPU ('domain/number') or a domain name, found " + item.describe()));
                        }
                    }
                } else {
                    Value v = scalar(x, "report.vcpus");
                    if (v != null) {
                        for (String part : v.text().split(",")) {
                            list.add(new Value(part.trim(), null, v.origin(), v.keyOrigin(), "report.vcpus"));
                        }
                    }
                }
                doc.reportVcpus = list;
                doc.reportVcpusOrigin = x.value().origin();
            } else {
                YamlNode.Mapping w = mapping(x, "report.window", "start and length");
                if (w != null) {
                    for (YamlNode.Entry y : entries(w, WINDOW_KEYS, "report.window.")) {
                        if (y.key().equals("start")) {
                            doc.windowStart = scalar(y, "report.window.start");
                        } else {
                            doc.windowLength = scalar(y, "report.window.length");
                        }
                    }
                }
            }
        }
    }
}
