package io.github.vsched.scenario;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario as written in its file, after {@code --set} overrides, before it is checked
 * against the installed plugins: every value is still text with its {@link Origin}. The
 * schema is documented in the command line's README ({@code sched-cli/README.md}, "Scenario
 * files"); {@link DocumentReader} enforces its structure and {@link ScenarioResolver} its values.
 */
public final class ScenarioDocument {
    final String source;
    /** The values of the top-level and report keys of {@link ScenarioKey}. */
    final Map<ScenarioKey, Value> values = new EnumMap<>(ScenarioKey.class);
    Component platform;
    Component scheduler;
    final List<Domain> domains = new ArrayList<>();
    Origin domainsOrigin;
    /** The cpupools besides Pool-0, in order. */
    final List<Pool> pools = new ArrayList<>();
    List<Value> reportVcpus;
    /** Where {@link #reportVcpus} was given. */
    Origin reportVcpusOrigin;
    Value windowStart;
    Value windowLength;
    /** The timed changes of scheduler parameters ({@code adjustments}), as written. */
    final List<Adjustment> adjustments = new ArrayList<>();

    ScenarioDocument(String source) {
        this.source = source;
    }

    /** The value of a top-level or report key, or null if the scenario does not give it. */
    Value get(ScenarioKey key) {
        return values.get(key);
    }

    /** Sets a top-level or report key; null removes it. */
    void set(ScenarioKey key, Value v) {
        if (key.place() == ScenarioKey.Place.DOMAIN || key.place() == ScenarioKey.Place.POOL) {
            throw new IllegalArgumentException(key + " is a domain or pool key");
        }
        put(values, key, v);
    }

    static void put(Map<ScenarioKey, Value> values, ScenarioKey key, Value v) {
        if (v == null) {
            values.remove(key);
        } else {
            values.put(key, v);
        }
    }

    /** The file name (as the user gave it) the scenario was read from. */
    public String source() {
        return source;
    }

    /** The scenario's own scheduler id, or null if it names none. */
    public String schedulerId() {
        return scheduler == null || scheduler.id == null ? null : scheduler.id.text();
    }

    /** The names of the domains, in order. */
    public List<String> domainNames() {
        List<String> out = new ArrayList<>();
        for (Domain d : domains) {
            if (d.name != null) {
                out.add(d.name.text());
            }
        }
        return out;
    }

