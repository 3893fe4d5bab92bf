package io.github.vsched.core.metrics;

import io.github.vsched.api.PcpuView;
import io.github.vsched.api.RunState;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.observe.SimulationListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Who ran where, from when to when: the run as segments per PCPU, each a VCPU switched in at
 * {@code start} and out at {@code end}, with why it ended and the hypervisor overhead charged
 * to it meanwhile. The one place that turns dispatches and deschedules into segments; the
 * report's timeline, the trace files and tests read it.
 *
 * <p>Only segments that overlap a time window are kept or handed on. Kept segments
 * ({@link #segments()}) are bounded: after {@code maxSegments} the rest are dropped and
 * {@link #truncated()} says so, so memory stays bounded on long runs. A
 * {@link SegmentListener} receives each segment as it closes, so a consumer that writes them
 * out (a trace file) can keep none. Per event, nothing is allocated once every PCPU and VCPU
 * has been seen and the kept arrays have grown to their size.
 */
public final class PcpuTimeline implements SimulationListener {

    /** Most segments kept by {@link #PcpuTimeline()}. */
    public static final int DEFAULT_MAX_SEGMENTS = 1_000_000;

    /** Why a segment ended. */
    public enum End {
        /** Switched out still runnable: preempted, its slice ended, it yielded (idle VCPUs too). */
        RUNNABLE,
        /** Switched out because it blocked, waiting for an event. */
        BLOCKED,
        /** Switched out not runnable for another reason: paused, parked by a cap, migrating, down. */
        OFFLINE,
        /** Still running when the run ended. */
        RUN_END;

        private static final End[] VALUES = values();
    }

    /**
     * Receives each segment as it closes, in the order they close (the run's end closes the
     * open ones in PCPU order).
     */
    @FunctionalInterface
    public interface SegmentListener {
        /**
         * A segment closed.
         *
         * @param pcpu       the PCPU
         * @param vcpu       the VCPU, a live view: read it during the call only
         * @param start      switch-in time (ns)
         * @param end        switch-out time, or the run's end (ns)
         * @param ended      why it ended
         * @param overheadNs hypervisor work charged to the VCPU on this PCPU during the segment
         */
        void onSegment(int pcpu, VcpuView vcpu, long start, long end, End ended, long overheadNs);
    }

    /**
     * One stretch of a VCPU on a PCPU.
     *
     * @param pcpu       the PCPU
     * @param vcpu       the VCPU's name ({@code domain/index}, or {@code idleN})
     * @param domain     its domain's name
     * @param idle       whether it is the PCPU's idle VCPU
     * @param start      switch-in time (ns)
     * @param end        switch-out time, or the run's end when {@code ended} is {@link End#RUN_END}
     * @param ended      why it ended
     * @param overheadNs hypervisor work charged to the VCPU on this PCPU during the segment
     */
    public record Segment(int pcpu, String vcpu, String domain, boolean idle, long start, long end, End ended,
                          long overheadNs) {
        /** How long it lasted (ns). */
        public long lengthNs() {
            return end - start;
        }
    }

    /**
     * Builds a {@link PcpuTimeline}; by default the whole run, idle VCPUs included, kept up to
     * {@link #DEFAULT_MAX_SEGMENTS}.
     */
    public static final class Builder {
        private long from;
        private long to = Long.MAX_VALUE;
        private int maxSegments = DEFAULT_MAX_SEGMENTS;
        private boolean guestsOnly;
        private SegmentListener listener;

        private Builder() {
        }

        /** Only segments overlapping [{@code from}, {@code to}] (ns, both included) are kept and handed on. */
        public Builder window(long from, long to) {
            if (from > to) {
                throw new IllegalArgumentException("timeline window from " + from + " ns is after its end "
                        + to + " ns");
            }
            this.from = from;
            this.to = to;
            return this;
        }

        /** At most {@code max} segments are kept; 0 keeps none (for a consumer that only streams). */
        public Builder maxSegments(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxSegments " + max + " must be >= 0");
            }
            this.maxSegments = max;
            return this;
        }

        /** Leaves out the idle VCPUs' segments (a PCPU's idle time). */
        public Builder guestsOnly() {
            this.guestsOnly = true;
            return this;
        }

        /** Hands each closed segment in the window to {@code l}, kept or not. */
        public Builder onSegment(SegmentListener l) {
            this.listener = l;
            return this;
        }

        /** The timeline; add it to a simulation as a listener. */
        public PcpuTimeline build() {
            return new PcpuTimeline(this);
        }
    }

    private final long from;
    private final long to;
    private final int maxSegments;
    private final boolean guestsOnly;
    private final SegmentListener listener;

    // the open segment of each PCPU
    private int pcpus;
    private VcpuView[] open = new VcpuView[8];
    private long[] since = new long[8];
    private long[] overhead = new long[8];

    // kept segments, as parallel arrays that grow (by doubling) up to maxSegments
    private int kept;
    private int[] segPcpu;
    private int[] segVcpu;
    private long[] segStart;
    private long[] segEnd;
    private long[] segOverhead;
    private byte[] segEnded;
    private boolean truncated;

    // what kept segments need of each VCPU, by id, filled when it is first kept
    private String[] names = new String[16];
    private String[] domains = new String[16];
    private boolean[] idle = new boolean[16];

    /** The whole run, idle VCPUs included, at most {@link #DEFAULT_MAX_SEGMENTS} kept (for tests). */
    public PcpuTimeline() {
        this(builder());
    }

    private PcpuTimeline(Builder b) {
        this.from = b.from;
        this.to = b.to;
        this.maxSegments = b.maxSegments;
        this.guestsOnly = b.guestsOnly;
        this.listener = b.listener;
        int initial = Math.min(maxSegments, 256);
        segPcpu = new int[initial];
        segVcpu = new int[initial];
        segStart = new long[initial];
        segEnd = new long[initial];
        segOverhead = new long[initial];
        segEnded = new byte[initial];
    }

    /** A builder for a windowed, bounded or streaming timeline. */
    public static Builder builder() {
        return new Builder();
    }

    /** Window start (ns). */
    public long from() {
        return from;
    }

    /** Window end (ns). */
    public long to() {
        return to;
    }

    /** How many PCPUs it has seen switch (the highest PCPU number seen, plus one). */
    public int pcpus() {
        return pcpus;
    }

    /** Whether segments in the window were left out of {@link #segments()} because of the bound. */
    public boolean truncated() {
        return truncated;
    }

    private void ensure(int p) {
        if (p >= open.length) {
            int n = Math.max(p + 1, open.length * 2);
            open = Arrays.copyOf(open, n);
            since = Arrays.copyOf(since, n);
            overhead = Arrays.copyOf(overhead, n);
        }
        pcpus = Math.max(pcpus, p + 1);
    }

    @Override
    public void onDispatch(PcpuView pcpu, VcpuView vcpu, long now, boolean afterWake) {
        int p = pcpu.id();
        ensure(p);
        // the engine always deschedules before it dispatches, so nothing is open here
        open[p] = vcpu;
        since[p] = now;
        overhead[p] = 0;
    }

    @Override
    public void onDeschedule(PcpuView pcpu, VcpuView vcpu, long now) {
        int p = pcpu.id();
        ensure(p);
        if (open[p] == null) {
            // switched in before the timeline saw it: the idle VCPU each PCPU starts on
            open[p] = vcpu;
            since[p] = 0;
            overhead[p] = 0;
        }
        close(p, now, ended(vcpu));
    }

    private static End ended(VcpuView v) {
        RunState s = v.runState();
        return s == RunState.BLOCKED ? End.BLOCKED : s == RunState.OFFLINE ? End.OFFLINE : End.RUNNABLE;
    }

    @Override
    public void onOverhead(int pcpu, VcpuView vcpu, long ns, long now) {
        if (pcpu >= 0 && pcpu < open.length && open[pcpu] != null && open[pcpu].id() == vcpu.id()) {
            overhead[pcpu] += ns;
        }
    }

    @Override
    public void onEnd(long now) {
        for (int p = 0; p < pcpus; p++) {
            if (open[p] != null) {
                close(p, now, End.RUN_END);
            }
        }
    }

    private void close(int p, long end, End ended) {
        VcpuView v = open[p];
        open[p] = null;
        long start = since[p];
        if ((guestsOnly && v.isIdle()) || end < from || start > to) {
            return;
        }
        if (listener != null) {
            listener.onSegment(p, v, start, end, ended, overhead[p]);
        }
        if (kept == maxSegments) {
            truncated = true;
            return;
        }
        if (kept == segPcpu.length) {
            grow();
        }
        describe(v);
        segPcpu[kept] = p;
        segVcpu[kept] = v.id();
        segStart[kept] = start;
        segEnd[kept] = end;
        segOverhead[kept] = overhead[p];
        segEnded[kept] = (byte) ended.ordinal();
        kept++;
    }

    private void grow() {
        int n = (int) Math.min(maxSegments, Math.max(16L, 2L * kept));
        segPcpu = Arrays.copyOf(segPcpu, n);
        segVcpu = Arrays.copyOf(segVcpu, n);
        segStart = Arrays.copyOf(segStart, n);
        segEnd = Arrays.copyOf(segEnd, n);
        segOverhead = Arrays.copyOf(segOverhead, n);
        segEnded = Arrays.copyOf(segEnded, n);
    }

    private void describe(VcpuView v) {
        int id = v.id();
        if (id >= names.length) {
            int n = Math.max(id + 1, names.length * 2);
            names = Arrays.copyOf(names, n);
            domains = Arrays.copyOf(domains, n);
            idle = Arrays.copyOf(idle, n);
        }
        if (names[id] == null) {
            names[id] = v.name();
            domains[id] = v.domain().name();
            idle[id] = v.isIdle();
        }
    }

    private Segment segment(int i) {
        int id = segVcpu[i];
        return new Segment(segPcpu[i], names[id], domains[id], idle[id], segStart[i], segEnd[i],
                End.VALUES[segEnded[i]], segOverhead[i]);
    }

    /** The kept segments, in the order they ended. */
    public List<Segment> segments() {
        List<Segment> out = new ArrayList<>(kept);
        for (int i = 0; i < kept; i++) {
            out.add(segment(i));
        }
        return Collections.unmodifiableList(out);
    }

    /** The kept segments of one PCPU, idle ones left out, in the order they ended. */
    public List<Segment> busySegments(int pcpu) {
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i < kept; i++) {
            if (segPcpu[i] == pcpu && !idle[segVcpu[i]]) {
                out.add(segment(i));
            }
        }
        return Collections.unmodifiableList(out);
    }
}
