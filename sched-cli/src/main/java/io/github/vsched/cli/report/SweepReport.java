package io.github.vsched.cli.report;

import io.github.vsched.cli.Version;
import io.github.vsched.cli.result.Aggregate;
import io.github.vsched.cli.result.ResultSet;
import io.github.vsched.cli.stats.Estimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code sweep.html}: the sweep's chart, self-contained. One small chart per VCPU of interest
 * and metric (and per workload metric): the first swept parameter along the x axis in grid
 * order, one line per combination of the other parameters (and scheduler), the mean over
 * seeds with its confidence interval as a whisker.
 */
public final class SweepReport {
    private static final double W = 330;
    private static final double H = 220;
    private static final double LEFT = 54;
    private static final double RIGHT = 12;
    private static final double TOP = 24;
    private static final double BOTTOM = 44;
    private static final double LEGEND_ROW = 14;
    private static final String[][] VCPU_METRICS = {
        {"cpuShare", "CPU share (%)"},
        {"dispatchIntervalUs.inPeriod", "intervals within 10% of period (%)"},
        {"dispatchIntervalUs.p50", "dispatch interval p50 (us)"},
        {"dispatchIntervalUs.p99", "dispatch interval p99 (us)"},
        {"runLengthUs.p50", "run length p50 (us)"},
        {"wakeLatencyUs.p99", "wake latency p99 (us)"},
    };

    private SweepReport() {
    }

