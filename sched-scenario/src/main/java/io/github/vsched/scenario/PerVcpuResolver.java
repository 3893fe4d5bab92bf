package io.github.vsched.scenario;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.SchedulerProvider;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A domain's settings of each VCPU: its {@code affinity} and its {@code perVcpu} entries (for
 * {@code all} VCPUs, then for single ones by number), each VCPU's affinity within the domain's
 * cpupool, and the per-VCPU parameters of the scheduler that runs the domain.
 */
final class PerVcpuResolver {
    private final List<Problem> problems;
    private final ValueParser values;
    private final ParameterChecker checker;

    PerVcpuResolver(List<Problem> problems, ValueParser values, ParameterChecker checker) {
        this.problems = problems;
        this.values = values;
        this.checker = checker;
    }

    /** A domain's VCPU settings as given, by VCPU number. */
    static final class Vcpus {
        /** The scheduler values of each VCPU that has any. */
        final Map<Integer, Map<String, Value>> raw = new LinkedHashMap<>();
        /** The hard affinity of each VCPU that has one. */
        final Map<Integer, CpuMask> affinity = new LinkedHashMap<>();
        /** Where each VCPU's affinity was given. */
        final Map<Integer, Value> affinityValues = new LinkedHashMap<>();
    }

    /**
     * The domain's affinity and {@code perVcpu} entries, VCPU by VCPU: the domain's affinity,
     * then {@code all}'s, then the VCPU's own.
     *
     * @param vcpus         the domain's VCPU count
     * @param vcpusKnown    whether that count is the one given (not a stand-in for a bad value)
     * @param affinity      the domain's affinity, or null
     * @param affinityValue where it was given
     * @param schedId       the id of the scheduler that runs the domain
     */
    Vcpus settings(ScenarioDocument.Domain d, int vcpus, boolean vcpusKnown, CpuMask affinity, Value affinityValue,
                   String schedId) {
        Vcpus out = new Vcpus();
        ScenarioDocument.VcpuSettings all = d.perVcpu.get("all");
        for (int i = 0; i < vcpus; i++) {
            if (affinity != null) {
                out.affinity.put(i, affinity);
                out.affinityValues.put(i, affinityValue);
            }
            if (all != null) {
                out.raw.computeIfAbsent(i, k -> new LinkedHashMap<>()).putAll(all.scheduler.effective(schedId));
                if (all.affinity != null) {
                    affinity(out, i, all.affinity);
                }
            }
        }
        Map<Integer, Value> vcpuKeys = new LinkedHashMap<>();
        for (ScenarioDocument.VcpuSettings s : d.perVcpu.values()) {
            if (s == all) {
                continue;
            }
            int i = vcpuNumber(s, vcpus, vcpusKnown, vcpuKeys);
            if (i < 0) {
                continue;
            }
            out.raw.computeIfAbsent(i, k -> new LinkedHashMap<>()).putAll(s.scheduler.effective(schedId));
            if (s.affinity != null) {
                affinity(out, i, s.affinity);
            }
        }
        return out;
    }

    /** A VCPU's affinity from {@code perVcpu}, unless refused. */
    private void affinity(Vcpus out, int vcpu, Value v) {
        CpuMask m = values.cpuMask(v);
        if (m != null) {
            out.affinity.put(vcpu, m);
            out.affinityValues.put(vcpu, v);
        }
    }

    /** The VCPU a {@code perVcpu} key names; -1, with a problem unless the count is a stand-in, if none. */
    private int vcpuNumber(ScenarioDocument.VcpuSettings s, int vcpus, boolean vcpusKnown, Map<Integer, Value> vcpuKeys) {
        int i;
        try {
            i = Integer.parseInt(s.key.text());
        } catch (NumberFormatException e) {
            problems.add(s.key.keyProblem("expected a VCPU number in [0, " + (vcpus - 1) + "] or 'all', not '"
                    + s.key.text() + "'"));
            return -1;
        }
        Value previous = vcpuKeys.putIfAbsent(i, s.key);
        if (previous != null) {
            // 0 and 00 would both be VCPU 0, the second silently winning
            problems.add(s.key.keyProblem("VCPU " + i + " is already given as " + Problem.quote(previous.text())
                    + " at " + previous.keyOrigin() + "; give each VCPU once"));
            return -1;
        }
        if (i < 0 || i >= vcpus) {
            if (vcpusKnown) {
                problems.add(s.key.keyProblem("VCPU " + i + " does not exist; the domain has VCPUs 0.."
                        + (vcpus - 1)));
            }
            return -1;
        }
        return i;
    }

    /**
     * Each affinity has a PCPU of the domain's cpupool; said once for each value that has not.
     *
     * @param inPool the pool's PCPUs
     */
    void checkInPool(Vcpus v, String pool, CpuMask inPool) {
        Set<Value> told = new HashSet<>();
        v.affinity.forEach((i, m) -> {
            Value at = v.affinityValues.get(i);
            if (m.and(inPool).isEmpty() && at != null && told.add(at)) {
                problems.add(at.problem("affinity " + m + " has no PCPU in the domain's cpupool " + pool
                        + " (PCPUs " + inPool + "); its VCPUs run only there: give it at least one of them"));
            }
        });
    }

    /**
     * The per-VCPU parameters against the schema of the domain's scheduler, and the sections of
     * other schedulers against theirs.
     */
    Map<Integer, Map<String, String>> parameters(ScenarioDocument.Domain d, SchedulerProvider sp, Vcpus v) {
        Map<Integer, Map<String, String>> vcpuParams = new LinkedHashMap<>();
        for (ScenarioDocument.VcpuSettings s : d.perVcpu.values()) {
            checker.checkSections(s.scheduler, d.path + ".perVcpu." + s.key.text() + ".scheduler",
                    SchedulerProvider::vcpuParameters, "per-VCPU parameter");
        }
        for (Map.Entry<Integer, Map<String, Value>> e : v.raw.entrySet()) {
            vcpuParams.put(e.getKey(), checker.check(sp.vcpuParameters(), e.getValue(), "per-VCPU parameter",
                    "scheduler " + sp.id()));
        }
        return vcpuParams;
    }
}
