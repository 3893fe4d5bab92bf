package io.github.vsched.cli.report;

import io.github.vsched.cli.result.Aggregate;
import io.github.vsched.cli.result.Metric;
import io.github.vsched.cli.result.Metrics;
import io.github.vsched.cli.result.ResultSet;
import io.github.vsched.cli.result.RunRecord;
import io.github.vsched.cli.result.TimeSeries;
import io.github.vsched.cli.result.VcpuRecord;
import io.github.vsched.cli.result.WorkloadRecord;
import io.github.vsched.cli.stats.Estimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables printed on standard output, and the same tables in Markdown for
 * {@code summary.md}: each table is one {@link TextTable}, rendered either way, so the two
 * cannot differ. The time series strips ({@link SeriesStrip}) are text, a code block in
 * Markdown.
 */
public final class ConsoleReport {
    private final String intro;
    private final String context;
    private final List<Section> sections = new ArrayList<>();

    /** A table, or a block of preformatted text, and what it shows ({@code VCPUs of interest}). */
    private record Section(String title, TextTable table, String text, boolean titleInText) {
    }

    /**
     * @param intro   the lines printed before the tables
     * @param context what every table is about, for the Markdown headings: scenario, schedulers,
     *                seeds, confidence level (already Markdown)
     */
    private ConsoleReport(String intro, String context) {
        this.intro = intro;
        this.context = context;
    }

    private ConsoleReport add(String title, TextTable table) {
        sections.add(new Section(title, table, null, false));
        return this;
    }

    /** Adds a table whose title is printed above it on standard output too. */
    private ConsoleReport addTitled(String title, TextTable table) {
        sections.add(new Section(title, table, null, true));
        return this;
    }

    /** Adds a block of preformatted text (a code block in Markdown) with its title above it. */
    private ConsoleReport addText(String title, String text) {
        sections.add(new Section(title, null, text, true));
        return this;
    }

    /** Adds a note printed under the tables (and in Markdown as a line of text). */
    private ConsoleReport addNote(String note) {
        sections.add(new Section(null, null, note, false));
        return this;
    }

    /** The text for standard output: the introduction, then the tables. */
    public String text() {
        StringBuilder sb = new StringBuilder(intro);
        for (Section s : sections) {
            if (s.title() == null) {
                sb.append(s.text());
                continue;
            }
            sb.append('\n');
            if (s.titleInText()) {
                sb.append(s.title()).append(":\n");
            }
            sb.append(s.table() != null ? s.table().render() : s.text());
        }
        return sb.toString();
    }

    /** {@code summary.md}: each table under a one-line heading naming what it is about. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        for (Section s : sections) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            if (s.title() == null) {
                sb.append(s.text());
                continue;
            }
            sb.append("### ").append(s.title()).append(" · ").append(context).append("\n\n")
                    .append(s.table() != null ? s.table().markdown() : "```text\n" + s.text() + "```\n");
        }
        return sb.toString();
    }

    /**
     * The table of one run: a row per VCPU (idle ones left out unless they are of interest),
     * then the stutter of the video and audio players and their time series, then the workload
     * metrics.
     */
    public static ConsoleReport run(ResultSet set, RunRecord r, long wallNs, TimeSeries series) {
        String intro = "scenario " + set.scenario() + " | scheduler " + r.scheduler() + " | platform " + r.platform()
                + " | seed " + r.seed() + " | " + Numbers.duration(r.durationNs()) + " simulated, "
                + Numbers.count(r.events()) + " events in " + Numbers.duration(wallNs) + "\n";
        List<Metric> metrics = Metrics.shown(Metric.View.RUN_TABLE, set);
        TextTable t = new TextTable(headings(List.of("VCPU"), metrics));
        List<String> idle = new ArrayList<>();
        for (VcpuRecord v : r.vcpus()) {
            if (v.idle() && !set.focus().contains(v.name())) {
                idle.add(v.name());
                continue;
            }
            List<String> row = new ArrayList<>(metrics.size() + 1);
            row.add(v.name());
            for (Metric m : metrics) {
                row.add(Numbers.value(m, v));
            }
            t.add(row);
        }
        ConsoleReport report = new ConsoleReport(intro, context(set)).add("VCPUs", t);
        TextTable pools = poolTable(set);
        if (!pools.isEmpty()) {
            report.addTitled("Cpupools", pools);
        }
        if (!idle.isEmpty()) {
            report.addNote(idleNote(idle));
        }
        List<Aggregate.Group> groups = Aggregate.groups(set.runs());
        TextTable stutter = stutterTable(set, groups);
        if (!stutter.isEmpty()) {
            report.addTitled(STUTTER_TITLE, stutter);
        }
        strips(report, set, series);
        TextTable w = new TextTable(List.of("domain", "workload", "metric", "value"));
        for (WorkloadRecord wr : r.workloads()) {
            wr.metrics().forEach((k, v) -> w.add(List.of(wr.domain(), wr.workload(), k, Numbers.format(v))));
        }
        if (!w.isEmpty()) {
            report.add("Workload metrics", w);
        }
        refusals(report, set);
        return report;
    }

