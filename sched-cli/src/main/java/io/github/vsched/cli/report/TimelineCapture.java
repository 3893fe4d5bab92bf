package io.github.vsched.cli.report;

import io.github.vsched.api.PcpuView;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.metrics.PcpuTimeline;
import io.github.vsched.core.observe.SimulationListener;

import java.util.Arrays;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Records, for the report's timeline, who ran on each PCPU within a time window (a
 * {@link PcpuTimeline} of the guests), the wake-ups, and the priority changes. A scheduler
 * that names its priorities ({@link Scheduler#priorityName}) is asked after each of its trace
 * events, and a change is drawn with the old and new name and the event that made it
 * ({@code BOOST -> UNDER (unboost)}); for one that does not, the trace events whose names
 * suggest a priority change ({@code boost}, {@code pri}, {@code park} ...) are drawn.
 * Bounded: at most a fixed number of segments and markers are kept, so a long window cannot
 * exhaust memory; {@link #truncated()} says whether some were dropped.
 */
public final class TimelineCapture implements SimulationListener {
    /** Trace events drawn as priority changes when the scheduler does not name its priorities. */
    static final Pattern PRIORITY_EVENT = Pattern.compile(".*(boost|pri|park|srt|demot|promot).*");

    /** Marker kinds. */
    public static final int WAKE = 0;
    /** A scheduler trace event that changes a priority. */
    public static final int PRIORITY = 1;

    private final long from;
    private final long to;
    private final int maxMarkers;

    private final PcpuTimeline runs;

    // markers
    private int markers;
    private int[] mkKind = new int[256];
    private int[] mkPcpu = new int[256];
    private int[] mkDomain = new int[256];
    private int[] mkVcpu = new int[256];
    private long[] mkTime = new long[256];
    private long[] mkArg0 = new long[256];
    private long[] mkArg1 = new long[256];
    private int[] mkType = new int[256];
    /** The scheduler's names of each trace event type's two arguments, by type (null: unnamed). */
    private String[][] argNames = new String[0][];
    private String[] mkName = new String[256];

    private String[] domainNames = new String[8];
    private int pcpus;
    private boolean truncated;
    private byte[] priorityType = new byte[16];
    private final Function<VcpuView, Scheduler> scheduler;
    private String[] priority = new String[16];

    /**
     * @param scheduler   the simulation's scheduler, asked for its priority names (may be null)
     * @param from        window start (ns)
     * @param to          window end (ns)
     * @param maxSegments most segments kept
     * @param maxMarkers  most markers kept
     */
    public TimelineCapture(Scheduler scheduler, long from, long to, int maxSegments, int maxMarkers) {
        this(scheduler == null ? null : v -> scheduler, from, to, maxSegments, maxMarkers);
    }

    /**
     * For a machine split into cpupools: each VCPU's priority named by its pool's scheduler.
     *
     * @param schedulerOf the scheduler of a VCPU's cpupool (may be null: no names)
     */
    public TimelineCapture(Function<VcpuView, Scheduler> schedulerOf, long from, long to, int maxSegments,
                           int maxMarkers) {
        this.scheduler = schedulerOf;
        this.from = from;
        this.to = to;
        this.maxMarkers = maxMarkers;
        this.runs = PcpuTimeline.builder().window(from, to).maxSegments(maxSegments).guestsOnly().build();
    }

    /** Window start. */
    public long from() {
        return from;
    }

    /** Window end. */
    public long to() {
        return to;
    }

    /** Number of PCPUs seen. */
    public int pcpus() {
        return Math.max(pcpus, runs.pcpus());
    }

    /** Whether segments or markers were dropped because of the bounds. */
    public boolean truncated() {
        return truncated || runs.truncated();
    }

    @Override
    public boolean wantsTrace() {
        return true;
    }

    private void pcpu(int p) {
        pcpus = Math.max(pcpus, p + 1);
    }

    private void domain(VcpuView v) {
        int d = v.domain().id();
        if (d >= domainNames.length) {
            domainNames = Arrays.copyOf(domainNames, Math.max(d + 1, domainNames.length * 2));
        }
        if (domainNames[d] == null) {
            domainNames[d] = v.domain().name();
        }
    }

    @Override
    public void onDispatch(PcpuView pcpu, VcpuView vcpu, long now, boolean afterWake) {
        runs.onDispatch(pcpu, vcpu, now, afterWake);
    }

    @Override
    public void onDeschedule(PcpuView pcpu, VcpuView vcpu, long now) {
        runs.onDeschedule(pcpu, vcpu, now);
    }

    @Override
    public void onOverhead(int pcpu, VcpuView vcpu, long ns, long now) {
        runs.onOverhead(pcpu, vcpu, ns, now);
    }

    private void marker(int kind, long now, int pcpu, VcpuView v, String name, int type, long a0, long a1) {
        if (now < from || now > to || v == null || v.isIdle()) {
            return;
        }
        if (markers == maxMarkers) {
            truncated = true;
            return;
        }
        if (markers == mkKind.length) {
            int n = markers * 2;
            mkKind = Arrays.copyOf(mkKind, n);
            mkPcpu = Arrays.copyOf(mkPcpu, n);
            mkDomain = Arrays.copyOf(mkDomain, n);
            mkVcpu = Arrays.copyOf(mkVcpu, n);
            mkTime = Arrays.copyOf(mkTime, n);
            mkArg0 = Arrays.copyOf(mkArg0, n);
            mkArg1 = Arrays.copyOf(mkArg1, n);
            mkName = Arrays.copyOf(mkName, n);
            mkType = Arrays.copyOf(mkType, n);
        }
        domain(v);
        pcpu(Math.max(0, pcpu));
        mkKind[markers] = kind;
        mkPcpu[markers] = Math.max(0, pcpu);
        mkDomain[markers] = v.domain().id();
        mkVcpu[markers] = v.index();
        mkTime[markers] = now;
        mkArg0[markers] = a0;
        mkArg1[markers] = a1;
        mkName[markers] = name;
        mkType[markers] = type;
        markers++;
    }

    @Override
    public void onWake(VcpuView vcpu, long now) {
        marker(WAKE, now, vcpu.processor(), vcpu, "wake", -1, 0, 0);
    }

    @Override
    public void onTrace(long now, int type, String typeName, int pcpu, VcpuView vcpu, long arg0, long arg1) {
        if (vcpu == null || now > to) {
            return;
        }
        String named = scheduler == null || vcpu.isIdle() ? null : scheduler.apply(vcpu).priorityName(vcpu);
        if (named != null) {
            int id = vcpu.id();
            if (id >= priority.length) {
                priority = Arrays.copyOf(priority, Math.max(id + 1, priority.length * 2));
            }
            String was = priority[id];
            priority[id] = named;
            if (was != null && !was.equals(named) && now >= from) {
                marker(PRIORITY, now, pcpu >= 0 ? pcpu : vcpu.processor(), vcpu, was + " -> " + named + " ("
                        + typeName + ")", type, arg0, arg1);
            }
            return;
        }
        if (now < from) {
            return;
        }
        if (type >= priorityType.length) {
            priorityType = Arrays.copyOf(priorityType, Math.max(type + 1, priorityType.length * 2));
        }
        if (priorityType[type] == 0) {
            priorityType[type] = (byte) (PRIORITY_EVENT.matcher(typeName).matches() ? 1 : 2);
        }
        if (priorityType[type] == 1) {
            marker(PRIORITY, now, pcpu >= 0 ? pcpu : vcpu.processor(), vcpu, typeName, type, arg0, arg1);
        }
    }

    @Override
    public void onEnd(long now) {
        runs.onEnd(now);
    }

    /**
     * A wake-up or priority change.
     *
     * @param kind   {@link #WAKE} or {@link #PRIORITY}
     * @param name   {@code wake} or the trace event's name
     * @param pcpu   the PCPU row it is drawn on
     * @param domain the domain id
     * @param vcpu   the VCPU number
     * @param time   when
     * @param arg0   the trace event's first argument
     * @param arg1   its second
     * @param arg0Name the scheduler's name of the first argument, or null if it gave none
     * @param arg1Name the name of the second, or null
     */
    public record Marker(int kind, String name, int pcpu, int domain, int vcpu, long time, long arg0, long arg1,
                         String arg0Name, String arg1Name) {
    }

    /**
     * The names the scheduler gave its trace events' arguments ({@code Simulation.traceEventTypes()}),
     * so the markers carry them.
     */
    public TimelineCapture traceEventTypes(java.util.List<io.github.vsched.core.Simulation.TraceEventType> types) {
        int max = -1;
        for (var t : types) {
            max = Math.max(max, t.type());
        }
        argNames = new String[max + 1][];
        for (var t : types) {
            String[] n = new String[2];
            for (int i = 0; i < 2 && i < t.argNames().size(); i++) {
                n[i] = t.argNames().get(i).isEmpty() ? null : t.argNames().get(i);
            }
            argNames[t.type()] = n;
        }
        return this;
    }

    private String argName(int type, int arg) {
        return type >= 0 && type < argNames.length && argNames[type] != null ? argNames[type][arg] : null;
    }

    /** The guests' runs in the window, in the order they ended (the last ones at the window's or run's end). */
    public java.util.List<PcpuTimeline.Segment> segments() {
        return runs.segments();
    }

    /** The markers, in time order. */
    public java.util.List<Marker> markers() {
        java.util.List<Marker> out = new java.util.ArrayList<>(markers);
        for (int i = 0; i < markers; i++) {
            out.add(new Marker(mkKind[i], mkName[i], mkPcpu[i], mkDomain[i], mkVcpu[i], mkTime[i], mkArg0[i],
                    mkArg1[i], argName(mkType[i], 0), argName(mkType[i], 1)));
        }
        return out;
    }

    /** The name of domain {@code id}, as seen in the markers. */
    public String domainName(int id) {
        return id >= 0 && id < domainNames.length && domainNames[id] != null ? domainNames[id] : "dom#" + id;
    }
}
