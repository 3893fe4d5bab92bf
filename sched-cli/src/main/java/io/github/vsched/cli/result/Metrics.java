package io.github.vsched.cli.result;

import io.github.vsched.cli.result.Distribution.Stat;
import io.github.vsched.cli.result.Metric.Aggregation;
import io.github.vsched.cli.result.Metric.Kind;
import io.github.vsched.cli.result.Metric.View;
import io.github.vsched.core.VcpuStats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

import static io.github.vsched.cli.result.Metric.View.COMPARE_TABLE;
import static io.github.vsched.cli.result.Metric.View.REPORT_TABLE;
import static io.github.vsched.cli.result.Metric.View.RUN_TABLE;
import static io.github.vsched.cli.result.Metric.View.STUTTER_TABLE;
import static io.github.vsched.cli.result.Metric.View.SWEEP_CHARTS;
import static io.github.vsched.cli.result.Metric.View.SWEEP_TABLE;

/**
 * The catalogue of per-VCPU metrics: each declared once, here, with its name, unit, kind,
 * extractor, aggregation across seeds and the tables that show it. The console tables,
 * {@code summary.md}, {@code report.html}, {@code sweep.html}, {@code summary.csv} and the
 * estimates ({@code estimates.csv}, {@code sweep.csv}) loop over it; {@code result.json} keeps
 * the records the metrics are read from.
 *
 * <p>Not in the catalogue, because their names come from the run: the per-situation wait
 * metrics ({@code waits[SITUATION].count} ..., see {@link VcpuRecord#metrics()}) and the
 * workloads' quality metrics ({@link WorkloadRecord}).
 */
public final class Metrics {
    /** Wake-up to dispatch. */
    public static final DistributionMetric WAKE_LATENCY = new DistributionMetric("wakeLatencyUs", "wake latency",
            "from wake-up to dispatch", "wake", "wake_latency", VcpuRecord::wakeLatencyUs,
            VcpuStats.Histograms::wakeLatency, 60);
    /** Between successive dispatches after wake-ups: the paper's period. */
    public static final DistributionMetric DISPATCH_INTERVAL = new DistributionMetric("dispatchIntervalUs",
            "dispatch interval", "from one dispatch after a wake-up to the next (the paper's period)", "interval",
            "dispatch_interval", VcpuRecord::dispatchIntervalUs, VcpuStats.Histograms::dispatchInterval, 40);
    /** Dispatch to deschedule. */
    public static final DistributionMetric RUN_LENGTH = new DistributionMetric("runLengthUs", "run length",
            "from dispatch to deschedule", "run", "run_length", VcpuRecord::runLengthUs,
            VcpuStats.Histograms::runLength, 50);

    /** The distributions, in the order of the records and the files. */
    public static final List<DistributionMetric> DISTRIBUTIONS = List.of(WAKE_LATENCY, DISPATCH_INTERVAL, RUN_LENGTH);

    /** Every per-VCPU metric, in the catalogue's order (that of the estimates and of the run table). */
    public static final List<Metric> VCPU;

    /** The metrics with a {@code summary.csv} column, in the file's order. */
    public static final List<Metric> SUMMARY_COLUMNS;