    /** The HTML text, and its charts as standalone SVG files. */
    public static Page render(ResultSet set, String command) {
        Page.Charts charts = new Page.Charts();
        List<Aggregate.Group> groups = Aggregate.groups(set.runs());
        List<String> keys = Aggregate.paramKeys(set.runs());
        String xKey = keys.isEmpty() ? null : keys.get(0);
        List<String> xs = new ArrayList<>();
        Map<String, List<Aggregate.Group>> seriesGroups = new LinkedHashMap<>();
        for (Aggregate.Group g : groups) {
            String x = xKey == null ? g.scheduler() : g.params().getOrDefault(xKey, "");
            if (!xs.contains(x)) {
                xs.add(x);
            }
            StringBuilder name = new StringBuilder();
            if (set.schedulers().size() > 1 || keys.contains("scheduler")) {
                name.append(g.scheduler());
            }
            for (String k : keys) {
                if (!k.equals(xKey) && !k.equals("scheduler")) {
                    name.append(name.length() > 0 ? " " : "").append(k).append('=').append(g.params().get(k));
                }
            }
            seriesGroups.computeIfAbsent(name.length() == 0 ? g.scheduler() : name.toString(),
                    q -> new ArrayList<>()).add(g);
        }
        StringBuilder h = new StringBuilder(1 << 15);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<link rel=\"icon\" href=\"data:,\">\n<title>vsched sweep: ").append(Svg.esc(set.scenario()))
                .append("</title>\n<style>\n").append(HtmlReport.CSS).append("</style>\n</head>\n<body>\n<header><h1>")
                .append("vsched sweep: ").append(Svg.esc(set.scenario())).append("</h1>\n<p class=\"meta\">")
                .append(Svg.esc(String.join("  ", set.sweep() == null ? List.of() : set.sweep().params())))
                .append(" · ").append(set.seeds().size()).append(set.seeds().size() == 1 ? " seed" : " seeds")
                .append(" per point</p></header>\n<main>\n");
        for (String v : set.focus()) {
            h.append("<h3>").append(Svg.esc(v)).append("</h3>\n<div class=\"row\">\n");
            for (String[] m : VCPU_METRICS) {
                if (m[0].endsWith(".inPeriod") && set.periodNs() == 0) {
                    continue; // the scenario names no period
                }
                boolean share = m[0].equals("cpuShare") || m[0].endsWith(".inPeriod");
                h.append(charts.add(chart(m[1], xKey, xs, seriesGroups, g -> {
                    Estimate e = Aggregate.vcpu(g, v, set.confidence()).get(m[0]);
                    return e == null ? null : share ? scale(e, 100) : e;
                }), m[0], v));
            }
            h.append("</div>\n");
        }
        Set<List<String>> workloadKeys = new LinkedHashSet<>();
        for (Aggregate.Group g : groups) {
            Aggregate.workloads(g, set.confidence()).forEach((d, m) -> m.keySet().forEach(k ->
                    workloadKeys.add(List.of(d, k))));
        }
        if (!workloadKeys.isEmpty()) {
            h.append("<h3>Workload quality</h3>\n<div class=\"row\">\n");
            for (List<String> k : workloadKeys) {
                h.append(charts.add(chart(k.get(0) + " " + k.get(1), xKey, xs, seriesGroups, g ->
                        Aggregate.workloads(g, set.confidence()).getOrDefault(k.get(0), Map.of()).get(k.get(1))),
                        "workload", k.get(0), k.get(1)));
            }
            h.append("</div>\n");
        }
        h.append("</main>\n<footer>Generated by vsched ").append(Svg.esc(Version.get())).append(": <code>")
                .append(Svg.esc(command)).append("</code>. Whiskers: ").append(Math.round(set.confidence() * 100))
                .append("% confidence interval of the mean across seeds.</footer>\n</body>\n</html>\n");
        return charts.page(h.toString());
    }

    private static Estimate scale(Estimate e, double f) {
        return new Estimate(e.n(), e.mean() * f, e.sd() * f, e.halfWidth() * f, e.confidence());
    }

    private static String chart(String title, String xKey, List<String> xs, Map<String, List<Aggregate.Group>> series,
                                java.util.function.Function<Aggregate.Group, Estimate> value) {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        Map<String, Estimate[]> points = new LinkedHashMap<>();
        for (Map.Entry<String, List<Aggregate.Group>> s : series.entrySet()) {
            Estimate[] p = new Estimate[xs.size()];
            for (Aggregate.Group g : s.getValue()) {
                String x = xKey == null ? g.scheduler() : g.params().getOrDefault(xKey, "");
                Estimate e = value.apply(g);
                if (e != null && e.n() > 0 && Double.isFinite(e.mean())) {
                    p[xs.indexOf(x)] = e;
                    lo = Math.min(lo, e.low());
                    hi = Math.max(hi, e.high());
                }
            }
            points.put(s.getKey(), p);
        }
        double plotW = W - LEFT - RIGHT;
        double plotH = H - TOP - BOTTOM;
        // several series: a legend under the chart, so that the chart file stands on its own
        double legend = points.size() > 1 ? LEGEND_ROW * points.size() + 4 : 0;
        Svg svg = new Svg(W, H + legend, "chart sweep", "sweep", title + " against " + (xKey == null ? "scheduler" : xKey));
        svg.text(LEFT, 15, title, "start", "panel-title");
        svg.rect(LEFT, TOP, plotW, plotH, null, "plot", null);
        if (lo > hi) {
            svg.text(W / 2, H / 2, "no data", "middle", "axis-label");
            return svg.end();
        }
        if (hi - lo < 1e-12) {
            double pad = Math.max(1e-6, Math.abs(hi) * 0.1);
            lo -= pad;
            hi += pad;
        } else {
            // a margin so whiskers and points do not sit on the frame
            double pad = (hi - lo) * 0.06;
            lo -= pad;
            hi += pad;
        }
        List<Double> ticks = Axis.linearTicks(lo, hi, 4);
        double yLo = Math.min(lo, ticks.get(0));
        double yHi = Math.max(hi, ticks.get(ticks.size() - 1));
        for (double t : ticks) {
            double y = TOP + plotH - (t - yLo) / (yHi - yLo) * plotH;
            svg.line(LEFT, y, LEFT + plotW, y, "grid");
            svg.text(LEFT - 4, y + 4, Numbers.format(t), "end", "tick");
        }
        double step = xs.size() > 1 ? plotW / (xs.size() - 1) : 0;
        for (int i = 0; i < xs.size(); i++) {
            double x = xs.size() > 1 ? LEFT + i * step : LEFT + plotW / 2;
            svg.line(x, TOP + plotH, x, TOP + plotH + 4, "axis");
            if (xs.size() <= 12 || i % ((xs.size() + 11) / 12) == 0) {
                svg.text(x, TOP + plotH + 15, xs.get(i), "middle", "tick");
            }
        }
        svg.text(LEFT + plotW / 2, H - 8, xKey == null ? "scheduler" : xKey, "middle", "axis-label");
        if (legend > 0) {
            int row = 0;
            for (String name : points.keySet()) {
                double y = H + row * LEGEND_ROW;
                svg.rect(LEFT, y, 10, 10, Palette.scheduler(row), "point", null);
                svg.text(LEFT + 14, y + 9, name, "start", "tick");
                row++;
            }
        }
        int k = 0;
        for (Map.Entry<String, Estimate[]> s : points.entrySet()) {
            String colour = Palette.scheduler(k++);
            StringBuilder d = new StringBuilder();
            Estimate[] p = s.getValue();
            for (int i = 0; i < p.length; i++) {
                if (p[i] == null) {
                    continue;
                }
                double x = xs.size() > 1 ? LEFT + i * step : LEFT + plotW / 2;
                double y = TOP + plotH - (p[i].mean() - yLo) / (yHi - yLo) * plotH;
                d.append(d.length() == 0 ? "M" : " L").append(Svg.n(x)).append(',').append(Svg.n(y));
                if (p[i].hasInterval()) {
                    double y0 = TOP + plotH - (p[i].low() - yLo) / (yHi - yLo) * plotH;
                    double y1 = TOP + plotH - (p[i].high() - yLo) / (yHi - yLo) * plotH;
                    svg.path("M" + Svg.n(x) + "," + Svg.n(y0) + " L" + Svg.n(x) + "," + Svg.n(y1), colour, null,
                            "whisker", null);
                }
                svg.rect(x - 2.5, y - 2.5, 5, 5, colour, "point", s.getKey() + " at " + xs.get(i) + ": "
                        + Numbers.estimate(p[i]));
            }
            if (d.length() > 0) {
                svg.path(d.toString(), colour, null, "cdf-line", null);
            }
        }
        return svg.end();
    }
}
