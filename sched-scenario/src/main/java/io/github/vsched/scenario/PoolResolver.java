package io.github.vsched.scenario;

import io.github.vsched.api.Capability;
import io.github.vsched.api.CpuMask;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.core.ComponentSpec;
import io.github.vsched.core.PoolSpec;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario's {@code pools}, the cpupools besides Pool-0: names unique and not Pool-0, PCPUs
 * within the machine, not shared and leaving Pool-0 at least one, schedulers installed, able to
 * run a pool and given parameters they know. One resolver resolves one scenario's pools once.
 */
final class PoolResolver {
    private final List<Problem> problems;
    private final ScenarioDocument doc;
    private final Origin fileOrigin;
    private final PluginLookup plugins;
    private final ValueParser values;
    private final ParameterChecker checker;
    private final RefusalSites refusals;
    private final int pcpus;
    private final Cpupools out = new Cpupools();
    /** Where each pool's PCPUs were given, by pool name. */
    private final Map<String, Value> cpusBy = new LinkedHashMap<>();
    /** The PCPUs the pools take. */
    private final BitSet taken = new BitSet();
    /** The last PCPU list given, where taking every PCPU is reported. */
    private Value lastCpus;

    /**
     * @param fileOrigin the top of the scenario file, where problems without a value of their own are reported
     * @param pcpus      the platform's PCPU count, or not above 0 if not known
     */
    PoolResolver(List<Problem> problems, ScenarioDocument doc, Origin fileOrigin, PluginLookup plugins,
                 ValueParser values, ParameterChecker checker, RefusalSites refusals, int pcpus) {
        this.problems = problems;
        this.doc = doc;
        this.fileOrigin = fileOrigin;
        this.plugins = plugins;
        this.values = values;
        this.checker = checker;
        this.refusals = refusals;
        this.pcpus = pcpus;
    }

    /**
     * The pools of the scenario.
     *
     * @param pool0         Pool-0's scheduler (the scenario's), null if it failed to resolve
     * @param pool0IdValue  where Pool-0's scheduler was named, or null
     */
    Cpupools resolve(SchedulerProvider pool0, Value pool0IdValue) {
        out.schedulers.put(PoolSpec.POOL0, pool0);
        if (doc.pools.isEmpty()) {
            return out;
        }
        if (pool0 != null && !pool0.capabilities().contains(Capability.CPUPOOLS)) {
            Value at = pool0IdValue;
            Problem p = new Problem(at != null ? at.origin() : fileOrigin, "scheduler", "scheduler " + pool0.id()
                    + " runs Pool-0 here, but it schedules only whole machines (it does not declare the cpupools"
                    + " capability) and the scenario's pools take PCPUs from Pool-0; schedulers that can: "
                    + plugins.poolCapable());
            problems.add(p);
        }
        for (ScenarioDocument.Pool p : doc.pools) {
            pool(p);
        }
        if (pcpus > 0) {
            if (lastCpus != null && taken.cardinality() >= pcpus) {
                problems.add(lastCpus.problem("the cpupools take every PCPU (0-" + (pcpus - 1) + ") and leave none"
                        + " to " + PoolSpec.POOL0 + ", which holds dom0 and runs the scenario's scheduler; leave it"
                        + " at least one"));
            }
            BitSet rest = new BitSet();
            rest.set(0, pcpus);
            rest.andNot(taken);
            out.cpus.put(PoolSpec.POOL0, CpuMask.of(rest.stream().toArray()));
        }
        return out;
    }

    /** One pool of {@code pools}. */
    private void pool(ScenarioDocument.Pool p) {
        int before = problems.size();
        String name = name(p);
        Value cpusValue = p.get(ScenarioKey.POOL_CPUS);
        CpuMask cpus = cpus(cpusValue);
        SchedulerProvider pp = null;
        Map<String, String> params = new LinkedHashMap<>();
        if (p.scheduler != null && p.scheduler.id != null) {
            pp = plugins.lookup(plugins.registry().schedulers(), "scheduler", p.scheduler.id.text(),
                    p.scheduler.id.problem(""));
            if (pp != null && !pp.capabilities().contains(Capability.CPUPOOLS)) {
                problems.add(p.scheduler.id.problem("scheduler " + pp.id() + " schedules only whole machines (it"
                        + " does not declare the cpupools capability); it cannot run a cpupool; schedulers that"
                        + " can: " + plugins.poolCapable()));
                pp = null;
            }
            if (pp != null) {
                String owner = "scheduler " + pp.id() + " of cpupool " + name;
                params = checker.check(pp.parameters(), p.scheduler.params.common, "parameter", owner);
                if (name != null) {
                    refusals.pool(name, pp.id(), p.scheduler.id, p.scheduler.params.common);
                }
            }
        }
        if (name != null && !name.equals(PoolSpec.POOL0)) {
            out.schedulers.putIfAbsent(name, pp);
            out.schedulerIds.putIfAbsent(name, p.scheduler != null && p.scheduler.id != null
                    ? p.scheduler.id.text() : null);
            if (cpus != null) {
                out.cpus.putIfAbsent(name, cpus);
                cpusBy.putIfAbsent(name, cpusValue);
            }
        }
        if (problems.size() == before && name != null && cpus != null && pp != null) {
            out.specs.add(new PoolSpec(name, cpus, ComponentSpec.of(pp.id(), params)));
        }
    }

