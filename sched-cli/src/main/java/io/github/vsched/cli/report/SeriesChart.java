package io.github.vsched.cli.report;

import io.github.vsched.api.QualityEvent;
import io.github.vsched.cli.result.TimeSeries;
import io.github.vsched.cli.result.VcpuRecord;
import io.github.vsched.core.metrics.DispatchSeries;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The paper's view of one VCPU over time, one panel per configuration (scheduler, or scenario
 * and scheduler) side by side on the same axes: above, the dispatch interval each dispatch ends
 * against the time of the dispatch, with the period and its ±10% band (points outside the band
 * stand out in another colour, each with a tooltip); below, how long each dispatch ran. Late
 * frames (▼), dropped frames (✕) and audio underruns (a shaded stretch) are marked across both,
 * each with a tooltip. Both vertical axes are logarithmic, so the band has the same height
 * whatever the longest interval, and the 60 us runs show beside the batched ones.
 *
 * <p>Points that fall on the same half pixel are drawn once, so a long window stays a small
 * file; marks beyond {@link #MAX_MARKS} per panel are left out (a note says so).
 */
final class SeriesChart {
    static final double PANEL_W = 480;
    private static final double LEFT = 58;
    private static final double RIGHT = 14;
    private static final double TITLE = 36;
    private static final double INTERVAL_H = 150;
    private static final double GAP = 26;
    private static final double RUN_H = 90;
    private static final double AXIS = 40;
    static final double PANEL_H = TITLE + INTERVAL_H + GAP + RUN_H + AXIS;
    private static final double LEGEND = 26;
    /** Panels per row. */
    private static final int COLUMNS = 2;
    /** Most marks (late and dropped frames, underruns) drawn per panel. */
    static final int MAX_MARKS = 2_000;
    /**
     * Most intervals outside the band drawn one by one with a tooltip per panel; with more (a
     * VCPU that is not periodic at all) they are drawn as plain dots.
     */
    static final int MAX_TOOLTIPS = 300;

    private static final String IN_BAND = "#5b7fa6";
    private static final String OUT_OF_BAND = "#d1495b";
    private static final String RUN = "#2e7d5b";

    private SeriesChart() {
    }

    /** The chart of {@code vcpu}, or null when no panel kept a dispatch of it. */
    static String draw(TimeSeries ts, String vcpu) {
        Range interval = new Range();
        Range run = new Range();
        for (TimeSeries.Panel p : ts.panels()) {
            TimeSeries.Track t = p.vcpus().get(vcpu);
            if (t == null) {
                continue;
            }
            for (DispatchSeries.Dispatch d : t.dispatches()) {
                interval.add(d.intervalNs());
                run.add(d.runNs());
            }
        }
        if (interval.empty() && run.empty()) {
            return null;
        }
        long period = ts.periodNs();
        if (period > 0) {
            interval.add(Math.round(period * 0.8));
            interval.add(Math.round(period * 1.25));
        }
        interval.widen();
        run.widen();
        int n = ts.panels().size();
        int cols = Math.min(COLUMNS, n);
        int rows = (n + cols - 1) / cols;
        double width = cols * PANEL_W;
        double height = rows * PANEL_H + LEGEND;
        Svg svg = new Svg(width, height, "chart series", "series", vcpu + ": dispatch interval and run length of each"
                + " dispatch over time, " + n + (n == 1 ? " panel" : " panels") + " from " + seconds(ts.fromNs())
                + " to " + seconds(ts.toNs()));
        for (int i = 0; i < n; i++) {
            panel(svg, ts, ts.panels().get(i), vcpu, (i % cols) * PANEL_W, (i / cols) * PANEL_H, interval, run, i);
        }
        boolean frames = false;
        boolean underruns = false;
        for (TimeSeries.Panel p : ts.panels()) {
            TimeSeries.Track t = p.vcpus().get(vcpu);
            for (DispatchSeries.Event e : t == null ? List.<DispatchSeries.Event>of() : t.events()) {
                frames |= e.event() == QualityEvent.FRAME_LATE || e.event() == QualityEvent.FRAME_DROPPED
                        || e.event() == QualityEvent.FRAME_ON_TIME;
                underruns |= e.event() == QualityEvent.AUDIO_UNDERRUN;
            }
        }
        legend(svg, rows * PANEL_H + 16, period, frames, underruns);
        return svg.end();
    }

    private static void panel(Svg svg, TimeSeries ts, TimeSeries.Panel p, String vcpu, double x0, double y0,
                              Range interval, Range run, int index) {
        double plotW = PANEL_W - LEFT - RIGHT;
        double left = x0 + LEFT;
        double iTop = y0 + TITLE;
        double rTop = iTop + INTERVAL_H + GAP;
        long from = ts.fromNs();
        long span = Math.max(1, ts.toNs() - from);
        TimeSeries.Track t = p.vcpus().get(vcpu);
        String title = p.label() + ", seed " + p.seed();
        svg.raw("<g class=\"panel\" data-panel=\"" + index + "\" data-label=\"" + Svg.esc(p.label()) + "\">\n");
        svg.text(left, y0 + 14, title, "start", "panel-title");
        int late = 0;
        int dropped = 0;
        int underruns = 0;
        if (t != null) {
            for (DispatchSeries.Event e : t.events()) {
                late += e.event() == QualityEvent.FRAME_LATE ? 1 : 0;
                dropped += e.event() == QualityEvent.FRAME_DROPPED ? 1 : 0;
                underruns += e.event() == QualityEvent.AUDIO_UNDERRUN ? 1 : 0;
            }
        }
        String counts = t == null ? "not recorded" : Numbers.count(t.dispatches().size()) + " dispatches"
                + (late + dropped + underruns > 0 ? "; " + late + " late, " + dropped + " dropped"
                + (underruns > 0 ? ", " + underruns + " underruns" : "") : "")
                + (t.truncated() ? "; more than the report keeps: later ones left out" : "");
        svg.text(left, y0 + 28, counts, "start", "tick");
        svg.rect(left, iTop, plotW, INTERVAL_H, null, "plot", null);
        svg.rect(left, rTop, plotW, RUN_H, null, "plot", null);
        long period = ts.periodNs();
        if (period > 0) {
            double yHi = y(interval, Math.round(period * (1 + VcpuRecord.PERIOD_TOLERANCE)), iTop, INTERVAL_H);
            double yLo = y(interval, Math.round(period * (1 - VcpuRecord.PERIOD_TOLERANCE)), iTop, INTERVAL_H);
            svg.rect(left, yHi, plotW, yLo - yHi, null, "band", "period " + Numbers.duration(period) + " ± 10%");
            double yp = y(interval, period, iTop, INTERVAL_H);
            svg.line(left, yp, left + plotW, yp, "period");
        }
        yAxis(svg, interval, left, iTop, INTERVAL_H, "interval");
        yAxis(svg, run, left, rTop, RUN_H, "run");
        // time axis under the run plot
        double axisY = rTop + RUN_H;
        for (double s : Axis.linearTicks(from / 1e9, (from + span) / 1e9, 6)) {
            double tx = left + (s * 1e9 - from) / span * plotW;
            if (tx < left - 0.5 || tx > left + plotW + 0.5) {
                continue;
            }
            svg.line(tx, axisY, tx, axisY + 4, "axis");
            svg.text(tx, axisY + 15, Axis.label(s), "middle", "tick");
        }
        svg.text(left + plotW, axisY + 30, "simulated time (s)", "end", "axis-label");
        if (t != null) {
            marks(svg, t, from, span, left, plotW, iTop, rTop + RUN_H);
            dots(svg, t, from, span, left, plotW, iTop, rTop, interval, run, period);
        }
        svg.raw("</g>\n");
    }

    /** Late and dropped frames across both plots, underruns as shaded stretches. */
    private static void marks(Svg svg, TimeSeries.Track t, long from, long span, double left, double plotW,
                              double top, double bottom) {
        int drawn = 0;
        for (DispatchSeries.Event e : t.events()) {
            if (!SeriesStrip.stutter(e.event())) {
                continue;
            }
            if (drawn++ == MAX_MARKS) {
                break;
            }
            double x = left + (double) (e.time() - from) / span * plotW;
            switch (e.event()) {
                case FRAME_LATE -> {
                    svg.line(x, top, x, bottom, "late");
                    svg.polygon(new double[]{x - 4, top - 7, x + 4, top - 7, x, top - 1}, OUT_OF_BAND, "late-mark",
                            "frame late by " + Numbers.duration(e.value()) + ", shown at " + seconds(e.time()));
                }
                case FRAME_DROPPED -> {
                    svg.line(x, top, x, bottom, "dropped");
                    svg.raw("<text x=\"" + Svg.n(x) + "\" y=\"" + Svg.n(top - 2) + "\" text-anchor=\"middle\""
                            + " class=\"dropped-mark\">✕<title>" + Svg.esc("frame dropped at " + seconds(e.time())
                            + ", " + Numbers.duration(e.value()) + " after its deadline") + "</title></text>\n");
                }
                case AUDIO_UNDERRUN -> {
                    double x0 = Math.max(left, x - (double) e.value() / span * plotW);
                    svg.rect(x0, top, Math.max(1, x - x0), bottom - top, null, "underrun", "audio underrun of "
                            + Numbers.duration(e.value()) + ", ended at " + seconds(e.time()));
                }
                default -> {
                }
            }
        }
    }

    /**
     * The dispatches: a dot per interval and per run length; the intervals outside the band in
     * their own colour, one by one with a tooltip when there are few.
     */
    private static void dots(Svg svg, TimeSeries.Track t, long from, long span, double left, double plotW,
                             double iTop, double rTop, Range interval, Range run, long period) {
        int off = 0;
        for (DispatchSeries.Dispatch d : t.dispatches()) {
            off += d.intervalNs() > 0 && !within(d.intervalNs(), period) ? 1 : 0;
        }
        boolean tooltips = off <= MAX_TOOLTIPS;
        StringBuilder inBand = new StringBuilder();
        StringBuilder offBand = new StringBuilder();
        StringBuilder runs = new StringBuilder();
        StringBuilder circles = new StringBuilder();
        Set<Long> seen = new HashSet<>();
        Set<Long> seenRun = new HashSet<>();
        for (DispatchSeries.Dispatch d : t.dispatches()) {
            double x = left + (double) (d.time() - from) / span * plotW;
            if (d.intervalNs() > 0) {
                double y = y(interval, d.intervalNs(), iTop, INTERVAL_H);
                boolean within = within(d.intervalNs(), period);
                if (!within && tooltips) {
                    circles.append("<circle cx=\"").append(Svg.n(x)).append("\" cy=\"").append(Svg.n(y))
                            .append("\" r=\"2\" fill=\"").append(OUT_OF_BAND).append("\" class=\"off-period\"><title>")
                            .append(Svg.esc("interval " + Numbers.duration(d.intervalNs()) + " ending at "
                                    + seconds(d.time()) + " (PCPU " + d.pcpu() + ", ran "
                                    + (d.runNs() >= 0 ? Numbers.duration(d.runNs()) : "to the end") + ")"))
                            .append("</title></circle>\n");
                } else if (seen.add(key(x, y) * 2 + (within ? 0 : 1))) {
                    dot(within ? inBand : offBand, x, y);
                }
            }
            if (d.runNs() > 0) {
                double y = y(run, d.runNs(), rTop, RUN_H);
                if (seenRun.add(key(x, y))) {
                    dot(runs, x, y);
                }
            }
        }
        if (inBand.length() > 0) {
            svg.path(inBand.toString(), IN_BAND, null, "dots in-band", null);
        }
        if (offBand.length() > 0) {
            svg.path(offBand.toString(), OUT_OF_BAND, null, "dots off-band", null);
        }
        if (runs.length() > 0) {
            svg.path(runs.toString(), RUN, null, "dots run-length", null);
        }
        svg.raw(circles.toString());
    }

    /** Whether an interval is within 10% of the period (every interval is, without a period). */
    private static boolean within(long intervalNs, long period) {
        return period <= 0 || Math.abs(intervalNs - period) <= period * VcpuRecord.PERIOD_TOLERANCE;
    }

    private static void dot(StringBuilder path, double x, double y) {
        path.append('M').append(Svg.n(x)).append(' ').append(Svg.n(y)).append("h0");
    }

    /** The half-pixel cell of a point. */
    private static long key(double x, double y) {
        return Math.round(x * 2) * 1_000_003L + Math.round(y * 2);
    }

    private static void yAxis(Svg svg, Range r, double left, double top, double h, String what) {
        boolean ms = r.hi >= 2_000_000;
        for (double tick : Axis.logTicks(r.lo, r.hi)) {
            double y = y(r, tick, top, h);
            svg.line(left, y, left + PANEL_W - LEFT - RIGHT, y, "grid");
            svg.text(left - 4, y + 4, Axis.label(ms ? tick / 1e6 : tick / 1e3), "end", "tick");
        }
        svg.text(left - 42, top + h / 2, what + (ms ? " (ms)" : " (us)"), "middle", "axis-label",
                "rotate(-90 " + Svg.n(left - 42) + " " + Svg.n(top + h / 2) + ")");
    }

    private static void legend(Svg svg, double y, long period, boolean frames, boolean underruns) {
        double x = LEFT;
        if (period > 0) {
            svg.rect(x, y - 8, 14, 10, null, "band", null);
            svg.text(x + 18, y, "period " + Numbers.duration(period) + " ± 10%", "start", "legend");
            x += 150;
        }
        svg.path("M" + Svg.n(x + 4) + " " + Svg.n(y - 3) + "h0", IN_BAND, null, "dots in-band", null);
        svg.text(x + 12, y, "interval in the band", "start", "legend");
        x += 130;
        svg.raw("<circle cx=\"" + Svg.n(x + 4) + "\" cy=\"" + Svg.n(y - 3) + "\" r=\"2\" fill=\"" + OUT_OF_BAND
                + "\"/>\n");
        svg.text(x + 12, y, "off period", "start", "legend");
        x += 84;
        svg.path("M" + Svg.n(x + 4) + " " + Svg.n(y - 3) + "h0", RUN, null, "dots run-length", null);
        svg.text(x + 12, y, "run length", "start", "legend");
        x += 90;
        String marks = (frames ? "▼ late frame   ✕ dropped frame   " : "") + (underruns ? "▒ audio underrun" : "");
        if (!marks.isEmpty()) {
            svg.text(x, y, marks.strip(), "start", "legend");
        }
    }

    private static double y(Range r, double v, double top, double h) {
        double f = (Math.log10(v) - Math.log10(r.lo)) / (Math.log10(r.hi) - Math.log10(r.lo));
        return top + h - Math.max(0, Math.min(1, f)) * h;
    }

    static String seconds(long ns) {
        return Numbers.fixed(ns / 1e9, 6) + " s";
    }

    /** The range of a logarithmic axis (ns). */
    private static final class Range {
        double lo = Double.MAX_VALUE;
        double hi;

        void add(long v) {
            if (v > 0) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }

        boolean empty() {
            return hi <= 0;
        }

        /** Out to the 1-2-5 steps around the values, at least a factor of ten. */
        void widen() {
            if (empty()) {
                lo = 1_000;
                hi = 10_000;
                return;
            }
            lo = step(lo, false);
            hi = step(hi, true);
            if (hi / lo < 10) {
                hi = lo * 10;
            }
        }

        private static double step(double v, boolean up) {
            double p = Math.pow(10, Math.floor(Math.log10(v)));
            double[] steps = {1, 2, 5, 10};
            if (up) {
                for (double s : steps) {
                    if (s * p >= v) {
                        return s * p;
                    }
                }
                return 10 * p;
            }
            for (int i = steps.length - 1; i >= 0; i--) {
                if (steps[i] * p <= v) {
                    return steps[i] * p;
                }
            }
            return p;
        }
    }
}
