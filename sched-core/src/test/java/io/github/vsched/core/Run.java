package io.github.vsched.core;

import io.github.vsched.core.metrics.PcpuTimeline;

import java.util.List;

/**
 * A timeline segment as the schedule tests compare it: who ran where from when to when, with
 * {@link Long#MAX_VALUE} as the end of a VCPU still running when the run ended.
 */
record Run(int pcpu, String vcpu, long start, long end) {

    static Run of(PcpuTimeline.Segment s) {
        return new Run(s.pcpu(), s.vcpu(), s.start(), s.ended() == PcpuTimeline.End.RUN_END ? Long.MAX_VALUE : s.end());
    }

    static List<Run> of(List<PcpuTimeline.Segment> segments) {
        return segments.stream().map(Run::of).toList();
    }
}
