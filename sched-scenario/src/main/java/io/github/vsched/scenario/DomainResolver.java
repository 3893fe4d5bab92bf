package io.github.vsched.scenario;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.api.WorkloadProvider;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.HvmTimerMode;
import io.github.vsched.core.PoolSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scenario's {@code domains}, each into a core {@link DomainSpec}: its cpupool (which decides
 * the scheduler its parameters are for), name, type, driver role, VCPUs (within
 * {@link ScenarioResolver#MAX_TOTAL_VCPUS} in all domains), memory, interrupt VCPU, timer mode,
 * affinity and per-VCPU settings ({@link PerVcpuResolver}), scheduler parameters and workload.
 * One resolver resolves one scenario's domains once.
 */
final class DomainResolver {
    private final List<Problem> problems;
    private final ScenarioDocument doc;
    private final PluginLookup plugins;
    private final ValueParser values;
    private final ParameterChecker checker;
    private final PerVcpuResolver perVcpu;
    private final RefusalSites refusals;
    private final PoolResolver.Cpupools pools;
    private final int pcpus;
    private final Set<String> names = new TreeSet<>();
    private int totalVcpus;
    private boolean tooManyVcpus;

    /**
     * @param pools the scenario's cpupools, resolved
     * @param pcpus the platform's PCPU count, or not above 0 if not known
     */
    DomainResolver(List<Problem> problems, ScenarioDocument doc, PluginLookup plugins, ValueParser values,
                   ParameterChecker checker, RefusalSites refusals, PoolResolver.Cpupools pools, int pcpus) {
        this.problems = problems;
        this.doc = doc;
        this.plugins = plugins;
        this.values = values;
        this.checker = checker;
        this.perVcpu = new PerVcpuResolver(problems, values, checker);
        this.refusals = refusals;
        this.pools = pools;
        this.pcpus = pcpus;
    }

    /**
     * The domains that resolved, in the order of the file.
     *
     * @param pool0Scheduler the scenario's scheduler, which runs Pool-0; null if it failed to resolve
     * @param pool0SchedId   its id, or null
     */
    List<DomainSpec> resolve(SchedulerProvider pool0Scheduler, String pool0SchedId) {
        List<DomainSpec> out = new ArrayList<>();
        for (ScenarioDocument.Domain d : doc.domains) {
            DomainSpec spec = domain(d, pool0Scheduler, pool0SchedId);
            if (spec != null) {
                out.add(spec);
            }
        }
        return out;
    }

    /** The cpupool a domain is in and the scheduler that runs it there. */
    private record Placement(String pool, Value poolValue, SchedulerProvider scheduler, String schedulerId) {
    }

    /** The domain's workload: its id (null if none is given) and parameters. */
    private record Workload(String id, Map<String, String> params) {
    }

    private DomainSpec domain(ScenarioDocument.Domain d, SchedulerProvider pool0Scheduler, String pool0SchedId) {
        int before = problems.size();
        Placement at = placement(d, pool0Scheduler, pool0SchedId);
        if (at == null) {
            return null;
        }
        String name = name(d);
        DomainType type = type(d);
        boolean driver = driver(d, name, at);
        int before0 = problems.size();
        // a driver domain has one VCPU per PCPU unless told otherwise, as dom0 does by default
        Value vcpusValue = d.get(ScenarioKey.DOMAIN_VCPUS);
        int vcpus = vcpusValue == null ? (driver && pcpus > 0 ? pcpus : 1)
                : (int) values.range(vcpusValue, 1, ScenarioResolver.MAX_VCPUS);
        boolean vcpusKnown = problems.size() == before0;
        if (vcpusKnown && !withinTotal(d, vcpusValue, vcpus, driver)) {
            return null;
        }
        Value memoryValue = d.get(ScenarioKey.DOMAIN_MEMORY);
        long memory = memoryValue == null ? 256 : values.memoryMb(memoryValue);
        Value irqValue = d.get(ScenarioKey.DOMAIN_IRQ_VCPU);
        int irqVcpu = irqValue == null || !vcpusKnown ? 0 : (int) values.range(irqValue, 0, Math.max(0, vcpus - 1));
        HvmTimerMode timerMode = timerMode(d, type, name);
        Value affinityValue = d.get(ScenarioKey.DOMAIN_AFFINITY);
        CpuMask affinity = affinityValue == null ? null : values.cpuMask(affinityValue);
        Map<String, String> domParams = domainParameters(d, at);
        PerVcpuResolver.Vcpus vcpuSettings = perVcpu.settings(d, vcpus, vcpusKnown, affinity, affinityValue,
                at.schedulerId());
        CpuMask inPool = pools.cpus(at.pool());
        if (inPool != null && !doc.pools.isEmpty()) {
            perVcpu.checkInPool(vcpuSettings, at.pool(), inPool);
        }
        Map<Integer, Map<String, String>> vcpuParams = at.scheduler() == null ? new LinkedHashMap<>()
                : perVcpu.parameters(d, at.scheduler(), vcpuSettings);
        Workload workload = workload(d);
        if (problems.size() > before || name == null || workload.id() == null) {
            return null;
        }
        refusals.domain(name, d, vcpus, d.scheduler.effective(at.schedulerId()), vcpuSettings.raw, at.schedulerId());
        DomainSpec.Builder b = DomainSpec.builder(name).type(type).vcpus(vcpus).memoryMb(memory).pool(at.pool())
                .driverDomain(driver).irqVcpu(irqVcpu).timerMode(timerMode).workload(workload.id(), workload.params());
        domParams.forEach(b::schedulerParam);
        vcpuParams.forEach((i, m) -> m.forEach((k, v) -> b.vcpuSchedulerParam(i, k, v)));
        vcpuSettings.affinity.forEach(b::vcpuAffinity);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(d.origin, d.path, e.getMessage()));
            return null;
        }
    }

    /**
     * The domain's cpupool ({@code pool}, Pool-0 if none) and its scheduler; null if the pool is
     * not one of the scenario's (a problem) or its scheduler failed to resolve (reported already).
     */
    private Placement placement(ScenarioDocument.Domain d, SchedulerProvider pool0Scheduler, String pool0SchedId) {
        Value poolValue = d.get(ScenarioKey.DOMAIN_POOL);
        String pool = poolValue == null ? PoolSpec.POOL0 : poolValue.text();
        if (pool.equals(PoolSpec.POOL0)) {
            return new Placement(pool, poolValue, pool0Scheduler, pool0SchedId);
        }
        if (!pools.has(pool)) {
            List<String> known = pools.names();
            String hint = Parameters.closest(pool, known);
            problems.add(poolValue.problem("no cpupool " + Problem.quote(pool) + (hint == null ? ""
                    : " (did you mean '" + hint + "'?)") + "; the scenario's pools: " + String.join(", ", known)));
            return null;
        }
        SchedulerProvider sp = pools.scheduler(pool);
        if (sp == null) {
            return null; // the pool's scheduler is reported already
        }
        return new Placement(pool, poolValue, sp, pools.schedulerId(pool));
    }

    /** The domain's name, checked; null if it has none. */
    private String name(ScenarioDocument.Domain d) {
        if (d.name == null) {
            return null;
        }
        String name = d.name.text();
        if (!ScenarioResolver.DOMAIN_NAME.matcher(name).matches()) {
            problems.add(d.name.problem("invalid domain name " + Problem.quote(name) + "; allowed: a letter followed by"
                    + " letters, digits, '_' or '-'"));
        } else if (!names.add(name)) {
            problems.add(d.name.problem("two domains are named '" + name + "'; names must be unique"));
        }
        return name;
    }

    /** The domain's {@code type}, PV if not given or refused. */
    private DomainType type(ScenarioDocument.Domain d) {
        Value typeValue = d.get(ScenarioKey.DOMAIN_TYPE);
        if (typeValue == null) {
            return DomainType.PV;
        }
        String t = typeValue.text().toLowerCase(Locale.ROOT);
        if (t.equals("pv")) {
            return DomainType.PV;
        } else if (t.equals("hvm")) {
            return DomainType.HVM;
        }
        problems.add(typeValue.problem("invalid value " + Problem.quote(typeValue.text()) + "; allowed: pv, hvm"));
        return DomainType.PV;
    }

    /** Whether the domain is the driver domain ({@code driver}, else whether it is named dom0), which stays in Pool-0. */
    private boolean driver(ScenarioDocument.Domain d, String name, Placement at) {
        Value driverValue = d.get(ScenarioKey.DOMAIN_DRIVER);
        boolean driver = driverValue != null ? values.bool(driverValue) : "dom0".equals(name);
        if (driver && !at.pool().equals(PoolSpec.POOL0)) {
            // XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN refuses domain 0 (4.1: domid == 0 is -EINVAL; later
            // rcu_lock_remote_domain_by_id refuses the caller, dom0 itself)
            problems.add(at.poolValue().problem("domain " + name + " is the driver domain (dom0), which stays in "
                    + PoolSpec.POOL0 + " as in Xen; it cannot be in cpupool " + at.pool()));
        }
        return driver;
    }

    /**
     * Counts the domain's VCPUs into the total of all domains; false once the total passes
     * {@link ScenarioResolver#MAX_TOTAL_VCPUS}, said once, at the domain that crosses it,
     * before anything is made per VCPU.
     */
    private boolean withinTotal(ScenarioDocument.Domain d, Value vcpusValue, int vcpus, boolean driver) {
        totalVcpus += vcpus;
        if (totalVcpus <= ScenarioResolver.MAX_TOTAL_VCPUS) {
            return true;
        }
        if (!tooManyVcpus) {
            tooManyVcpus = true;
            Value at = vcpusValue != null ? vcpusValue : d.name != null ? d.name : null;
            Problem p = new Problem(at != null ? at.origin() : d.origin, at != null ? at.path()
                    : d.path, "the domains up to this one have " + totalVcpus + " VCPUs" + (vcpusValue
                    == null && driver ? " (a driver domain has one VCPU per PCPU unless 'vcpus' says"
                    + " otherwise)" : "") + "; allowed: at most " + ScenarioResolver.MAX_TOTAL_VCPUS + " VCPUs in all"
                    + " domains");
            problems.add(p);
        }
        return false;
    }

    /** The domain's {@code timerMode} (HVM only), Xen's default if not given or refused. */
    private HvmTimerMode timerMode(ScenarioDocument.Domain d, DomainType type, String name) {
        Value timerModeValue = d.get(ScenarioKey.DOMAIN_TIMER_MODE);
        HvmTimerMode timerMode = HvmTimerMode.XEND_DEFAULT;
        if (timerModeValue != null) {
            int before = problems.size();
            int mode = (int) values.range(timerModeValue, 0, 3);
            if (problems.size() == before) {
                if (type != DomainType.HVM) {
                    problems.add(timerModeValue.problem("timerMode is an HVM parameter (HVM_PARAM_TIMER_MODE);"
                            + " domain " + name + " is PV"));
                } else {
                    timerMode = HvmTimerMode.ofXenValue(mode);
                }
            }
        }
        return timerMode;
    }

    /**
     * The domain's per-domain scheduler parameters against the schema of the scheduler that runs
     * it, and the sections of other schedulers against theirs; none if that scheduler failed to
     * resolve.
     */
    private Map<String, String> domainParameters(ScenarioDocument.Domain d, Placement at) {
        SchedulerProvider sp = at.scheduler();
        if (sp == null) {
            return new LinkedHashMap<>();
        }
        checker.checkSections(d.scheduler, d.path + ".scheduler", SchedulerProvider::domainParameters,
                "per-domain parameter");
        return checker.check(sp.domainParameters(), d.scheduler.effective(at.schedulerId()), "per-domain parameter",
                "scheduler " + sp.id());
    }

    /** The domain's {@code workload}: its id, and its parameters checked against the plugin's schema. */
    private Workload workload(ScenarioDocument.Domain d) {
        if (d.workload == null || d.workload.id == null) {
            return new Workload(null, new LinkedHashMap<>());
        }
        String workloadId = d.workload.id.text();
        WorkloadProvider wp = plugins.lookup(plugins.registry().workloads(), "workload", workloadId,
                d.workload.id.problem(""));
        if (wp == null) {
            return new Workload(workloadId, new LinkedHashMap<>());
        }
        return new Workload(workloadId, checker.check(wp.parameters(), d.workload.params.common, "parameter",
                "workload " + wp.id()));
    }
}
