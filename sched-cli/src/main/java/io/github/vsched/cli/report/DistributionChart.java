package io.github.vsched.cli.report;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;

/**
 * One distribution (dispatch interval, run length or wake latency of one VCPU) under several
 * schedulers, side by side: a histogram panel per scheduler on shared logarithmic bins and a
 * shared vertical scale, one panel overlaying their CDFs, and one overlaying their tails (the
 * share of samples above each value, on a logarithmic scale, where rare long intervals and
 * waits show). Values are microseconds.
 */
final class DistributionChart {
    static final double PANEL_W = 250;
    static final double CDF_W = 330;
    static final double H = 190;
    private static final double LEFT = 44;
    private static final double RIGHT = 10;
    /** Width of the plot area of the CDF and tail panels (the legend is to its right). */
    private static final double OVERLAY_PLOT_W = CDF_W - LEFT - RIGHT - 90;
    private static final double TOP = 22;
    private static final double BOTTOM = 36;
    private static final int BINS_PER_DECADE = 8;

    private DistributionChart() {
    }

    /** A scheduler's distribution. */
    record Series(String label, int colour, AbstractHistogram histogramNs) {
    }

    /** The panels as SVG elements (one per scheduler, then the CDF, then the tail). */
    static List<String> draw(String metricTitle, String vcpu, List<Series> series) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Series s : series) {
            AbstractHistogram h = s.histogramNs();
            if (h.getTotalCount() == 0) {
                continue;
            }
            double min = h.getMinNonZeroValue() == Long.MAX_VALUE ? 1 : h.getMinNonZeroValue() / 1e3;
            lo = Math.min(lo, min);
            hi = Math.max(hi, h.getMaxValue() / 1e3);
        }
        List<String> out = new ArrayList<>();
        if (hi <= 0) {
            for (Series s : series) {
                out.add(empty(metricTitle, vcpu, s.label()));
            }
            return out;
        }
        double loEdge = Math.pow(10, Math.floor(Math.log10(Math.max(lo, 1e-3))));
        double hiEdge = Math.pow(10, Math.ceil(Math.log10(hi * 1.0001)));
        if (hiEdge <= loEdge) {
            hiEdge = loEdge * 10;
        }
        int bins = (int) Math.round(Math.log10(hiEdge / loEdge) * BINS_PER_DECADE);
        double[][] freq = new double[series.size()][bins];
        double top = 0;
        for (int i = 0; i < series.size(); i++) {
            AbstractHistogram h = series.get(i).histogramNs();
            long total = h.getTotalCount();
            if (total == 0) {
                continue;
            }
            for (HistogramIterationValue v : h.recordedValues()) {
                double us = v.getValueIteratedTo() / 1e3;
                int b = us <= loEdge ? 0 : (int) Math.floor(Math.log10(us / loEdge) * BINS_PER_DECADE);
                b = Math.max(0, Math.min(bins - 1, b));
                freq[i][b] += (double) v.getCountAtValueIteratedTo() / total;
            }
            for (double f : freq[i]) {
                top = Math.max(top, f);
            }
        }
        top = niceTop(top);
        for (int i = 0; i < series.size(); i++) {
            out.add(histogram(metricTitle, vcpu, series.get(i), freq[i], loEdge, hiEdge, top));
        }
        out.add(cdf(metricTitle, vcpu, series, loEdge, hiEdge));
        out.add(tail(metricTitle, vcpu, series, loEdge, hiEdge));
        return out;
    }

    private static String histogram(String metric, String vcpu, Series s, double[] freq, double lo, double hi,
                                    double top) {
        double plotW = PANEL_W - LEFT - RIGHT;
        double plotH = H - TOP - BOTTOM;
        long n = s.histogramNs().getTotalCount();
        Svg svg = new Svg(PANEL_W, H, "chart histogram", "histogram", metric + " of " + vcpu + " under " + s.label()
                + ": histogram of " + n + " samples");
        svg.text(LEFT, 14, s.label() + " (n=" + Numbers.count(n) + ")", "start", "panel-title");
        frame(svg, plotW, plotH);
        for (double t : Axis.linearTicks(0, top, 4)) {
            double y = TOP + plotH - t / top * plotH;
            svg.line(LEFT, y, LEFT + plotW, y, "grid");
            svg.text(LEFT - 4, y + 4, Math.round(t * 100) + "%", "end", "tick");
        }
        int bins = freq.length;
        double bw = plotW / bins;
        for (int b = 0; b < bins; b++) {
            if (freq[b] <= 0) {
                continue;
            }
            double h = freq[b] / top * plotH;
            double e0 = lo * Math.pow(10, (double) b / BINS_PER_DECADE);
            double e1 = lo * Math.pow(10, (double) (b + 1) / BINS_PER_DECADE);
            svg.rect(LEFT + b * bw + 0.5, TOP + plotH - h, Math.max(0.5, bw - 1), h,
                    Palette.scheduler(s.colour()), "bar", Numbers.format(e0) + " to " + Numbers.format(e1)
                            + " us: " + Numbers.format(freq[b] * 100) + "% of samples");
        }
        logAxis(svg, lo, hi, plotW, plotH, metric);
        return svg.end();
    }

    private static String cdf(String metric, String vcpu, List<Series> series, double lo, double hi) {
        double plotH = H - TOP - BOTTOM;
        return overlay(series, lo, hi, metric, new Svg(overlayWidth(series), H, "chart cdf", "cdf",
                metric + " of " + vcpu + ": cumulative distributions"), "CDF", svg -> {
                    for (double t : new double[]{0, 0.5, 0.9, 0.99, 1}) {
                        double y = TOP + plotH - t * plotH;
                        svg.line(LEFT, y, LEFT + OVERLAY_PLOT_W, y, "grid");
                        if (t != 0.99) {
                            svg.text(LEFT - 4, y + 4, Axis.label(t * 100) + "%", "end", "tick");
                        }
                    }
                }, share -> TOP + plotH - share * plotH);
    }

    /**
     * The complementary CDF on a logarithmic vertical scale, from 100% down to one sample in
     * the largest series: P(value > x).
     */
    private static String tail(String metric, String vcpu, List<Series> series, double lo, double hi) {
        double plotH = H - TOP - BOTTOM;
        long most = 1;
        for (Series s : series) {
            most = Math.max(most, s.histogramNs().getTotalCount());
        }
        int decades = Math.max(1, (int) Math.ceil(Math.log10(most)));
        return overlay(series, lo, hi, metric, new Svg(overlayWidth(series), H, "chart tail", "tail",
                metric + " of " + vcpu + ": share of samples above each value (log scale)"),
                "Tail: share above (log)", svg -> {
                    for (int d = 0; d <= decades; d++) {
                        double y = TOP + (double) d / decades * plotH;
                        svg.line(LEFT, y, LEFT + OVERLAY_PLOT_W, y, "grid");
                        svg.text(LEFT - 4, y + 4, Axis.label(100 / Math.pow(10, d)) + "%", "end", "tick");
                    }
                }, share -> TOP + (share >= 1 ? decades : Math.min(decades, -Math.log10(1 - share))) / decades * plotH);
    }

    /**
     * A panel overlaying the series as step functions of the share of samples at or below each
     * value ({@code yOfShare} places a share vertically), with a legend on the right.
     */
    private static String overlay(List<Series> series, double lo, double hi, String metric, Svg svg, String title,
                                  java.util.function.Consumer<Svg> grid, java.util.function.DoubleUnaryOperator yOfShare) {
        double plotH = H - TOP - BOTTOM;
        svg.text(LEFT, 14, title, "start", "panel-title");
        frame(svg, OVERLAY_PLOT_W, plotH);
        grid.accept(svg);
        double ln = Math.log10(hi / lo);
        int k = 0;
        for (Series s : series) {
            AbstractHistogram h = s.histogramNs();
            long total = h.getTotalCount();
            String colour = Palette.scheduler(s.colour());
            double ly = TOP + 10 + k * 16;
            svg.rect(LEFT + OVERLAY_PLOT_W + 8, ly - 6, 14, 4, colour, null, null);
            svg.text(LEFT + OVERLAY_PLOT_W + 26, ly, s.label(), "start", "legend");
            k++;
            if (total == 0) {
                continue;
            }
            StringBuilder d = new StringBuilder();
            long cum = 0;
            double prevY = yOfShare.applyAsDouble(0);
            d.append('M').append(Svg.n(LEFT)).append(',').append(Svg.n(prevY));
            for (HistogramIterationValue v : h.recordedValues()) {
                double x = LEFT + Math.log10(Math.max(lo, v.getValueIteratedTo() / 1e3) / lo) / ln * OVERLAY_PLOT_W;
                cum += v.getCountAtValueIteratedTo();
                double y = yOfShare.applyAsDouble((double) cum / total);
                d.append(" L").append(Svg.n(x)).append(',').append(Svg.n(prevY));
                d.append(" L").append(Svg.n(x)).append(',').append(Svg.n(y));
                prevY = y;
            }
            d.append(" L").append(Svg.n(LEFT + OVERLAY_PLOT_W)).append(',').append(Svg.n(prevY));
            svg.path(d.toString(), colour, null, "cdf-line", s.label() + ": p50 "
                    + Numbers.format(h.getValueAtPercentile(50) / 1e3) + " us, p99 "
                    + Numbers.format(h.getValueAtPercentile(99) / 1e3) + " us, p99.9 "
                    + Numbers.format(h.getValueAtPercentile(99.9) / 1e3) + " us, max "
                    + Numbers.format(h.getMaxValue() / 1e3) + " us");
        }
        logAxis(svg, lo, hi, OVERLAY_PLOT_W, plotH, metric);
        return svg.end();
    }

    /** The width of a panel overlaying the series: the plot, then a legend wide enough for the longest label. */
    private static double overlayWidth(List<Series> series) {
        int longest = 0;
        for (Series s : series) {
            longest = Math.max(longest, s.label().length());
        }
        return Math.max(CDF_W, LEFT + OVERLAY_PLOT_W + RIGHT + 30 + longest * 6.2);
    }

    private static void frame(Svg svg, double plotW, double plotH) {
        svg.rect(LEFT, TOP, plotW, plotH, null, "plot", null);
    }

    private static void logAxis(Svg svg, double lo, double hi, double plotW, double plotH, String metric) {
        double ln = Math.log10(hi / lo);
        double y = TOP + plotH;
        for (double t : Axis.logTicks(lo, hi)) {
            double x = LEFT + Math.log10(t / lo) / ln * plotW;
            svg.line(x, y, x, y + 4, "axis");
            svg.text(x, y + 15, Axis.compact(t), "middle", "tick");
        }
        svg.text(LEFT + plotW / 2, y + 30, metric + " (us, log scale)", "middle", "axis-label");
    }

    private static String empty(String metric, String vcpu, String label) {
        Svg svg = new Svg(PANEL_W, H, "chart histogram empty", "histogram", metric + " of " + vcpu + " under " + label
                + ": no samples");
        svg.text(LEFT, 14, label + " (n=0)", "start", "panel-title");
        svg.text(PANEL_W / 2, H / 2, "no samples", "middle", "axis-label");
        return svg.end();
    }

    private static double niceTop(double v) {
        if (v <= 0) {
            return 1;
        }
        for (double t : new double[]{0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0}) {
            if (v <= t) {
                return t;
            }
        }
        return 1;
    }
}