    /** A pool's name, checked; null if it has none. */
    private String name(ScenarioDocument.Pool p) {
        if (p.name == null) {
            return null;
        }
        String name = p.name.text();
        if (name.equals(PoolSpec.POOL0)) {
            problems.add(p.name.problem("cpupool " + PoolSpec.POOL0 + " exists in every machine: it holds"
                    + " dom0 and the PCPUs no other pool takes, and runs the scenario's scheduler; declare"
                    + " only the other pools"));
        } else if (!ScenarioResolver.DOMAIN_NAME.matcher(name).matches()) {
            problems.add(p.name.problem("invalid cpupool name " + Problem.quote(name) + "; allowed: a"
                    + " letter followed by letters, digits, '_' or '-'"));
        } else if (out.schedulers.containsKey(name)) {
            problems.add(p.name.problem("two cpupools are named '" + name + "'; names must be unique"));
        }
        return name;
    }

    /** A pool's PCPUs, not shared with the pools before it; null if not given or refused. */
    private CpuMask cpus(Value cpusValue) {
        CpuMask cpus = null;
        if (cpusValue != null) {
            if (cpusValue.text().isBlank()) {
                problems.add(cpusValue.problem("the cpupool has no PCPU; allowed: a PCPU list such as 0 or"
                        + " 2-3" + (pcpus > 0 ? " with PCPUs 0.." + (pcpus - 1) : "")));
            } else {
                cpus = values.cpuMask(cpusValue);
            }
        }
        if (cpus != null) {
            for (Map.Entry<String, Value> e : cpusBy.entrySet()) {
                CpuMask both = cpus.and(out.cpus.get(e.getKey()));
                if (!both.isEmpty()) {
                    problems.add(cpusValue.problem("PCPUs " + both + " are also in cpupool " + e.getKey() + " (at "
                            + e.getValue().origin() + "); a PCPU belongs to one pool"));
                }
            }
            for (int c = cpus.next(0); c >= 0; c = cpus.next(c + 1)) {
                taken.set(c);
            }
            lastCpus = cpusValue;
        }
        return cpus;
    }

    /**
     * The cpupools of a scenario as resolved: Pool-0 and the pools of {@code pools}, each with
     * its scheduler and PCPUs, which decide how each domain's parameters are checked and where
     * its VCPUs may run.
     */
    static final class Cpupools {
        /** The pools besides Pool-0 that resolved, for the core scenario. */
        private final List<PoolSpec> specs = new ArrayList<>();
        /** Each cpupool's scheduler by pool name, Pool-0 first; null for one that failed to resolve. */
        private final Map<String, SchedulerProvider> schedulers = new LinkedHashMap<>();
        /** The scheduler id each cpupool besides Pool-0 names. */
        private final Map<String, String> schedulerIds = new LinkedHashMap<>();
        /** Each cpupool's PCPUs (Pool-0's once the platform is known). */
        private final Map<String, CpuMask> cpus = new LinkedHashMap<>();

        /** The pools besides Pool-0 that resolved. */
        List<PoolSpec> specs() {
            return specs;
        }

        /** Whether the scenario has a cpupool of that name (Pool-0 included), resolved or not. */
        boolean has(String pool) {
            return schedulers.containsKey(pool);
        }

        /** The names of the cpupools, Pool-0 first. */
        List<String> names() {
            return new ArrayList<>(schedulers.keySet());
        }

        /** A cpupool's scheduler; null if it failed to resolve. */
        SchedulerProvider scheduler(String pool) {
            return schedulers.get(pool);
        }

        /** The scheduler id a cpupool besides Pool-0 names. */
        String schedulerId(String pool) {
            return schedulerIds.get(pool);
        }

        /** A cpupool's PCPUs; null if not known. */
        CpuMask cpus(String pool) {
            return cpus.get(pool);
        }
    }
}
