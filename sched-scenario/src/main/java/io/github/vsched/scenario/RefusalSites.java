package io.github.vsched.scenario;

import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.ParameterOwner;
import io.github.vsched.core.ScenarioConflictException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where in a scenario each plugin value was given, so that what creating the platform or the
 * simulation refuses is reported at the value that caused it: a parameter a plugin rejects
 * (found by the name the core resolved it under, see {@link ParameterOwner}), or the domain
 * setting of a {@link ScenarioConflictException}; else at the domain the message names, else
 * at the top of the file. Filled in as the scenario is checked: the scheduler by
 * {@link ScenarioResolver}, the cpupools by {@link PoolResolver}, the domains by
 * {@link DomainResolver}.
 */
final class RefusalSites {
    private final ScenarioDocument doc;
    private final Origin fileOrigin;
    private final Map<String, DomainValues> domains = new LinkedHashMap<>();
    private final Map<String, Target> pools = new LinkedHashMap<>();
    private String schedulerId;
    private Value schedulerIdValue;
    private Map<String, Value> schedulerParams = Map.of();

    RefusalSites(ScenarioDocument doc, Origin fileOrigin) {
        this.doc = doc;
        this.fileOrigin = fileOrigin;
    }

    /** The scheduler that runs: its id, where it was named, and its values in force. */
    void scheduler(String id, Value idValue, Map<String, Value> params) {
        this.schedulerId = id;
        this.schedulerIdValue = idValue;
        this.schedulerParams = params;
    }

    /** A domain's values for the plugins. */
    void domain(String name, ScenarioDocument.Domain d, int vcpus, Map<String, Value> schedulerParams,
                Map<Integer, Map<String, Value>> vcpuParams, String schedulerId) {
        domains.put(name, new DomainValues(d, vcpus, schedulerParams, vcpuParams, schedulerId));
    }

    /** A cpupool's scheduler: its id, where it was named, and its values. */
    void pool(String name, String schedulerId, Value idValue, Map<String, Value> params) {
        pools.put(ParameterOwner.poolScheduler(name, schedulerId),
                new Target(params, idValue, "scheduler " + schedulerId + " of cpupool " + name));
    }

    /**
     * A refusal as a problem at the value it concerns.
     *
     * @param specs the domains as created, to tell driver domains
     */
    Problem of(IllegalArgumentException e, List<DomainSpec> specs) {
        if (e instanceof ScenarioConflictException c) {
            Problem p = conflict(c, specs);
            if (p != null) {
                return p;
            }
        }
        if (e instanceof InvalidParameterException ipe && ipe.parameter() != null) {
            Problem p = parameter(ipe);
            if (p != null) {
                return p;
            }
        }
        String message = withoutScenarioName(e.getMessage());
        for (ScenarioDocument.Domain d : doc.domains) {
            if (d.name != null && d.origin != null && (message.contains("domain " + d.name.text() + " ")
                    || message.contains("domain " + d.name.text() + ":"))) {
                return new Problem(d.origin, d.path, message);
            }
        }
        return new Problem(fileOrigin, null, message);
    }

    private Problem conflict(ScenarioConflictException c, List<DomainSpec> specs) {
        DomainValues dv = domains.get(c.domain());
        if (dv == null) {
            return null;
        }
        ScenarioDocument.Domain d = dv.doc();
        boolean driver = specs.stream().anyMatch(s -> s.name().equals(c.domain()) && s.driverDomain());
        Value at = switch (c.setting()) {
            case TYPE -> d.get(ScenarioKey.DOMAIN_TYPE);
            case MEMORY -> d.get(ScenarioKey.DOMAIN_MEMORY);
            // the flag if it was given; else, for a domain that is not a driver, the workload that needs one
            case DRIVER -> d.get(ScenarioKey.DOMAIN_DRIVER) != null ? d.get(ScenarioKey.DOMAIN_DRIVER)
                    : driver ? null : d.workload.id;
            case WORKLOAD -> d.workload.id;
            case POOL -> d.get(ScenarioKey.DOMAIN_POOL);
            case AFFINITY -> d.get(ScenarioKey.DOMAIN_AFFINITY);
        };
        if (at == null) {
            at = d.name;
        }
        return at.problem(withoutScenarioName(c.getMessage()));
    }

