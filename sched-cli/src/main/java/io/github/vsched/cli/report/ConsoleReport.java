package io.github.vsched.cli.report;

import io.github.vsched.cli.result.Aggregate;
import io.github.vsched.cli.result.ResultSet;
import io.github.vsched.cli.result.RunRecord;
import io.github.vsched.cli.result.VcpuRecord;
import io.github.vsched.cli.result.WorkloadRecord;
import io.github.vsched.cli.stats.Estimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The tables printed on standard output. */
public final class ConsoleReport {
    private ConsoleReport() {
    }

    /** The table of one run: a row per VCPU, then the workload metrics. */
    public static String run(ResultSet set, RunRecord r, long wallNs) {
        StringBuilder sb = new StringBuilder();
        sb.append("scenario ").append(set.scenario()).append(" | scheduler ").append(r.scheduler())
                .append(" | platform ").append(r.platform()).append(" | seed ").append(r.seed()).append(" | ")
                .append(Numbers.duration(r.durationNs())).append(" simulated, ").append(Numbers.count(r.events()))
                .append(" events in ").append(Numbers.duration(wallNs)).append('\n').append('\n');
        TextTable t = new TextTable(List.of("VCPU", "CPU %", "dispatches", "wake p50 us", "wake p99 us", "wake max us",
                "interval p50 us", "interval p99 us", "run p50 us", "run p99 us"));
        for (VcpuRecord v : r.vcpus()) {
            t.add(List.of(v.name(), Numbers.format(v.cpuShare() * 100), Numbers.count(v.dispatches()),
                    Numbers.format(v.wakeLatencyUs().p50()), Numbers.format(v.wakeLatencyUs().p99()),
                    Numbers.format(v.wakeLatencyUs().max()), Numbers.format(v.dispatchIntervalUs().p50()),
                    Numbers.format(v.dispatchIntervalUs().p99()), Numbers.format(v.runLengthUs().p50()),
                    Numbers.format(v.runLengthUs().p99())));
        }
        sb.append(t.render());
        TextTable w = new TextTable(List.of("domain", "workload", "metric", "value"));
        for (WorkloadRecord wr : r.workloads()) {
            wr.metrics().forEach((k, v) -> w.add(List.of(wr.domain(), wr.workload(), k, Numbers.format(v))));
        }
        if (!w.isEmpty()) {
            sb.append('\n').append(w.render());
        }
        return sb.toString();
    }

    /**
     * The comparison table: a row per scheduler per VCPU of interest with means and intervals
     * across seeds, then the workload metrics with a column per scheduler.
     */
    public static String compare(ResultSet set) {
        StringBuilder sb = new StringBuilder();
        int n = set.seeds().size();
        sb.append("scenario ").append(set.scenario()).append(" | platform ").append(set.platform()).append(" | ")
                .append(set.schedulers().size()).append(set.schedulers().size() == 1 ? " scheduler x " : " schedulers x ")
                .append(n).append(n == 1 ? " seed" : " seeds").append(" (").append(seedRange(set.seeds()))
                .append(", the same for every scheduler) | ").append(Numbers.duration(set.durationNs()))
                .append(" simulated each\n");
        sb.append(n > 1 ? "mean ± half-width of the " + Math.round(set.confidence() * 100)
                + "% confidence interval across seeds (Student's t, " + (n - 1) + " df)\n"
                : "one seed: no confidence intervals (use --seeds N)\n").append('\n');
        List<Aggregate.Group> groups = Aggregate.groups(set.runs());
        TextTable t = new TextTable(List.of("scheduler", "VCPU", "CPU %", "interval p50 us", "interval p99 us",
                "run p50 us", "wake p50 us", "wake p99 us"));
        for (Aggregate.Group g : groups) {
            for (String v : set.focus()) {
                Map<String, Estimate> m = Aggregate.vcpu(g, v, set.confidence());
                if (m.isEmpty()) {
                    continue;
                }
                t.add(List.of(g.scheduler(), v, Numbers.percent(m.get("cpuShare")),
                        Numbers.estimate(m.get("dispatchIntervalUs.p50")), Numbers.estimate(m.get("dispatchIntervalUs.p99")),
                        Numbers.estimate(m.get("runLengthUs.p50")), Numbers.estimate(m.get("wakeLatencyUs.p50")),
                        Numbers.estimate(m.get("wakeLatencyUs.p99"))));
            }
        }
        sb.append(t.render());
        String w = workloadTable(set, groups);
        if (!w.isEmpty()) {
            sb.append('\n').append(w);
        }
        return sb.toString();
    }

