package io.github.vsched.scenario;

import io.github.vsched.api.Durations;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.core.Adjustment;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.SchedulerParameterResolver;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario's {@code adjustments}, the scheduler parameters changed at given times during the
 * run: each checked on its own ({@link #resolve}), then, once the scenario is built, all of them
 * applied in time order as the run will apply them ({@link #checkInTimeOrder}). One resolver
 * resolves one scenario's adjustments.
 */
final class AdjustmentResolver {
    private final List<Problem> problems;
    private final Origin fileOrigin;
    private final ValueParser values;
    private final ParameterChecker checker;
    private final long tscHz;
    /** Where each resolved adjustment was written. */
    private final Map<Adjustment, ScenarioDocument.Adjustment> written = new IdentityHashMap<>();

    /**
     * @param fileOrigin the top of the scenario file, where a refusal without a value of its own is reported
     * @param tscHz      the platform's TSC rate, 0 if not known
     */
    AdjustmentResolver(List<Problem> problems, Origin fileOrigin, ValueParser values, ParameterChecker checker,
                       long tscHz) {
        this.problems = problems;
        this.fileOrigin = fileOrigin;
        this.values = values;
        this.checker = checker;
        this.tscHz = tscHz;
    }

    /**
     * The adjustments that resolved, in the order of the file.
     *
     * @param sp         the scenario's scheduler, null if it failed to resolve
     * @param schedId    its id, or null
     * @param vcpuCounts the VCPU count of each domain that resolved
     * @param runNs      the run's duration, 0 if not known
     */
    List<Adjustment> resolve(List<ScenarioDocument.Adjustment> adjustments, SchedulerProvider sp, String schedId,
                             Map<String, Integer> vcpuCounts, long runNs) {
        List<Adjustment> out = new ArrayList<>();
        for (ScenarioDocument.Adjustment a : adjustments) {
            Adjustment x = adjustment(a, sp, schedId, vcpuCounts, runNs);
            if (x != null) {
                out.add(x);
                written.put(x, a);
            }
        }
        return out;
    }

    /**
     * One timed adjustment, checked against the scheduler that runs: its time within the run,
     * its domain and VCPU, its parameters against the schema of its level. Values in another
     * scheduler's section only do not apply to this one; an adjustment left with none is dropped.
     */
    private Adjustment adjustment(ScenarioDocument.Adjustment a, SchedulerProvider sp, String schedId,
                                  Map<String, Integer> vcpuCounts, long runNs) {
        int before = problems.size();
        long at = a.at == null ? 0 : values.duration(a.at, false);
        if (a.at != null && problems.size() == before && runNs > 0 && at > runNs) {
            problems.add(a.at.problem("invalid value " + Problem.quote(a.at.text()) + "; allowed: a time within"
                    + " the run, at most its duration " + Durations.format(runNs)));
        }
        int vcpu = -1;
        if (a.domain != null && !vcpuCounts.containsKey(a.domain.text())) {
            problems.add(a.domain.problem("invalid value " + Problem.quote(a.domain.text()) + "; allowed: one of"
                    + " the scenario's domains: " + String.join(", ", vcpuCounts.keySet())));
        } else if (a.domain != null && a.vcpu != null) {
            vcpu = (int) values.range(a.vcpu, 0, Math.max(0, vcpuCounts.get(a.domain.text()) - 1));
        }
        if (sp == null || schedId == null) {
            return null;
        }
        checker.checkSections(a.scheduler, a.path + ".scheduler", a.vcpu != null ? SchedulerProvider::vcpuParameters
                : a.domain != null ? SchedulerProvider::domainParameters : SchedulerProvider::parameters,
                "parameter");
        List<ParameterSpec> schema = a.vcpu != null ? sp.vcpuParameters()
                : a.domain != null ? sp.domainParameters() : sp.parameters();
        String what = a.vcpu != null ? "per-VCPU parameter" : a.domain != null ? "per-domain parameter" : "parameter";
        Map<String, String> params = checker.check(schema, a.scheduler.effective(schedId), what, "scheduler " + sp.id());
        if (problems.size() > before || params.isEmpty()) {
            return null;
        }
        return a.domain == null ? Adjustment.scheduler(at, params)
                : a.vcpu == null ? Adjustment.domain(at, a.domain.text(), params)
                : Adjustment.vcpu(at, a.domain.text(), vcpu, params);
    }

    /**
     * Resolves the scheduler parameters after each adjustment in time order, as the run will,
     * so a combination the scheduler's validation refuses (RTDS: a budget above the period it
     * inherits) is reported at the adjustment's value now rather than stopping the run.
     */
    void checkInTimeOrder(Scenario scenario, SchedulerProvider sp) {
        if (sp == null || scenario.adjustments().isEmpty()) {
            return;
        }
        Map<String, String> schedRaw = new LinkedHashMap<>(scenario.scheduler().params());
        Map<String, Map<String, String>> domRaw = new LinkedHashMap<>();
        Map<String, Map<String, String>> vcpuRaw = new LinkedHashMap<>();
        Map<String, Integer> vcpus = new LinkedHashMap<>();
        for (DomainSpec d : scenario.domains()) {
            domRaw.put(d.name(), new LinkedHashMap<>(d.schedulerParams()));
            vcpus.put(d.name(), d.vcpus());
            for (int i = 0; i < d.vcpus(); i++) {
                vcpuRaw.put(d.name() + "/" + i, new LinkedHashMap<>(d.vcpuSchedulerParams().getOrDefault(i, Map.of())));
            }
        }
        for (Adjustment a : scenario.adjustments()) {
            try {
                switch (a.level()) {
                    case SCHEDULER -> schedRaw.putAll(a.params());
                    case DOMAIN -> domRaw.get(a.domain()).putAll(a.params());
                    case VCPU -> vcpuRaw.get(a.domain() + "/" + a.vcpu()).putAll(a.params());
                }
                Parameters sched = SchedulerParameterResolver.scheduler(sp, schedRaw, tscHz);
                for (Map.Entry<String, Integer> d : vcpus.entrySet()) {
                    Parameters dp = SchedulerParameterResolver.domain(sp, sched, d.getKey(), domRaw.get(d.getKey()),
                            tscHz);
                    for (int i = 0; i < d.getValue(); i++) {
                        SchedulerParameterResolver.vcpu(sp, sched, dp, d.getKey(), i, vcpuRaw.get(d.getKey() + "/" + i),
                                tscHz);
                    }
                }
            } catch (InvalidParameterException e) {
                problems.add(refusal(a, sp, e));
                return;
            }
        }
    }

    /** What the scheduler refuses as an adjustment applies, at the value that set it, else at the adjustment's time. */
    private Problem refusal(Adjustment a, SchedulerProvider sp, InvalidParameterException e) {
        ScenarioDocument.Adjustment w = written.get(a);
        String name = e.parameter() == null ? "" : e.parameter().substring(e.parameter().lastIndexOf('.') + 1);
        Value at = w == null ? null : w.scheduler.effective(sp.id()).get(name);
        if (at == null && w != null) {
            at = w.at;
        }
        String message = "refused by scheduler " + sp.id() + " when the adjustment at "
                + Durations.format(a.atNs()) + " applies: " + e.getMessage();
        return at != null ? at.problem(message) : new Problem(fileOrigin, "adjustments", message);
    }
}
