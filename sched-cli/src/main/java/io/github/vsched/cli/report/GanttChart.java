package io.github.vsched.cli.report;

import io.github.vsched.core.metrics.PcpuTimeline;

import java.util.List;

/**
 * The per-PCPU timeline of a window: a row per PCPU, a bar per VCPU run coloured by domain,
 * a triangle above the row at each wake-up and a diamond below it at each priority change
 * (scheduler trace events such as {@code boost}). Every mark has a tooltip.
 */
final class GanttChart {
    static final double WIDTH = 980;
    private static final double LEFT = 64;
    private static final double RIGHT = 28;
    private static final double TOP = 14;
    private static final double ROW = 26;
    private static final double GAP = 14;
    private static final double AXIS = 34;

    private GanttChart() {
    }

    /**
     * Draws the timeline.
     *
     * @param domains the scenario's domain names, in order (their colours)
     * @param label   the scheduler label, for the accessible description
     */
    static String draw(TimelineCapture tc, int pcpus, List<String> domains, String label) {
        int rows = Math.max(1, Math.max(pcpus, tc.pcpus()));
        double plotW = WIDTH - LEFT - RIGHT;
        double height = TOP + rows * (ROW + GAP) + AXIS;
        long from = tc.from();
        long span = Math.max(1, tc.to() - from);
        Svg svg = new Svg(WIDTH, height, "chart gantt", "timeline", "Timeline of " + rows + " PCPUs under " + label
                + " from " + seconds(from) + " to " + seconds(tc.to()));
        for (int p = 0; p < rows; p++) {
            double y = TOP + p * (ROW + GAP);
            svg.rect(LEFT, y, plotW, ROW, null, "lane", null);
            svg.text(LEFT - 8, y + ROW / 2 + 4, "PCPU " + p, "end", "axis-label");
        }
        for (PcpuTimeline.Segment s : tc.segments()) {
            double x0 = x(Math.max(s.start(), from), from, span, plotW);
            double x1 = x(Math.min(s.end(), tc.to()), from, span, plotW);
            double w = Math.max(0.4, x1 - x0);
            double y = TOP + s.pcpu() * (ROW + GAP);
            String name = s.vcpu();
            String colour = Palette.domain(index(domains, s.domain()));
            svg.rect(x0, y + 1, w, ROW - 2, colour, "run", name + " on PCPU " + s.pcpu() + ": " + seconds(s.start())
                    + " to " + seconds(s.end()) + " (" + Numbers.duration(s.end() - s.start()) + ")");
            if (w > 46) {
                svg.text(x0 + w / 2, y + ROW / 2 + 4, name, "middle", "run-label");
            }
        }
        for (TimelineCapture.Marker m : tc.markers()) {
            if (m.pcpu() >= rows) {
                continue;
            }
            double cx = x(m.time(), from, span, plotW);
            double y = TOP + m.pcpu() * (ROW + GAP);
            String name = tc.domainName(m.domain()) + "/" + m.vcpu();
            String colour = Palette.domain(index(domains, tc.domainName(m.domain())));
            if (m.kind() == TimelineCapture.WAKE) {
                svg.polygon(new double[]{cx - 4, y - 7, cx + 4, y - 7, cx, y - 1}, colour, "wake",
                        "wake-up of " + name + " at " + seconds(m.time()));
            } else {
                double yb = y + ROW + 6;
                svg.polygon(new double[]{cx, yb - 5, cx + 4, yb, cx, yb + 5, cx - 4, yb}, colour, "priority",
                        m.name() + " " + name + " at " + seconds(m.time()) + " (arg0 " + m.arg0() + ", arg1 "
                                + m.arg1() + ")");
            }
        }
        double axisY = TOP + rows * (ROW + GAP) + 2;
        svg.line(LEFT, axisY, LEFT + plotW, axisY, "axis");
        for (double t : Axis.linearTicks(0, span / 1e6, 10)) {
            double tx = LEFT + t * 1e6 / span * plotW;
            svg.line(tx, axisY, tx, axisY + 5, "axis");
            svg.text(tx, axisY + 17, "+" + Axis.label(t) + " ms", "middle", "tick");
        }
        svg.text(LEFT + plotW, axisY + 31, "time since " + seconds(from), "end", "axis-label");
        // the domains' colours and the marks, so that the chart file reads on its own
        double lx = LEFT;
        for (int i = 0; i < domains.size(); i++) {
            svg.rect(lx, axisY + 22, 10, 10, Palette.domain(i), "run", null);
            svg.text(lx + 14, axisY + 31, domains.get(i), "start", "tick");
            lx += 14 + domains.get(i).length() * 6.5 + 12;
        }
        svg.text(lx, axisY + 31, "▼ wake-up   ◆ priority change", "start", "tick");
        return svg.end();
    }

    private static double x(long t, long from, long span, double plotW) {
        return LEFT + (double) (t - from) / span * plotW;
    }

    static int index(List<String> domains, String name) {
        int i = domains.indexOf(name);
        return i < 0 ? domains.size() : i;
    }

    static String seconds(long ns) {
        return Numbers.fixed(ns / 1e9, 6) + " s";
    }
}