    /** The title of the table of refusals. */
    static final String REFUSALS_TITLE = "Refused by the scheduler's admission control (the run went on without them)";

    /** What admission control refused in each run, if anything was. */
    private static void refusals(ConsoleReport report, ResultSet set) {
        TextTable t = refusalTable(set);
        if (!t.isEmpty()) {
            report.addTitled(REFUSALS_TITLE, t);
        }
    }

    /** A row per refusal of the scheduler's admission control, run by run; empty when none. */
    static TextTable refusalTable(ResultSet set) {
        TextTable t = new TextTable(List.of("scheduler", "seed", "at", "subject", "change", "reason"));
        for (RunRecord r : set.runs()) {
            for (io.github.vsched.core.observe.Refusal x : r.refusals()) {
                // a sweep's runs differ by their point: shown beside the scheduler
                t.add(List.of(r.params().isEmpty() ? r.scheduler() : r.scheduler() + " " + r.params(),
                        Long.toString(r.seed()), Numbers.duration(x.timeNs()), x.subject(), x.change(), x.reason()));
            }
        }
        return t;
    }

    /** The title of the table of cpupools. */
    static final String POOLS_TITLE = "Cpupools (the schedulers compared run Pool-0; the other pools keep their own)";

    /**
     * The cpupools of the runs that had any, a row per configuration and pool (the first seed's:
     * every seed has the same pools); empty when no run had pools.
     */
    static TextTable poolTable(ResultSet set) {
        List<String> head = new ArrayList<>();
        if (set.severalScenarios()) {
            head.add("scenario");
        }
        head.addAll(List.of("runs", "pool", "scheduler", "PCPUs", "domains"));
        TextTable t = new TextTable(head);
        java.util.Set<List<String>> seen = new java.util.HashSet<>();
        for (RunRecord r : set.runs()) {
            for (RunRecord.Pool p : r.pools()) {
                List<String> row = new ArrayList<>();
                if (set.severalScenarios()) {
                    row.add(r.scenario());
                }
                row.addAll(List.of(r.scheduler(), p.name(), p.scheduler(), p.cpus(), String.join(", ", p.domains())));
                if (seen.add(row)) {
                    t.add(row);
                }
            }
        }
        return t;
    }

