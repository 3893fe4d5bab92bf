package io.github.vsched.testkit;

import io.github.vsched.api.PcpuView;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.metrics.PcpuTimeline;
import io.github.vsched.core.metrics.PcpuTimeline.Segment;
import io.github.vsched.core.observe.SimulationListener;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link SchedulerTestKit} run did: its events in order (wake-ups, blocks, dispatches,
 * deschedules, migrations), who ran where and when, and the result, with the questions a
 * scheduler test asks of them.
 */
public final class Recording {
    /** What an {@link Event} records. */
    public enum Kind {
        WAKE, BLOCK, DISPATCH, DESCHEDULE, MIGRATE
    }

    /**
     * One event of the run.
     *
     * @param kind what happened
     * @param time when (ns)
     * @param pcpu where (for a migration: the PCPU it went to; for a wake-up or block: the VCPU's
     *             PCPU at the time)
     * @param vcpu the VCPU's name, {@code domain/index}
     */
    public record Event(Kind kind, long time, int pcpu, String vcpu) {
    }

    private final List<Event> events = new ArrayList<>();
    private final PcpuTimeline timeline = new PcpuTimeline();
    private SimulationResult result;
    private long endNs;

    Recording() {
    }

    SimulationListener listener() {
        return new SimulationListener() {
            @Override
            public void onWake(VcpuView v, long now) {
                events.add(new Event(Kind.WAKE, now, v.processor(), v.name()));
            }

            @Override
            public void onBlock(VcpuView v, long now) {
                events.add(new Event(Kind.BLOCK, now, v.processor(), v.name()));
            }

            @Override
            public void onDispatch(PcpuView p, VcpuView v, long now, boolean afterWake) {
                if (!v.isIdle()) {
                    events.add(new Event(Kind.DISPATCH, now, p.id(), v.name()));
                }
            }

            @Override
            public void onDeschedule(PcpuView p, VcpuView v, long now) {
                if (!v.isIdle()) {
                    events.add(new Event(Kind.DESCHEDULE, now, p.id(), v.name()));
                }
            }

            @Override
            public void onMigrate(VcpuView v, int from, int to, long now) {
                events.add(new Event(Kind.MIGRATE, now, to, v.name()));
            }

            @Override
            public void onEnd(long now) {
                endNs = now;
            }
        };
    }

    void finish(SimulationResult r) {
        this.result = r;
    }

    /** The run's result: per-VCPU statistics, workloads' metrics, the event hash. */
    public SimulationResult result() {
        return result;
    }

    /** When the run ended (ns). */
    public long endNs() {
        return endNs;
    }

    /** Every event, in the order they happened. */
    public List<Event> events() {
        return List.copyOf(events);
    }

    /** The events of one kind. */
    public List<Event> events(Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).toList();
    }

    /** The events of one kind of one VCPU ({@code domain/index}). */
    public List<Event> events(Kind kind, String vcpu) {
        return events.stream().filter(e -> e.kind() == kind && e.vcpu().equals(vcpu)).toList();
    }

    /** Who ran where from when to when. */
    public PcpuTimeline timeline() {
        return timeline;
    }

    /** The runs of one VCPU, in time order. */
    public List<Timelines.Run> runs(String vcpu) {
        List<Timelines.Run> out = new ArrayList<>();
        for (Segment s : timeline.segments()) {
            if (!s.idle() && s.vcpu().equals(vcpu)) {
                out.add(new Timelines.Run(s.pcpu(), s.vcpu(), s.start(), s.end()));
            }
        }
        out.sort((a, b) -> Long.compare(a.start(), b.start()));
        return out;
    }

    /** How long {@code vcpu} ran within {@code [from, to)} (ns). */
    public long runningNs(String vcpu, long from, long to) {
        long sum = 0;
        for (Timelines.Run r : runs(vcpu)) {
            sum += Math.max(0, Math.min(r.end(), to) - Math.max(r.start(), from));
        }
        return sum;
    }

    /**
     * For every wake-up of {@code vcpu}, how long it waited until it was next dispatched (ns);
     * wake-ups not followed by a dispatch before the end are left out.
     */
    public List<Long> wakeLatencies(String vcpu) {
        List<Long> out = new ArrayList<>();
        long wokeAt = -1;
        for (Event e : events) {
            if (!e.vcpu().equals(vcpu)) {
                continue;
            }
            if (e.kind() == Kind.WAKE) {
                wokeAt = e.time();
            } else if (e.kind() == Kind.DISPATCH && wokeAt >= 0) {
                out.add(e.time() - wokeAt);
                wokeAt = -1;
            }
        }
        return out;
    }
}