    static {
        Catalogue c = new Catalogue();
        c.add(metric("cpuShare", Kind.SHARE, "1", VcpuRecord::cpuShare).column("cpu_share").label("CPU %")
                .chart("CPU share (%)").rank(10).in(RUN_TABLE, COMPARE_TABLE, SWEEP_TABLE, REPORT_TABLE, SWEEP_CHARTS));
        c.add(metric("runningNs", Kind.DURATION, "ns", VcpuRecord::runningNs).perRunOnly().column("running_ns"));
        c.add(metric("runnableNs", Kind.DURATION, "ns", VcpuRecord::runnableNs).perRunOnly().column("runnable_ns"));
        c.add(metric("blockedNs", Kind.DURATION, "ns", VcpuRecord::blockedNs).perRunOnly().column("blocked_ns"));
        c.add(metric("overheadNs", Kind.DURATION, "ns", VcpuRecord::overheadNs).perRunOnly().column("overhead_ns"));
        c.add(metric("dispatches", Kind.COUNT, "", VcpuRecord::dispatches).column("dispatches").label("dispatches")
                .rank(30).in(RUN_TABLE, REPORT_TABLE));
        c.add(metric("migrations", Kind.COUNT, "", VcpuRecord::migrations).column("migrations"));
        c.add(distribution(WAKE_LATENCY)
                .show(Stat.P50, RUN_TABLE, COMPARE_TABLE, REPORT_TABLE)
                .show(Stat.P99, RUN_TABLE, COMPARE_TABLE, SWEEP_TABLE, REPORT_TABLE, SWEEP_CHARTS)
                .show(Stat.MAX, RUN_TABLE, REPORT_TABLE));
        c.add(distribution(DISPATCH_INTERVAL)
                .show(Stat.P50, RUN_TABLE, COMPARE_TABLE, SWEEP_TABLE, REPORT_TABLE, SWEEP_CHARTS)
                .show(Stat.P99, RUN_TABLE, COMPARE_TABLE, SWEEP_TABLE, REPORT_TABLE, SWEEP_CHARTS)
                .show(Stat.MAX, COMPARE_TABLE, REPORT_TABLE));
        c.add(distribution(RUN_LENGTH)
                .show(Stat.P50, RUN_TABLE, COMPARE_TABLE, SWEEP_TABLE, REPORT_TABLE, SWEEP_CHARTS)
                .show(Stat.P99, RUN_TABLE, COMPARE_TABLE, REPORT_TABLE));
        c.add(metric("dispatchIntervalUs.inPeriod", Kind.SHARE, "1", VcpuRecord::inPeriod)
                .recordedWhen(v -> !Double.isNaN(v.inPeriod())).needsPeriod().label("in period %")
                .chart("intervals within 10% of period (%)").rank(20).in(COMPARE_TABLE, REPORT_TABLE, SWEEP_CHARTS));
        c.add(metric("waits.count", Kind.COUNT, "", VcpuRecord::waits).recordedWhen(Metrics::waitsAttributed));
        c.add(metric("waits.late", Kind.COUNT, "", VcpuRecord::lateWaitCount).recordedWhen(Metrics::waitsAttributed));
        c.add(metric("waits.lateMs", Kind.DURATION, "ms", v -> v.lateWaitUs() / 1e3)
                .recordedWhen(Metrics::waitsAttributed));
        // what the video and audio players reported of their quality as it happened (Stutter)
        c.add(metric("stutter.framesOnTime", Kind.COUNT, "", v -> v.stutter().framesOnTime()).perRunOnly()
                .column("frames_on_time"));
        c.add(metric("stutter.framesLate", Kind.COUNT, "", v -> v.stutter().framesLate()).perRunOnly()
                .column("frames_late"));
        c.add(metric("stutter.framesDropped", Kind.COUNT, "", v -> v.stutter().framesDropped()).perRunOnly()
                .column("frames_dropped"));
        c.add(metric("stutter.lateFramesPerS", Kind.RATE, "1/s", v -> v.stutter().lateFramesPerSecond())
                .recordedWhen(Metrics::video).label("late frames per s").in(STUTTER_TABLE));
        c.add(metric("stutter.droppedFramesPerS", Kind.RATE, "1/s", v -> v.stutter().droppedFramesPerSecond())
                .recordedWhen(Metrics::video).label("dropped frames per s").in(STUTTER_TABLE));
        c.add(metric("stutter.longestLateRun", Kind.COUNT, "", v -> v.stutter().longestLateRun())
                .recordedWhen(Metrics::video).column("longest_late_run").label("most late frames in a row")
                .in(STUTTER_TABLE));
        c.add(metric("stutter.underruns", Kind.COUNT, "", v -> v.stutter().underruns()).recordedWhen(Metrics::audio)
                .column("underruns").label("audio underruns").in(STUTTER_TABLE));
        c.add(metric("stutter.underrunMs", Kind.DURATION, "ms", v -> v.stutter().underrunNs() / 1e6)
                .recordedWhen(Metrics::audio).label("time without audio").in(STUTTER_TABLE));
        c.add(metric("stutter.underrunNs", Kind.DURATION, "ns", v -> v.stutter().underrunNs()).perRunOnly()
                .column("underrun_ns"));
        VCPU = List.copyOf(c.all);
        SUMMARY_COLUMNS = List.copyOf(c.columns);
    }

    private Metrics() {
    }

    /**
     * The metrics {@code view} shows for {@code set}, in the view's order; those that need a
     * period only when the scenario names one.
     */
    public static List<Metric> shown(View view, ResultSet set) {
        List<Metric> out = new ArrayList<>();
        for (Metric m : VCPU) {
            if (m.in(view) && (!m.needsPeriod() || set.periodNs() > 0)) {
                out.add(m);
            }
        }
        if (view.ranked()) {
            out.sort(Comparator.comparingInt(Metric::rank));
        }
        return out;
    }

