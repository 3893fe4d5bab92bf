package io.github.vsched.cli.result;

import io.github.vsched.cli.stats.Estimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Means and confidence intervals across seeds: runs grouped by scenario, scheduler label and
 * sweep point, each metric estimated over the group's seeds.
 */
public final class Aggregate {
    private Aggregate() {
    }

    /**
     * Runs of one scenario under one scheduler at one sweep point, over seeds.
     *
     * @param scenario  the scenario's name
     * @param scheduler the scheduler label
     * @param params    the sweep point (empty outside sweeps)
     * @param runs      its runs, one per seed
     */
    public record Group(String scenario, String scheduler, Map<String, String> params, List<RunRecord> runs) {
        /**
         * How tables and charts name the group: the scheduler label, after the scenario's name
         * when a comparison has several scenarios ({@code paper-idle · credit}), followed by the
         * sweep point's values.
         */
        public String label(boolean withScenario) {
            StringBuilder sb = new StringBuilder();
            if (withScenario) {
                sb.append(scenario).append(" · ");
            }
            sb.append(scheduler);
            params.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            return sb.toString();
        }
    }

    /**
     * One estimated quantity, a row of {@code estimates.csv} and {@code sweep.csv}.
     *
     * @param scenario  the scenario's name
     * @param scheduler the scheduler label
     * @param params    the sweep point
     * @param subject   a VCPU ({@code winxp/0}) or a domain (workload metrics)
     * @param metric    the metric's name ({@code dispatchIntervalUs.p99}, {@code framesLate})
     * @param estimate  mean and interval over seeds
     */
    public record Row(String scenario, String scheduler, Map<String, String> params, String subject, String metric,
                      Estimate estimate) {
    }

    /** The sweep parameter keys used by any run, in order of first use. */
    public static List<String> paramKeys(List<RunRecord> runs) {
        Set<String> keys = new LinkedHashSet<>();
        for (RunRecord r : runs) {
            keys.addAll(r.params().keySet());
        }
        return new ArrayList<>(keys);
    }

    /** Groups runs by scenario, scheduler and point, in the order they first appear. */
    public static List<Group> groups(List<RunRecord> runs) {
        Map<List<Object>, Group> out = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            out.computeIfAbsent(List.of(r.scenario(), r.scheduler(), r.params()), k -> new Group(r.scenario(),
                    r.scheduler(), r.params(), new ArrayList<>())).runs().add(r);
        }
        return new ArrayList<>(out.values());
    }

    /**
     * Every VCPU metric of {@code vcpu} in a group, by metric name. A metric missing from some
     * runs (a wait cause that did not occur there) counts as zero in them.
     */
    public static Map<String, Estimate> vcpu(Group g, String vcpu, double confidence) {
        List<Map<String, Double>> perRun = new ArrayList<>();
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (RunRecord r : g.runs()) {
            VcpuRecord v = r.vcpu(vcpu);
            if (v != null) {
                Map<String, Double> m = v.metrics();
                perRun.add(m);
                m.keySet().forEach(k -> values.putIfAbsent(k, new ArrayList<>()));
            }
        }
        for (Map<String, Double> m : perRun) {
            values.forEach((k, list) -> list.add(m.getOrDefault(k, 0.0)));
        }
        Map<String, Estimate> out = new LinkedHashMap<>();
        values.forEach((k, list) -> out.put(k, Estimate.of(toArray(list), confidence)));
        return out;
    }

    /** Every workload metric in a group: domain, then metric name. */
    public static Map<String, Map<String, Estimate>> workloads(Group g, double confidence) {
        Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
        for (RunRecord r : g.runs()) {
            for (WorkloadRecord w : r.workloads()) {
                Map<String, List<Double>> m = values.computeIfAbsent(w.domain(), k -> new LinkedHashMap<>());
                w.metrics().forEach((k, x) -> m.computeIfAbsent(k, q -> new ArrayList<>()).add(x));
            }
        }
        Map<String, Map<String, Estimate>> out = new LinkedHashMap<>();
        values.forEach((d, m) -> {
            Map<String, Estimate> e = new LinkedHashMap<>();
            m.forEach((k, list) -> e.put(k, Estimate.of(toArray(list), confidence)));
            out.put(d, e);
        });
        return out;
    }

    /** All estimates as rows: the focus VCPUs' metrics, then the workload metrics. */
    public static List<Row> rows(List<RunRecord> runs, List<String> focus, double confidence) {
        List<Row> rows = new ArrayList<>();
        for (Group g : groups(runs)) {
            for (String v : focus) {
                vcpu(g, v, confidence).forEach((m, e) -> rows.add(new Row(g.scenario(), g.scheduler(), g.params(), v,
                        m, e)));
            }
            workloads(g, confidence).forEach((d, m) -> m.forEach((k, e) ->
                    rows.add(new Row(g.scenario(), g.scheduler(), g.params(), d, k, e))));
        }
        return rows;
    }

    private static double[] toArray(List<Double> list) {
        double[] a = new double[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }
}