    /** Replaces the VCPUs of interest ({@code report.vcpus}) with a comma-separated list. */
    public void focus(String list, Origin origin) {
        List<Value> values = new ArrayList<>();
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                values.add(Value.option(part.trim(), origin, "report.vcpus"));
            }
        }
        reportVcpus = values;
        reportVcpusOrigin = origin;
    }

    /**
     * Replaces the report's timeline window ({@code report.window}).
     *
     * @param start  its start, a duration with a unit
     * @param length its length, or null to keep the scenario's
     */
    public void window(String start, String length, Origin origin) {
        windowStart = Value.option(start, origin, "report.window.start");
        if (length != null) {
            windowLength = Value.option(length, origin, "report.window.length");
        }
    }

    /** A deep copy, so overrides of one sweep point do not leak into another. */
    public ScenarioDocument copy() {
        ScenarioDocument c = new ScenarioDocument(source);
        c.values.putAll(values);
        c.platform = platform == null ? null : platform.copy();
        c.scheduler = scheduler == null ? null : scheduler.copy();
        for (Domain d : domains) {
            c.domains.add(d.copy());
        }
        c.domainsOrigin = domainsOrigin;
        for (Pool p : pools) {
            c.pools.add(p.copy());
        }
        c.reportVcpus = reportVcpus == null ? null : new ArrayList<>(reportVcpus);
        c.reportVcpusOrigin = reportVcpusOrigin;
        c.windowStart = windowStart;
        c.windowLength = windowLength;
        for (Adjustment a : adjustments) {
            c.adjustments.add(a.copy());
        }
        return c;
    }

    /** A change of scheduler parameters at a time: {@code {at, domain?, vcpu?, scheduler}}. */
    static final class Adjustment {
        Origin origin;
        String path;
        Value at;
        Value domain;
        Value vcpu;
        final ParamSet scheduler = new ParamSet();

        Adjustment copy() {
            Adjustment c = new Adjustment();
            c.origin = origin;
            c.path = path;
            c.at = at;
            c.domain = domain;
            c.vcpu = vcpu;
            c.scheduler.copyFrom(scheduler);
            return c;
        }
    }

    /** A plugin choice: an id and parameters. */
    static final class Component {
        Value id;
        final ParamSet params = new ParamSet();
        Origin origin;
        String path;

        Component copy() {
            Component c = new Component();
            c.id = id;
            c.origin = origin;
            c.path = path;
            c.params.copyFrom(params);
            return c;
        }
    }

    /**
     * Scheduler (or plugin) parameters: values for every scheduler, and sections holding
     * values for one scheduler id only.
     */
    static final class ParamSet {
        final Map<String, Value> common = new LinkedHashMap<>();
        final Map<String, Section> sections = new LinkedHashMap<>();

        void copyFrom(ParamSet o) {
            common.putAll(o.common);
            o.sections.forEach((k, s) -> sections.put(k, new Section(s.schedulerId, s.keyOrigin,
                    new LinkedHashMap<>(s.values))));
        }

        /** The values that apply when scheduler {@code id} runs: common ones, then its section. */
        Map<String, Value> effective(String id) {
            Map<String, Value> out = new LinkedHashMap<>(common);
            Section s = sections.get(id);
            if (s != null) {
                out.putAll(s.values);
            }
            return out;
        }

        /**
         * Sets a value for every scheduler, as {@code --set} does: it replaces the value any
         * scheduler's section gave the same key, so the command line wins over the file.
         */
        void setForAll(String key, Value v) {
            common.put(key, v);
            sections.values().forEach(s -> s.values().remove(key));
        }

        Section section(String id, Origin origin) {
            return sections.computeIfAbsent(id, k -> new Section(k, origin, new LinkedHashMap<>()));
        }
    }

    /**
     * Values for one scheduler only.
     *
     * @param schedulerId the scheduler they apply to
     * @param keyOrigin   where the section starts
     * @param values      by parameter name
     */
    record Section(String schedulerId, Origin keyOrigin, Map<String, Value> values) {
    }

    /** A domain. */
    static final class Domain {
        Origin origin;
        String path;
        Value name;
        /** The values of the domain keys of {@link ScenarioKey}. */
        final Map<ScenarioKey, Value> values = new EnumMap<>(ScenarioKey.class);
        final ParamSet scheduler = new ParamSet();
        final Map<String, VcpuSettings> perVcpu = new LinkedHashMap<>();
        Component workload;

        Domain copy() {
            Domain c = new Domain();
            c.origin = origin;
            c.path = path;
            c.name = name;
            c.values.putAll(values);
            c.scheduler.copyFrom(scheduler);
            perVcpu.forEach((k, v) -> c.perVcpu.put(k, v.copy()));
            c.workload = workload == null ? null : workload.copy();
            return c;
        }

        /** The value of a domain key, or null if the domain does not give it. */
        Value get(ScenarioKey key) {
            return values.get(key);
        }

        /** Sets a domain key; null removes it. */
        void set(ScenarioKey key, Value v) {
            if (key.place() != ScenarioKey.Place.DOMAIN) {
                throw new IllegalArgumentException(key + " is not a domain key");
            }
            put(values, key, v);
        }

        VcpuSettings vcpu(Value key) {
            return perVcpu.computeIfAbsent(key.text(), k -> {
                VcpuSettings s = new VcpuSettings();
                s.key = key;
                return s;
            });
        }
    }

    /** A cpupool: its name, its values of {@link ScenarioKey} ({@code cpus}) and its scheduler. */
    static final class Pool {
        Origin origin;
        String path;
        Value name;
        final Map<ScenarioKey, Value> values = new EnumMap<>(ScenarioKey.class);
        Component scheduler;

        Pool copy() {
            Pool c = new Pool();
            c.origin = origin;
            c.path = path;
            c.name = name;
            c.values.putAll(values);
            c.scheduler = scheduler == null ? null : scheduler.copy();
            return c;
        }

        /** The value of a pool key, or null if the pool does not give it. */
        Value get(ScenarioKey key) {
            return values.get(key);
        }

        /** Sets a pool key; null removes it. */
        void set(ScenarioKey key, Value v) {
            if (key.place() != ScenarioKey.Place.POOL) {
                throw new IllegalArgumentException(key + " is not a pool key");
            }
            put(values, key, v);
        }
    }

    /** Settings of one VCPU of a domain, or of all ({@code all}). */
    static final class VcpuSettings {
        Value key;
        Value affinity;
        final ParamSet scheduler = new ParamSet();

        VcpuSettings copy() {
            VcpuSettings c = new VcpuSettings();
            c.key = key;
            c.affinity = affinity;
            c.scheduler.copyFrom(scheduler);
            return c;
        }
    }
}