    /** The distributions in the report's order. */
    public static List<DistributionMetric> reportDistributions() {
        List<DistributionMetric> out = new ArrayList<>(DISTRIBUTIONS);
        out.sort(Comparator.comparingInt(DistributionMetric::rank));
        return out;
    }

    /** The VCPU's guest reported video frames. */
    private static boolean video(VcpuRecord v) {
        return v.stutter().video();
    }

    /** The VCPU's guest reported audio writes. */
    private static boolean audio(VcpuRecord v) {
        return v.stutter().audio();
    }

    /** Waits were attributed to causes for this VCPU (a VCPU of interest that woke up). */
    private static boolean waitsAttributed(VcpuRecord v) {
        return v.waits() > 0;
    }

    private static MetricDraft metric(String name, Kind kind, String unit, ToDoubleFunction<VcpuRecord> value) {
        return new MetricDraft(name, kind, unit, value);
    }

    private static DistributionDraft distribution(DistributionMetric d) {
        return new DistributionDraft(d);
    }

    /** The catalogue as it is declared: every metric, and the {@code summary.csv} columns in their order. */
    private static final class Catalogue {
        final List<Metric> all = new ArrayList<>();
        final List<Metric> columns = new ArrayList<>();

        void add(MetricDraft d) {
            Metric m = d.build();
            all.add(m);
            if (m.column() != null) {
                columns.add(m);
            }
        }

        /** A distribution's statistics, in {@link Stat} order; its CSV columns give the count and mean first. */
        void add(DistributionDraft d) {
            Map<Stat, Metric> byStat = new EnumMap<>(Stat.class);
            for (Stat s : Stat.values()) {
                Metric m = d.build(s);
                byStat.put(s, m);
                all.add(m);
            }
            for (Stat s : List.of(Stat.COUNT, Stat.MEAN, Stat.P50, Stat.P90, Stat.P99, Stat.MAX)) {
                columns.add(byStat.get(s));
            }
        }
    }

    /** A scalar metric being declared. */
    private static final class MetricDraft {
        private final String name;
        private final Kind kind;
        private final String unit;
        private final ToDoubleFunction<VcpuRecord> value;
        private Aggregation aggregation = Aggregation.MEAN;
        private Predicate<VcpuRecord> recorded = v -> true;
        private String column;
        private String label;
        private String chartTitle;
        private int rank = Integer.MAX_VALUE;
        private boolean needsPeriod;
        private final Set<View> views = EnumSet.noneOf(View.class);

        MetricDraft(String name, Kind kind, String unit, ToDoubleFunction<VcpuRecord> value) {
            this.name = name;
            this.kind = kind;
            this.unit = unit;
            this.value = value;
            this.label = name;
        }

        MetricDraft perRunOnly() {
            aggregation = Aggregation.NONE;
            return this;
        }

        MetricDraft recordedWhen(Predicate<VcpuRecord> p) {
            recorded = p;
            return this;
        }

        MetricDraft column(String c) {
            column = c;
            return this;
        }

        MetricDraft label(String l) {
            label = l;
            return this;
        }

        MetricDraft chart(String title) {
            chartTitle = title;
            return this;
        }

        MetricDraft rank(int r) {
            rank = r;
            return this;
        }

        MetricDraft needsPeriod() {
            needsPeriod = true;
            return this;
        }

        MetricDraft in(View... v) {
            views.addAll(List.of(v));
            return this;
        }

        Metric build() {
            return new Metric(name, kind, unit, aggregation, value, recorded, column, label, chartTitle, rank,
                    needsPeriod, null, views);
        }
    }

    /** A distribution's statistics being declared: which views show which statistic. */
    private static final class DistributionDraft {
        private final DistributionMetric d;
        private final Map<Stat, Set<View>> views = new EnumMap<>(Stat.class);

        DistributionDraft(DistributionMetric d) {
            this.d = d;
        }

        DistributionDraft show(Stat s, View... v) {
            views.computeIfAbsent(s, k -> EnumSet.noneOf(View.class)).addAll(List.of(v));
            return this;
        }

        Metric build(Stat s) {
            boolean count = s == Stat.COUNT;
            String column = d.column() + "_" + s.key() + (count ? "" : "_us");
            return new Metric(d.name() + "." + s.key(), count ? Kind.COUNT : Kind.DURATION, count ? "" : "us",
                    Aggregation.MEAN, v -> s.of(d.summary().apply(v)), v -> true, column, d.shortLabel() + " " + s.key(),
                    d.title() + " " + s.key() + (count ? "" : " (us)"), d.rank() + s.ordinal(), false,
                    count ? null : d.name() + "." + Stat.COUNT.key(), views.getOrDefault(s, Set.of()));
        }
    }
}
