package io.github.vsched.core.metrics;

import io.github.vsched.api.PcpuView;
import io.github.vsched.api.QualityEvent;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.observe.SimulationListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The paper's own view of a VCPU: when it ran and for how long, dispatch after dispatch, over
 * time. For each watched VCPU it keeps every dispatch that starts in a time window, with the
 * dispatch interval that ends there (from the previous dispatch after a wake-up to this one,
 * when this one follows a wake-up: the paper's period, as {@link VcpuMetricsRecorder} measures
 * it) and the run length (dispatch to deschedule: the paper's 60,000 TSC), and the quality
 * events the VCPU's guest reported in the window ({@link QualityEvent}: frames late or dropped,
 * audio underruns).
 *
 * <p>Only watched VCPUs do any work; watch the few a report draws. Memory is bounded: at most
 * {@code maxDispatches} dispatches and {@code maxEvents} events per VCPU are kept, in primitive
 * arrays that grow by doubling (nothing else is allocated per event); beyond those
 * {@link #truncated} says that some were left out. The window and the bounds are the
 * caller's: a window of a few seconds keeps a few thousand dispatches of a 2.3 ms period.
 */
public final class DispatchSeries implements SimulationListener {
    /** Run length of a dispatch still running when the run ended. */
    public static final long STILL_RUNNING = -1;
    /** Interval of a dispatch that does not follow a wake-up, or of the first one that does. */
    public static final long NO_INTERVAL = -1;

    /**
     * One dispatch of a watched VCPU.
     *
     * @param time       when it was switched in (ns)
     * @param pcpu       the PCPU it ran on
     * @param afterWake  whether it was its first dispatch since it woke up
     * @param intervalNs the dispatch interval it ends, or {@link #NO_INTERVAL}
     * @param runNs      how long it ran, or {@link #STILL_RUNNING}
     */
    public record Dispatch(long time, int pcpu, boolean afterWake, long intervalNs, long runNs) {
    }

    /**
     * A quality event of a watched VCPU's guest.
     *
     * @param time  when it was reported (ns)
     * @param event what happened
     * @param value its measure ({@link QualityEvent} gives the unit)
     */
    public record Event(long time, QualityEvent event, long value) {
    }

    /** Builds a {@link DispatchSeries}. */
    public static final class Builder {
        private long from;
        private long to = Long.MAX_VALUE;
        private int maxDispatches = 100_000;
        private int maxEvents = 10_000;

        private Builder() {
        }

        /** Keeps dispatches and events in [{@code from}, {@code to}] (ns, both included); by default the whole run. */
        public Builder window(long from, long to) {
            if (from < 0 || from > to) {
                throw new IllegalArgumentException("series window from " + from + " ns to " + to
                        + " ns: allowed: 0 <= from <= to");
            }
            this.from = from;
            this.to = to;
            return this;
        }

        /** Keeps at most {@code max} dispatches per watched VCPU (default 100,000). */
        public Builder maxDispatches(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxDispatches " + max + ": allowed: at least 1");
            }
            this.maxDispatches = max;
            return this;
        }

        /** Keeps at most {@code max} quality events per watched VCPU (default 10,000). */
        public Builder maxEvents(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxEvents " + max + ": allowed: at least 1");
            }
            this.maxEvents = max;
            return this;
        }

        /** The series; watch VCPUs, then add it to a simulation as a listener. */
        public DispatchSeries build() {
            return new DispatchSeries(this);
        }
    }

    /** What is kept of one watched VCPU. */
    private static final class Track {
        final String name;
        long lastWakeDispatch = -1;
        /** Index of the kept dispatch now running, or -1. */
        int open = -1;
        int n;
        long[] time = new long[64];
        int[] pcpu = new int[64];
        boolean[] afterWake = new boolean[64];
        long[] interval = new long[64];
        long[] run = new long[64];
        int events;
        long[] eventTime = new long[16];
        byte[] eventKind = new byte[16];
        long[] eventValue = new long[16];
        boolean truncated;

        Track(String name) {
            this.name = name;
        }
    }

    private static final QualityEvent[] EVENTS = QualityEvent.values();

    private final long from;
    private final long to;
    private final int maxDispatches;
    private final int maxEvents;
    /** Track of each VCPU by id, null when not watched. */
    private Track[] tracks = new Track[0];
    private final List<Track> watched = new ArrayList<>();

    private DispatchSeries(Builder b) {
        this.from = b.from;
        this.to = b.to;
        this.maxDispatches = b.maxDispatches;
        this.maxEvents = b.maxEvents;
    }

    /** A builder: by default the whole run, 100,000 dispatches and 10,000 events per VCPU. */
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

    /** Records {@code vcpu} (a guest VCPU) from now on; watching it again changes nothing. */
    public DispatchSeries watch(VcpuView vcpu) {
        if (vcpu.isIdle()) {
            throw new IllegalArgumentException("cannot watch an idle VCPU: " + vcpu.name());
        }
        int id = vcpu.id();
        if (id >= tracks.length) {
            tracks = Arrays.copyOf(tracks, Math.max(id + 1, 2 * tracks.length));
        }
        if (tracks[id] == null) {
            tracks[id] = new Track(vcpu.name());
            watched.add(tracks[id]);
        }
        return this;
    }

    private Track track(VcpuView v) {
        int id = v.id();
        return id < tracks.length ? tracks[id] : null;
    }

    @Override
    public void onDispatch(PcpuView pcpu, VcpuView vcpu, long now, boolean afterWake) {
        Track t = track(vcpu);
        if (t == null) {
            return;
        }
        long interval = NO_INTERVAL;
        if (afterWake) {
            if (t.lastWakeDispatch >= 0) {
                interval = now - t.lastWakeDispatch;
            }
            t.lastWakeDispatch = now;
        }
        t.open = -1;
        if (now < from || now > to) {
            return;
        }
        if (t.n == maxDispatches) {
            t.truncated = true;
            return;
        }
        if (t.n == t.time.length) {
            int n = (int) Math.min(maxDispatches, 2L * t.n);
            t.time = Arrays.copyOf(t.time, n);
            t.pcpu = Arrays.copyOf(t.pcpu, n);
            t.afterWake = Arrays.copyOf(t.afterWake, n);
            t.interval = Arrays.copyOf(t.interval, n);
            t.run = Arrays.copyOf(t.run, n);
        }
        int i = t.n++;
        t.time[i] = now;
        t.pcpu[i] = pcpu.id();
        t.afterWake[i] = afterWake;
        t.interval[i] = interval;
        t.run[i] = STILL_RUNNING;
        t.open = i;
    }

    @Override
    public void onDeschedule(PcpuView pcpu, VcpuView vcpu, long now) {
        Track t = track(vcpu);
        if (t != null && t.open >= 0) {
            t.run[t.open] = now - t.time[t.open];
            t.open = -1;
        }
    }

    @Override
    public void onQuality(VcpuView vcpu, QualityEvent event, long value, long now) {
        Track t = track(vcpu);
        if (t == null || now < from || now > to) {
            return;
        }
        if (t.events == maxEvents) {
            t.truncated = true;
            return;
        }
        if (t.events == t.eventTime.length) {
            int n = (int) Math.min(maxEvents, 2L * t.events);
            t.eventTime = Arrays.copyOf(t.eventTime, n);
            t.eventKind = Arrays.copyOf(t.eventKind, n);
            t.eventValue = Arrays.copyOf(t.eventValue, n);
        }
        int i = t.events++;
        t.eventTime[i] = now;
        t.eventKind[i] = (byte) event.ordinal();
        t.eventValue[i] = value;
    }

    /** The names ({@code domain/index}) of the watched VCPUs, in the order they were watched. */
    public List<String> vcpus() {
        List<String> out = new ArrayList<>(watched.size());
        for (Track t : watched) {
            out.add(t.name);
        }
        return out;
    }

    private Track named(String vcpu) {
        for (Track t : watched) {
            if (t.name.equals(vcpu)) {
                return t;
            }
        }
        throw new IllegalArgumentException("VCPU " + vcpu + " is not watched; watched: " + vcpus());
    }

    /** The kept dispatches of watched VCPU {@code vcpu} ({@code domain/index}), in time order. */
    public List<Dispatch> dispatches(String vcpu) {
        Track t = named(vcpu);
        List<Dispatch> out = new ArrayList<>(t.n);
        for (int i = 0; i < t.n; i++) {
            out.add(new Dispatch(t.time[i], t.pcpu[i], t.afterWake[i], t.interval[i], t.run[i]));
        }
        return Collections.unmodifiableList(out);
    }

    /** The kept quality events of watched VCPU {@code vcpu}, in time order. */
    public List<Event> events(String vcpu) {
        Track t = named(vcpu);
        List<Event> out = new ArrayList<>(t.events);
        for (int i = 0; i < t.events; i++) {
            out.add(new Event(t.eventTime[i], EVENTS[t.eventKind[i]], t.eventValue[i]));
        }
        return Collections.unmodifiableList(out);
    }

    /** Whether dispatches or events of {@code vcpu} in the window were left out because of the bounds. */
    public boolean truncated(String vcpu) {
        return named(vcpu).truncated;
    }
}
