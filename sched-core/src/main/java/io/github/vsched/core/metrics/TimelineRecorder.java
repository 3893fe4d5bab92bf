package io.github.vsched.core.metrics;

import io.github.vsched.api.PcpuView;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.observe.SimulationListener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Records who ran where and when, as segments per PCPU, within a time window and up to a
 * maximum number of segments (so memory stays bounded on long runs). For tests that check a
 * schedule event by event and for timeline charts.
 */
public final class TimelineRecorder implements SimulationListener {

    /**
     * One stretch of a VCPU on a PCPU.
     *
     * @param pcpu  the PCPU
     * @param vcpu  the VCPU's name ({@code domain/index}, or {@code idleN})
     * @param start switch-in time
     * @param end   switch-out time ({@link Long#MAX_VALUE} if still running at the end)
     */
    public record Segment(int pcpu, String vcpu, long start, long end) {
    }

    private final long from;
    private final long to;
    private final int maxSegments;
    private final List<Segment> segments = new ArrayList<>();
    private String[] running = new String[0];
    private long[] since = new long[0];
    private boolean truncated;

    /** Records everything (for short test runs). */
    public TimelineRecorder() {
        this(0, Long.MAX_VALUE, 1_000_000);
    }

    /** Records segments overlapping [{@code from}, {@code to}], at most {@code maxSegments}. */
    public TimelineRecorder(long from, long to, int maxSegments) {
        this.from = from;
        this.to = to;
        this.maxSegments = maxSegments;
    }

    private void ensure(int pcpu) {
        if (pcpu >= running.length) {
            running = java.util.Arrays.copyOf(running, pcpu + 1);
            since = java.util.Arrays.copyOf(since, pcpu + 1);
        }
    }

    @Override
    public void onDispatch(PcpuView pcpu, VcpuView vcpu, long now, boolean afterWake) {
        ensure(pcpu.id());
        running[pcpu.id()] = vcpu.name();
        since[pcpu.id()] = now;
    }

    @Override
    public void onDeschedule(PcpuView pcpu, VcpuView vcpu, long now) {
        ensure(pcpu.id());
        String name = running[pcpu.id()] != null ? running[pcpu.id()] : vcpu.name();
        add(pcpu.id(), name, running[pcpu.id()] != null ? since[pcpu.id()] : 0, now);
        running[pcpu.id()] = null;
    }

    @Override
    public void onEnd(long now) {
        for (int c = 0; c < running.length; c++) {
            if (running[c] != null) {
                add(c, running[c], since[c], Long.MAX_VALUE);
            }
        }
    }

    private void add(int pcpu, String vcpu, long start, long end) {
        if (end < from || start > to) {
            return;
        }
        if (segments.size() >= maxSegments) {
            truncated = true;
            return;
        }
        segments.add(new Segment(pcpu, vcpu, start, end));
    }

    /** The recorded segments in the order they ended. */
    public List<Segment> segments() {
        return Collections.unmodifiableList(segments);
    }

    /** The recorded segments of one PCPU, idle ones left out. */
    public List<Segment> busySegments(int pcpu) {
        List<Segment> out = new ArrayList<>();
        for (Segment s : segments) {
            if (s.pcpu() == pcpu && !s.vcpu().startsWith("idle")) {
                out.add(s);
            }
        }
        return out;
    }

    /** Whether segments were dropped because of {@code maxSegments}. */
    public boolean truncated() {
        return truncated;
    }
}
