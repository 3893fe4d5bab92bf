package io.github.vsched.testkit;

import io.github.vsched.core.metrics.PcpuTimeline;
import io.github.vsched.core.metrics.PcpuTimeline.Segment;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link PcpuTimeline}'s segments in the shapes schedule tests compare: who ran where from
 * when to when ({@link Run}), or one PCPU's busy segments as short strings
 * ({@code a/0[1000,15000)}, {@code end} for a VCPU still running when the run ended).
 */
public final class Timelines {
    private Timelines() {
    }

    /**
     * A segment reduced to who ran where from when to when, with {@link Long#MAX_VALUE} as the end
     * of a VCPU still running when the run ended.
     *
     * @param pcpu  the PCPU
     * @param vcpu  the VCPU's name ({@code domain/index})
     * @param start when it was switched in (ns)
     * @param end   when it was switched out (ns), or {@link Long#MAX_VALUE}
     */
    public record Run(int pcpu, String vcpu, long start, long end) {
        /** The run of one segment. */
        public static Run of(Segment s) {
            return new Run(s.pcpu(), s.vcpu(), s.start(), s.ended() == PcpuTimeline.End.RUN_END ? Long.MAX_VALUE : s.end());
        }

        /** The runs of segments, in their order. */
        public static List<Run> of(List<Segment> segments) {
            return segments.stream().map(Run::of).toList();
        }
    }

    /**
     * The non-empty busy segments of a PCPU as {@code name[start,end)}, times in units of
     * {@code unitNs} (for example {@code Durations.US}), {@code end} for a VCPU still running when
     * the run ended.
     */
    public static List<String> busy(PcpuTimeline t, int pcpu, long unitNs) {
        List<String> out = new ArrayList<>();
        for (Segment s : t.busySegments(pcpu)) {
            boolean open = s.ended() == PcpuTimeline.End.RUN_END;
            if (open || s.end() > s.start()) {
                out.add(s.vcpu() + "[" + s.start() / unitNs + "," + (open ? "end" : s.end() / unitNs) + ")");
            }
        }
        return out;
    }
}