    /** Workload metrics: a row per domain and metric, a column per group. */
    static String workloadTable(ResultSet set, List<Aggregate.Group> groups) {
        Map<Aggregate.Group, Map<String, Map<String, Estimate>>> byGroup = new LinkedHashMap<>();
        Set<List<String>> keys = new LinkedHashSet<>();
        for (Aggregate.Group g : groups) {
            Map<String, Map<String, Estimate>> w = Aggregate.workloads(g, set.confidence());
            byGroup.put(g, w);
            w.forEach((d, m) -> m.keySet().forEach(k -> keys.add(List.of(d, k))));
        }
        if (keys.isEmpty()) {
            return "";
        }
        List<String> header = new ArrayList<>(List.of("domain", "metric"));
        for (Aggregate.Group g : groups) {
            header.add(label(g));
        }
        TextTable t = new TextTable(header);
        for (List<String> k : keys) {
            List<String> row = new ArrayList<>(k);
            for (Aggregate.Group g : groups) {
                Estimate e = byGroup.get(g).getOrDefault(k.get(0), Map.of()).get(k.get(1));
                row.add(e == null ? "" : Numbers.estimate(e));
            }
            t.add(row);
        }
        return t.render();
    }

    /** A sweep's table: a row per point and VCPU of interest. */
    public static String sweep(ResultSet set) {
        StringBuilder sb = new StringBuilder();
        sb.append("scenario ").append(set.scenario()).append(" | sweep ").append(String.join(" ",
                set.sweep().params())).append(" | ").append(set.sweep().points()).append(" points");
        if (set.sweep().shards() > 1) {
            sb.append(", shard ").append(set.sweep().shard()).append('/').append(set.sweep().shards());
        }
        sb.append(" x ").append(set.seeds().size()).append(set.seeds().size() == 1 ? " seed" : " seeds").append('\n')
                .append('\n');
        List<Aggregate.Group> groups = Aggregate.groups(set.runs());
        List<String> keys = new ArrayList<>();
        for (Aggregate.Group g : groups) {
            for (String k : g.params().keySet()) {
                if (!keys.contains(k)) {
                    keys.add(k);
                }
            }
        }
        List<String> header = new ArrayList<>(keys);
        header.addAll(List.of("VCPU", "CPU %", "interval p50 us", "interval p99 us", "run p50 us", "wake p99 us"));
        TextTable t = new TextTable(header);
        for (Aggregate.Group g : groups) {
            for (String v : set.focus()) {
                Map<String, Estimate> m = Aggregate.vcpu(g, v, set.confidence());
                if (m.isEmpty()) {
                    continue;
                }
                List<String> row = new ArrayList<>();
                for (String k : keys) {
                    row.add(g.params().getOrDefault(k, ""));
                }
                row.addAll(List.of(v, Numbers.percent(m.get("cpuShare")),
                        Numbers.estimate(m.get("dispatchIntervalUs.p50")), Numbers.estimate(m.get("dispatchIntervalUs.p99")),
                        Numbers.estimate(m.get("runLengthUs.p50")), Numbers.estimate(m.get("wakeLatencyUs.p99"))));
                t.add(row);
            }
        }
        sb.append(t.render());
        return sb.toString();
    }

    private static String label(Aggregate.Group g) {
        if (g.params().isEmpty()) {
            return g.scheduler();
        }
        StringBuilder sb = new StringBuilder(g.scheduler());
        g.params().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    private static String seedRange(List<Long> seeds) {
        if (seeds.size() == 1) {
            return "seed " + seeds.get(0);
        }
        boolean consecutive = true;
        for (int i = 1; i < seeds.size(); i++) {
            consecutive &= seeds.get(i) == seeds.get(i - 1) + 1;
        }
        return consecutive ? "seeds " + seeds.get(0) + ".." + seeds.get(seeds.size() - 1) : "seeds " + seeds;
    }
}
