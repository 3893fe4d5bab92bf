package io.github.vsched.cli.report;

import io.github.vsched.api.QualityEvent;
import io.github.vsched.cli.result.TimeSeries;
import io.github.vsched.cli.result.VcpuRecord;
import io.github.vsched.core.metrics.DispatchSeries;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The time series of one VCPU as text, for the console and {@code summary.md}: per
 * configuration, a line of the dispatch intervals and a line of the frames, each character a
 * hundredth of the window. An interval character says how the longest interval that ends in or
 * spans its slice compares with the period (within 10%, up to 2, 4, 8 times, longer); a frame
 * character whether a frame was late ({@code !}) or dropped ({@code x}), or the audio ran out
 * ({@code u}), in the slice. The period breaking shows as taller characters where frames go
 * late. The run lengths are in the report's panels and {@code intervals.csv}.
 */
final class SeriesStrip {
    /** Characters per line: slices of the window. */
    static final int COLUMNS = 100;
    /** Levels of a slice, by how many times the reference its longest value is (0: none). */
    private static final char[] LEVELS = {' ', '▁', '▃', '▅', '▇', '█'};

    private SeriesStrip() {
    }

    /** The heading and strips of {@code vcpu}, or null when no panel kept an interval of it. */
    static String render(TimeSeries ts, String vcpu) {
        long from = ts.fromNs();
        long span = Math.max(1, ts.toNs() - from);
        List<Long> intervals = new ArrayList<>();
        for (TimeSeries.Panel p : ts.panels()) {
            TimeSeries.Track t = p.vcpus().get(vcpu);
            if (t != null) {
                for (DispatchSeries.Dispatch d : t.dispatches()) {
                    if (d.intervalNs() > 0) {
                        intervals.add(d.intervalNs());
                    }
                }
            }
        }
        if (intervals.isEmpty()) {
            return null;
        }
        long period = ts.periodNs() > 0 ? ts.periodNs() : median(intervals);
        int width = 0;
        for (TimeSeries.Panel p : ts.panels()) {
            width = Math.max(width, p.label().length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append("the longest dispatch interval in each ").append(Numbers.duration(span / COLUMNS)).append(" from ")
                .append(Numbers.instant(from)).append(" to ").append(Numbers.instant(ts.toNs())).append(" (").append(ts.chosen())
                .append("), first seed of each:\n▁ within 10% of the ")
                .append(ts.periodNs() > 0 ? "period, " : "median interval, ").append(Numbers.duration(period))
                .append(", or shorter; ▃ up to 2x; ▅ 4x; ▇ 8x; █ longer; under it ! a late frame, x a dropped one,")
                .append(" u an audio underrun\n");
        String start = Numbers.instant(from);
        String end = Numbers.instant(ts.toNs());
        line(sb, " ".repeat(width + 2) + start + " ".repeat(Math.max(1, COLUMNS - start.length() - end.length())) + end);
        for (TimeSeries.Panel p : ts.panels()) {
            TimeSeries.Track t = p.vcpus().get(vcpu);
            String label = p.label() + " ".repeat(width - p.label().length()) + "  ";
            if (t == null) {
                line(sb, label + "(not recorded)");
                continue;
            }
            long[] longest = new long[COLUMNS];
            char[] frames = new char[COLUMNS];
            Arrays.fill(frames, ' ');
            for (DispatchSeries.Dispatch d : t.dispatches()) {
                // an interval stands for every slice it spans: the VCPU waited that long there
                for (int c = column(d.time() - Math.max(0, d.intervalNs()), from, span);
                     c <= column(d.time(), from, span); c++) {
                    longest[c] = Math.max(longest[c], d.intervalNs());
                }
            }
            for (DispatchSeries.Event e : t.events()) {
                int c = column(e.time(), from, span);
                char mark = switch (e.event()) {
                    case FRAME_LATE -> '!';
                    case FRAME_DROPPED -> 'x';
                    case AUDIO_UNDERRUN -> 'u';
                    default -> ' ';
                };
                if (mark == 'x' || mark != ' ' && frames[c] == ' ') {
                    frames[c] = mark;
                }
            }
            line(sb, label + levels(longest, period));
            String marks = new String(frames);
            if (!marks.isBlank()) {
                line(sb, " ".repeat(label.length()) + marks);
            }
            if (t.truncated()) {
                line(sb, " ".repeat(label.length()) + "(more dispatches than the report keeps: the strip stops early;"
                        + " choose a shorter --series-window)");
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String text) {
        sb.append(text.stripTrailing()).append('\n');
    }

    private static int column(long t, long from, long span) {
        return (int) Math.max(0, Math.min(COLUMNS - 1, (t - from) * COLUMNS / span));
    }

    /** A character per slice: blank without an interval, else the level of the longest against the period. */
    private static String levels(long[] longest, long period) {
        StringBuilder sb = new StringBuilder(COLUMNS);
        for (long v : longest) {
            sb.append(LEVELS[level(v, period)]);
        }
        return sb.toString();
    }

    /** 0 without an interval; 1 up to 10% over the period; then up to 2, 4, 8 times it; 5 beyond. */
    static int level(long v, long period) {
        if (v <= 0) {
            return 0;
        }
        double x = (double) v / period;
        return x <= 1 + VcpuRecord.PERIOD_TOLERANCE ? 1 : x <= 2 ? 2 : x <= 4 ? 3 : x <= 8 ? 4 : 5;
    }

    private static long median(List<Long> values) {
        long[] a = new long[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        Arrays.sort(a);
        return a[a.length / 2];
    }

    /** Whether a quality event marks stutter ({@code !}, {@code x}, {@code u}). */
    static boolean stutter(QualityEvent e) {
        return e == QualityEvent.FRAME_LATE || e == QualityEvent.FRAME_DROPPED || e == QualityEvent.AUDIO_UNDERRUN;
    }
}