    /**
     * The comparison table: a row per scheduler per VCPU of interest with means and intervals
     * across seeds, then the workload metrics with a column per scheduler.
     */
    public static ConsoleReport compare(ResultSet set, TimeSeries series) {
        StringBuilder sb = new StringBuilder();
        int n = set.seeds().size();
        List<String> scenarios = set.scenarios();
        sb.append(scenarios.size() == 1 ? "scenario " : "scenarios ").append(String.join(", ", scenarios))
                .append(" | platform ").append(String.join(", ", distinct(set, RunRecord::platform, set.platform())))
                .append(" | ").append(set.schedulers().size())
                .append(set.schedulers().size() == 1 ? " scheduler x " : " schedulers x ").append(n)
                .append(n == 1 ? " seed" : " seeds").append(" (").append(seedRange(set.seeds()))
                .append(scenarios.size() == 1 ? ", the same for every scheduler) | "
                        : ", the same for every scheduler and scenario) | ")
                .append(String.join(", ", distinct(set, r -> Numbers.duration(r.durationNs()),
                        Numbers.duration(set.durationNs())))).append(" simulated each\n");
        sb.append(n > 1 ? "mean ± half-width of the " + Math.round(set.confidence() * 100)
                + "% confidence interval across seeds (Student's t, " + (n - 1) + " df)\n"
                : "one seed: no confidence intervals (use --seeds N)\n");
        List<Aggregate.Group> groups = Aggregate.groups(set.runs());
        TextTable t = new TextTable(headings(first(set, "VCPU"), Metrics.shown(Metric.View.COMPARE_TABLE, set)));
        for (Aggregate.Group g : groups) {
            for (String v : set.focus()) {
                Map<String, Estimate> m = Aggregate.vcpu(g, v, set.confidence());
                if (!m.isEmpty()) {
                    t.add(estimates(first(set, g, v), Metric.View.COMPARE_TABLE, set, m));
                }
            }
        }
        ConsoleReport report = new ConsoleReport(sb.toString(), context(set)).add("VCPUs of interest", t);
        TextTable pools = poolTable(set);
        if (!pools.isEmpty()) {
            report.addTitled(POOLS_TITLE, pools);
        }
        TextTable stutter = stutterTable(set, groups);
        if (!stutter.isEmpty()) {
            report.addTitled(STUTTER_TITLE, stutter);
        }
        strips(report, set, series);
        TextTable waits = waitTable(set, groups);
        if (!waits.isEmpty()) {
            report.addTitled(waitTitle(set), waits);
        }
        TextTable w = workloadTable(set, groups);
        if (!w.isEmpty()) {
            report.add("Workload quality", w);
        }
        refusals(report, set);
        return report;
    }

    /** The title of {@link #stutterTable}. */
    static final String STUTTER_TITLE = "Stutter of the video and audio players (as they reported it while the run went"
            + " on)";

    /**
     * The stutter of every VCPU whose guest reported its quality (a video or audio player): a
     * row per player and metric of the {@link Metric.View#STUTTER_TABLE} view, a column per
     * configuration (the baseline of a comparison of scenarios beside the others), each cell
     * the mean and interval across seeds.
     */
    static TextTable stutterTable(ResultSet set, List<Aggregate.Group> groups) {
        List<String> header = new ArrayList<>(List.of("player", "metric"));
        for (Aggregate.Group g : groups) {
            header.add(g.label(set.severalScenarios()));
        }
        TextTable t = new TextTable(header);
        List<Metric> metrics = Metrics.shown(Metric.View.STUTTER_TABLE, set);
        for (String v : players(set)) {
            List<Map<String, Estimate>> byGroup = new ArrayList<>();
            for (Aggregate.Group g : groups) {
                byGroup.add(Aggregate.vcpu(g, v, set.confidence()));
            }
            for (Metric m : metrics) {
                List<String> row = new ArrayList<>(List.of(v, m.heading()));
                boolean any = false;
                for (Map<String, Estimate> e : byGroup) {
                    String cell = Numbers.estimate(m, e.get(m.name()));
                    any |= !cell.isEmpty();
                    row.add(cell);
                }
                if (any) {
                    t.add(row);
                }
            }
        }
        return t;
    }