    /** A parameter a plugin rejected, at the value that set it (or the plugin it belongs to). */
    private Problem parameter(InvalidParameterException e) {
        String qualified = e.parameter();
        int dot = qualified.lastIndexOf('.');
        String owner = dot < 0 ? "" : qualified.substring(0, dot);
        String name = qualified.substring(dot + 1);
        Target t = target(owner);
        Value v = t == null ? null : t.values().get(name);
        if (t == null) {
            // a plugin that names the parameter without its owner: a global one
            Map<String, Value> platformParams = doc.platform == null ? Map.of() : doc.platform.params.common;
            if (schedulerParams.containsKey(qualified)) {
                t = new Target(schedulerParams, schedulerIdValue, "scheduler " + schedulerId);
                v = schedulerParams.get(qualified);
            } else if (platformParams.containsKey(qualified) && doc.platform.id != null) {
                t = new Target(platformParams, doc.platform.id, "platform " + doc.platform.id.text());
                v = platformParams.get(qualified);
            } else {
                return null;
            }
        }
        String prefix = "parameter '" + qualified + "': ";
        String m = e.getMessage();
        String detail = m.startsWith(prefix) ? m.substring(prefix.length()) : m;
        if (v != null) {
            return v.problem(e.allowed() != null
                    ? "invalid value " + Problem.quote(v.text()) + " for " + t.owner() + "; allowed: " + e.allowed()
                    : "refused by " + t.owner() + ": " + detail);
        }
        Value at = t.fallback() != null ? t.fallback() : schedulerIdValue;
        if (at == null) {
            return null;
        }
        return new Problem(at.origin(), at.path(), "parameter '" + name + "'" + (e.value() == null ? ""
                : " (its default, " + Problem.quote(e.value()) + ")") + " refused by " + t.owner() + ": "
                + (e.allowed() != null ? "allowed: " + e.allowed() : detail));
    }

    /** Where the values of the plugin parameters resolved under {@code owner} are. */
    private Target target(String owner) {
        if (doc.platform != null && doc.platform.id != null
                && owner.equals(ParameterOwner.platform(doc.platform.id.text()))) {
            return new Target(doc.platform.params.common, doc.platform.id, "platform " + doc.platform.id.text());
        }
        if (pools.containsKey(owner)) {
            return pools.get(owner);
        }
        if (schedulerId == null) {
            return null;
        }
        if (owner.equals(ParameterOwner.scheduler(schedulerId))) {
            return new Target(schedulerParams, schedulerIdValue, "scheduler " + schedulerId);
        }
        for (Map.Entry<String, DomainValues> e : domains.entrySet()) {
            String name = e.getKey();
            ScenarioDocument.Domain d = e.getValue().doc();
            String schedulerId = e.getValue().schedulerId() != null ? e.getValue().schedulerId() : this.schedulerId;
            String scheduler = "scheduler " + schedulerId;
            if (owner.equals(ParameterOwner.domain(name, schedulerId))) {
                return new Target(e.getValue().schedulerParams(), d.name, scheduler);
            }
            if (d.workload != null && d.workload.id != null
                    && owner.equals(ParameterOwner.workload(d.workload.id.text(), name))) {
                return new Target(d.workload.params.common, d.workload.id, "workload " + d.workload.id.text());
            }
            for (int i = 0; i < e.getValue().vcpus(); i++) {
                if (owner.equals(ParameterOwner.vcpu(name, i, schedulerId))) {
                    ScenarioDocument.VcpuSettings own = d.perVcpu.get(Integer.toString(i));
                    ScenarioDocument.VcpuSettings all = d.perVcpu.get("all");
                    Value at = own != null ? own.key : all != null ? all.key : d.name;
                    return new Target(e.getValue().vcpuParams().getOrDefault(i, Map.of()), at, scheduler);
                }
            }
        }
        return null;
    }

    /**
     * The values a domain gave the plugins.
     *
     * @param doc             the domain as written
     * @param vcpus           its number of VCPUs
     * @param schedulerParams its per-domain scheduler values for the scheduler that runs
     * @param vcpuParams      its per-VCPU scheduler values by VCPU
     */
    private record DomainValues(ScenarioDocument.Domain doc, int vcpus, Map<String, Value> schedulerParams,
                                Map<Integer, Map<String, Value>> vcpuParams, String schedulerId) {
    }

    /**
     * Where the parameters of one plugin instance were given.
     *
     * @param values   the values given, by parameter name
     * @param fallback where to point when the parameter concerned was not given (the plugin's id)
     * @param owner    the plugin in messages ({@code workload phases})
     */
    private record Target(Map<String, Value> values, Value fallback, String owner) {
    }

    /** A message of the core without its leading {@code scenario NAME: }, which the place already says. */
    private static String withoutScenarioName(String message) {
        if (message != null && message.startsWith("scenario ")) {
            int colon = message.indexOf(": ");
            if (colon > 0) {
                return message.substring(colon + 2);
            }
        }
        return message == null ? "" : message;
    }
}
