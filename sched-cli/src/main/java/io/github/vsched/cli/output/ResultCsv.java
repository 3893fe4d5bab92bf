package io.github.vsched.cli.output;

import io.github.vsched.cli.result.Aggregate;
import io.github.vsched.cli.result.Metric;
import io.github.vsched.cli.result.Metrics;
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
        header.addAll(List.of("domain", "vcpu"));
        for (Metric m : Metrics.SUMMARY_COLUMNS) {
            header.add(m.column());
        }
        csv.row(header);
        for (RunRecord r : set.runs()) {
            for (VcpuRecord v : r.vcpus()) {
                List<Object> row = new ArrayList<>(List.of(r.scenario(), r.scheduler(), r.schedulerId(), r.seed()));
                for (String k : keys) {
                    row.add(r.params().getOrDefault(k, ""));
                }
                row.add(v.domain());
                row.add(v.vcpu());
                for (Metric m : Metrics.SUMMARY_COLUMNS) {
                    double x = m.of(v);
                    row.add(m.integral() ? (Object) (long) x : (Object) x);
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
                    List<Object> row = new ArrayList<>(List.of(r.scenario(), r.scheduler(), r.schedulerId(),
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
            List<Object> out = new ArrayList<>(List.of(row.scenario(), row.scheduler()));
            for (String k : keys) {
                out.add(row.params().getOrDefault(k, ""));
            }
            var e = row.estimate();
            out.addAll(List.of(row.subject(), row.metric(), e.n(), e.mean(), e.sd(),
                    e.hasInterval() ? e.low() : Double.NaN, e.hasInterval() ? e.high() : Double.NaN));
            csv.row(out);
        }
    }
}