    /** The VCPUs whose guests reported their quality in some run, in the order of the runs' VCPUs. */
    static List<String> players(ResultSet set) {
        Set<String> out = new LinkedHashSet<>();
        for (RunRecord r : set.runs()) {
            for (VcpuRecord v : r.vcpus()) {
                if (v.stutter().reported()) {
                    out.add(v.name());
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** The strips of the VCPUs of interest that are video or audio players, when a series was kept. */
    private static void strips(ConsoleReport report, ResultSet set, TimeSeries series) {
        if (series == null || series.isEmpty()) {
            return;
        }
        List<String> players = players(set);
        for (String v : series.vcpus()) {
            if (!players.contains(v)) {
                continue;
            }
            String strip = SeriesStrip.render(series, v);
            if (strip != null) {
                report.addText("Over time, " + v, strip);
            }
        }
    }

    /** The note under a table that left idle VCPUs out. */
    static String idleNote(List<String> idle) {
        return "Idle (under " + java.math.BigDecimal.valueOf(VcpuRecord.IDLE_SHARE * 100).stripTrailingZeros()
                .toPlainString() + "% CPU), not shown: "
                + String.join(", ", idle) + " (name them with --vcpus to see them)\n";
    }

    /** The title of {@link #waitTable}. */
    static String waitTitle(ResultSet set) {
        return "Waits after a wake-up longer than " + Numbers.duration(set.waitThresholdNs())
                + ", by the situation the scheduler left the VCPU in";
    }

    /**
     * The attributed waits of the VCPUs of interest: a row per scheduler, VCPU and situation at
     * the wake-up, with waits and milliseconds waited per run (means and intervals across seeds)
     * and the longest wait of any run.
     */
    static TextTable waitTable(ResultSet set, List<Aggregate.Group> groups) {
        List<String> header = first(set, "VCPU");
        header.addAll(List.of("situation at the wake-up", "waits per run", "ms per run", "longest ms"));
        TextTable waits = new TextTable(header);
        for (Aggregate.Group g : groups) {
            for (String v : set.focus()) {
                Map<String, Estimate> m = Aggregate.vcpu(g, v, set.confidence());
                m.forEach((k, e) -> {
                    if (k.startsWith(WAIT_PREFIX) && k.endsWith(".count")) {
                        String base = k.substring(0, k.length() - ".count".length());
                        String cause = base.substring(WAIT_PREFIX.length(), base.length() - 1);
                        List<String> row = first(set, g, v);
                        row.addAll(List.of(cause, Numbers.estimate(e), Numbers.estimate(m.get(base + ".totalMs")),
                                Numbers.format(longestMs(g, v, cause))));
                        waits.add(row);
                    }
                });
            }
        }
        return waits;
    }

    /** The longest wait in a situation over a group's runs (ms). */
    private static double longestMs(Aggregate.Group g, String vcpu, String situation) {
        double max = 0;
        for (RunRecord r : g.runs()) {
            VcpuRecord v = r.vcpu(vcpu);
            if (v != null) {
                for (VcpuRecord.WaitGroup w : v.lateWaits()) {
                    if (w.situation().equals(situation)) {
                        max = Math.max(max, w.maxUs() / 1e3);
                    }
                }
            }
        }
        return max;
    }

    /** Prefix of the per-cause wait metrics ({@code waits[CAUSE].count}). */
    private static final String WAIT_PREFIX = "waits[";

    /** Workload metrics: a row per domain and metric, a column per group. */
    static TextTable workloadTable(ResultSet set, List<Aggregate.Group> groups) {
        Map<Aggregate.Group, Map<String, Map<String, Estimate>>> byGroup = new LinkedHashMap<>();
        Set<List<String>> keys = new LinkedHashSet<>();
        for (Aggregate.Group g : groups) {
            Map<String, Map<String, Estimate>> w = Aggregate.workloads(g, set.confidence());
            byGroup.put(g, w);
            w.forEach((d, m) -> m.keySet().forEach(k -> keys.add(List.of(d, k))));
        }
        List<String> header = new ArrayList<>(List.of("domain", "metric"));
        for (Aggregate.Group g : groups) {
            header.add(g.label(set.severalScenarios()));
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
        return t;
    }

    /** A sweep's table: a row per point and VCPU of interest. */
    public static ConsoleReport sweep(ResultSet set) {
        StringBuilder sb = new StringBuilder();
        sb.append("scenario ").append(set.scenario()).append(" | sweep ").append(String.join(" ",
                set.sweep().params())).append(" | ").append(set.sweep().points())
                .append(set.sweep().points() == 1 ? " point" : " points");
        if (set.sweep().shards() > 1) {
            sb.append(", shard ").append(set.sweep().shard()).append('/').append(set.sweep().shards());
        }
        sb.append(" x ").append(set.seeds().size()).append(set.seeds().size() == 1 ? " seed" : " seeds").append('\n');
        List<Aggregate.Group> groups = Aggregate.groups(set.runs());
        List<String> keys = Aggregate.paramKeys(set.runs());
        List<String> header = new ArrayList<>(keys);
        header.add("VCPU");
        TextTable t = new TextTable(headings(header, Metrics.shown(Metric.View.SWEEP_TABLE, set)));
        for (Aggregate.Group g : groups) {
            for (String v : set.focus()) {
                Map<String, Estimate> m = Aggregate.vcpu(g, v, set.confidence());
                if (m.isEmpty()) {
                    continue;
                }
                List<String> first = new ArrayList<>();
                for (String k : keys) {
                    first.add(g.params().getOrDefault(k, ""));
                }
                first.add(v);
                t.add(estimates(first, Metric.View.SWEEP_TABLE, set, m));
            }
        }
        ConsoleReport report = new ConsoleReport(sb.toString(), context(set)).add("VCPUs of interest per sweep point", t);
        refusals(report, set);
        return report;
    }

    /** The headings of a table: {@code first}, then one per metric with its unit. */
    private static List<String> headings(List<String> first, List<Metric> metrics) {
        List<String> h = new ArrayList<>(first);
        for (Metric m : metrics) {
            h.add(m.heading());
        }
        return h;
    }

    /** A row of a comparison table: {@code first}, then each metric's estimate across seeds. */
    private static List<String> estimates(List<String> first, Metric.View view, ResultSet set,
                                          Map<String, Estimate> m) {
        List<String> row = new ArrayList<>(first);
        for (Metric x : Metrics.shown(view, set)) {
            row.add(Numbers.estimate(x, m));
        }
        return row;
    }

    /** The first headings of a comparison's rows: the scenario when there are several, the scheduler, then {@code what}. */
    static List<String> first(ResultSet set, String what) {
        List<String> h = new ArrayList<>();
        if (set.severalScenarios()) {
            h.add("scenario");
        }
        h.add("scheduler");
        h.add(what);
        return h;
    }

    /** The first cells of a comparison's row for group {@code g}, as {@link #first(ResultSet, String)} names them. */
    static List<String> first(ResultSet set, Aggregate.Group g, String what) {
        List<String> row = new ArrayList<>();
        if (set.severalScenarios()) {
            row.add(g.scenario());
        }
        row.add(g.scheduler());
        row.add(what);
        return row;
    }

    /** The distinct values of {@code f} over the runs, in order ({@code fallback} without runs). */
    private static List<String> distinct(ResultSet set, java.util.function.Function<RunRecord, String> f,
                                         String fallback) {
        Set<String> out = new LinkedHashSet<>();
        for (RunRecord r : set.runs()) {
            out.add(f.apply(r));
        }
        return out.isEmpty() ? List.of(fallback) : new ArrayList<>(out);
    }

    /** The scenario, the sweep, the schedulers, the seeds and the confidence level, in Markdown. */
    private static String context(ResultSet set) {
        List<String> scenarios = set.scenarios();
        StringBuilder sb = new StringBuilder(scenarios.size() == 1 ? "scenario " : "scenarios ");
        for (int i = 0; i < scenarios.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(code(scenarios.get(i)));
        }
        if (set.sweep() != null) {
            sb.append(" · sweep");
            set.sweep().params().forEach(p -> sb.append(' ').append(code(p)));
        }
        sb.append(set.schedulers().size() == 1 ? " · scheduler " : " · schedulers ");
        for (int i = 0; i < set.schedulers().size(); i++) {
            sb.append(i > 0 ? ", " : "").append(code(set.schedulers().get(i)));
        }
        sb.append(" · ").append(seedRange(set.seeds())).append(" · ");
        sb.append(set.seeds().size() > 1 ? "mean ± half-width of the " + Math.round(set.confidence() * 100)
                + "% confidence interval across seeds" : "one seed: no confidence intervals");
        return sb.toString();
    }

    /** A Markdown code span, so that names are shown as they are. */
    private static String code(String s) {
        return s.contains("`") ? "`` " + s + " ``" : "`" + s + "`";
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
