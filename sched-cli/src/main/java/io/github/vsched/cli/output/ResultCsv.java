package io.github.vsched.cli.output;

import io.github.vsched.cli.result.Aggregate;
import io.github.vsched.cli.result.Distribution;
import io.github.vsched.cli.result.ResultSet;
import io.github.vsched.cli.result.RunRecord;
import io.github.vsched.cli.result.VcpuRecord;
import io.github.vsched.cli.result.WorkloadRecord;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The tidy CSV files (one observation per row, one variable per column), for pandas and R:
 * {@code summary.csv} (run x VCPU), {@code workloads.csv} (run x domain x metric) and
 * {@code estimates.csv} / {@code sweep.csv} (scheduler x point x subject x metric, with the
 * mean and confidence interval over seeds).
 */
public final class ResultCsv {
    private ResultCsv() {
    }

    /** {@code summary.csv}: one row per run and VCPU. */
    public static void summary(ResultSet set, Writer w) throws IOException {
        Csv csv = new Csv(w);
        List<String> keys = Aggregate.paramKeys(set.runs());
        List<Object> header = new ArrayList<>(List.of("scenario", "scheduler", "scheduler_id", "seed"));
        header.addAll(keys);
        header.addAll(List.of("domain", "vcpu", "cpu_share", "running_ns", "runnable_ns", "blocked_ns", "overhead_ns",
                "dispatches", "migrations"));
        for (String d : VcpuRecord.DISTRIBUTIONS) {
            String base = snake(d.substring(0, d.length() - 2));
            header.addAll(List.of(base + "_count", base + "_mean_us", base + "_p50_us", base + "_p90_us",
                    base + "_p99_us", base + "_max_us"));
        }
        csv.row(header);
        for (RunRecord r : set.runs()) {
            for (VcpuRecord v : r.vcpus()) {
                List<Object> row = new ArrayList<>(List.of(set.scenario(), r.scheduler(), r.schedulerId(), r.seed()));
                for (String k : keys) {
                    row.add(r.params().getOrDefault(k, ""));
                }
                row.addAll(List.of(v.domain(), v.vcpu(), v.cpuShare(), v.runningNs(), v.runnableNs(), v.blockedNs(),
                        v.overheadNs(), v.dispatches(), v.migrations()));
                for (String d : VcpuRecord.DISTRIBUTIONS) {
                    Distribution x = v.distribution(d);
                    row.addAll(List.of(x.count(), x.mean(), x.p50(), x.p90(), x.p99(), x.max()));
                }
                csv.row(row);
            }
        }
    }

    /** {@code workloads.csv}: one row per run, domain and metric. */
    public static void workloads(ResultSet set, Writer w) throws IOException {
        Csv csv = new Csv(w);
        List<String> keys = Aggregate.paramKeys(set.runs());
        List<Object> header = new ArrayList<>(List.of("scenario", "scheduler", "scheduler_id", "seed"));
        header.addAll(keys);
        header.addAll(List.of("domain", "workload", "metric", "value"));
        csv.row(header);
        for (RunRecord r : set.runs()) {
            for (WorkloadRecord wr : r.workloads()) {
                for (var e : wr.metrics().entrySet()) {
                    List<Object> row = new ArrayList<>(List.of(set.scenario(), r.scheduler(), r.schedulerId(),
                            r.seed()));
                    for (String k : keys) {
                        row.add(r.params().getOrDefault(k, ""));
                    }
                    row.addAll(List.of(wr.domain(), wr.workload(), e.getKey(), e.getValue()));
                    csv.row(row);
                }
            }
        }
    }

    /** {@code estimates.csv} or {@code sweep.csv}: means and intervals over seeds. */
    public static void estimates(ResultSet set, Writer w) throws IOException {
        Csv csv = new Csv(w);
        List<String> keys = Aggregate.paramKeys(set.runs());
        String level = Integer.toString((int) Math.round(set.confidence() * 100));
        List<Object> header = new ArrayList<>(List.of("scenario", "scheduler"));
        header.addAll(keys);
        header.addAll(List.of("subject", "metric", "n", "mean", "sd", "ci" + level + "_low", "ci" + level + "_high"));
        csv.row(header);
        for (Aggregate.Row row : Aggregate.rows(set.runs(), set.focus(), set.confidence())) {
            List<Object> out = new ArrayList<>(List.of(set.scenario(), row.scheduler()));
            for (String k : keys) {
                out.add(row.params().getOrDefault(k, ""));
            }
            var e = row.estimate();
            out.addAll(List.of(row.subject(), row.metric(), e.n(), e.mean(), e.sd(),
                    e.hasInterval() ? e.low() : Double.NaN, e.hasInterval() ? e.high() : Double.NaN));
            csv.row(out);
        }
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
