package io.github.vsched.core.metrics;

import io.github.vsched.api.PcpuView;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.observe.SimulationListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Says why watched VCPUs waited after waking up. For every wake-up whose wait (wake to
 * dispatch) is longer than a threshold, it records the situation the scheduler left the VCPU
 * in, read from {@link Scheduler#priorityName} at the wake-up:
 * <ul>
 *   <li>the VCPU's own priority after the wake (credit: {@code BOOST}, or {@code OVER} when it
 *       had no credit left and got no boost);</li>
 *   <li>what was running on its PCPU and at which priority ({@code BOOST} behind {@code BOOST}:
 *       credit never preempts equal priority), or that the PCPU was idle;</li>
 *   <li>whether that VCPU's priority fell while it kept the PCPU (credit's tick demotes a
 *       BOOSTed VCPU to UNDER without rescheduling);</li>
 *   <li>whether other VCPUs were dispatched on its PCPU first (overtaken);</li>
 *   <li>how the wait ended: on its own PCPU, or on another after a steal or migration.</li>
 * </ul>
 * Waits are grouped by these facts and counted with their total and longest duration. The
 * schedulers' own trace events show the same episodes event by event ({@code --trace}).
 *
 * <p>Only watched VCPUs' wake-ups, dispatches and what they wait behind do any work; waits
 * over the threshold look up their group in a small map (no allocation once it exists).
 */
public final class WaitAttribution implements SimulationListener {
    /**
     * The facts of one group of waits.
     *
     * @param priority      the waiting VCPU's priority just after its wake-up
     * @param behind        the priority of what ran on its PCPU at the wake-up, or {@code idle PCPU}
     * @param behindDemoted whether that VCPU's priority fell while it kept the PCPU
     * @param overtaken     whether other VCPUs were dispatched on its PCPU before it
     * @param moved         whether it was dispatched on another PCPU (stolen or migrated)
     */
    public record Situation(String priority, String behind, boolean behindDemoted, boolean overtaken, boolean moved) {
        /** A one-line description, e.g. {@code BOOST behind BOOST (demoted while running), ran on its PCPU}. */
        public String describe() {
            return priority + " behind " + behind + (behindDemoted ? " (demoted while running)" : "")
                    + (overtaken ? ", overtaken" : "") + (moved ? ", ran elsewhere" : ", ran on its PCPU");
        }
    }

    /**
     * One group of waits.
     *
     * @param count   waits in the group
     * @param totalNs their summed duration
     * @param maxNs   the longest
     */
    public record Group(Situation situation, long count, long totalNs, long maxNs) {
    }

    private static final class Tally {
        final Situation situation;
        long count;
        long totalNs;
        long maxNs;

        Tally(Situation situation) {
            this.situation = situation;
        }
    }

    /** What a watched VCPU is waiting for. */
    private static final class Wait {
        final VcpuView vcpu;
        /** priority -> behind -> flags -> tally. */
        final Map<String, Map<String, Tally[]>> tallies = new LinkedHashMap<>();
        long waits;
        long wakeAt = -1;
        String priority;
        VcpuView behind;
        String behindPriority;
        int flags;
        // while waiting: linked on the list of its PCPU and on that of the VCPU it waits behind
        int listedPcpu = -1;
        Wait prevOnPcpu;
        Wait nextOnPcpu;
        int listedBehind = -1;
        Wait prevBehind;
        Wait nextBehind;

        Wait(VcpuView vcpu) {
            this.vcpu = vcpu;
        }
    }

    private static final String IDLE = "idle PCPU";
    private static final String UNKNOWN = "?";
    private static final int DEMOTED = 1;
    private static final int OVERTAKEN = 2;
    private static final int MOVED = 4;

    private final IntFunction<? extends PcpuView> pcpus;
    private final Function<VcpuView, Scheduler> schedulerOf;
    private final long thresholdNs;
    private Wait[] byId = new Wait[0];
    /** Heads of the lists of waiting watched VCPUs, by PCPU. */
    private Wait[] waitingOn = new Wait[0];
    /** Heads of the lists of waiting watched VCPUs, by the id of the VCPU they wait behind. */
    private Wait[] waitingBehind = new Wait[0];

    /**
     * @param scheduler   the scheduler of the simulation observed, asked for priority names
     * @param pcpus       the simulation's PCPUs by number (live views)
     * @param thresholdNs waits up to this long are counted but not attributed
     */
    public WaitAttribution(Scheduler scheduler, IntFunction<? extends PcpuView> pcpus, long thresholdNs) {
        this(v -> scheduler, pcpus, thresholdNs);
    }

    /**
     * For a machine split into cpupools, each VCPU's priority named by its pool's scheduler.
     *
     * @param schedulerOf the scheduler of a VCPU (of its domain's cpupool)
     * @param pcpus       the simulation's PCPUs by number (live views)
     * @param thresholdNs waits up to this long are counted but not attributed
     */
    public WaitAttribution(Function<VcpuView, Scheduler> schedulerOf, IntFunction<? extends PcpuView> pcpus,
                           long thresholdNs) {
        if (thresholdNs < 0) {
            throw new IllegalArgumentException("thresholdNs must be >= 0, got " + thresholdNs);
        }
        this.schedulerOf = schedulerOf;
        this.pcpus = pcpus;
        this.thresholdNs = thresholdNs;
    }

    /** Attributes the waits of this VCPU. Call before the run starts. */
    public WaitAttribution watch(VcpuView v) {
        if (v.id() >= byId.length) {
            byId = Arrays.copyOf(byId, v.id() + 1);
        }
        if (byId[v.id()] == null) {
            byId[v.id()] = new Wait(v);
        }
        return this;
    }

    /** The threshold below which a wait is not attributed (ns). */
    public long thresholdNs() {
        return thresholdNs;
    }

    private Wait of(VcpuView v) {
        int id = v.id();
        return id < byId.length ? byId[id] : null;
    }

    private String name(VcpuView v) {
        String n = schedulerOf.apply(v).priorityName(v);
        return n == null ? UNKNOWN : n;
    }

    @Override
    public void onWake(VcpuView v, long now) {
        Wait w = of(v);
        if (w == null) {
            return;
        }
        VcpuView cur = pcpus.apply(v.processor()).current();
        w.wakeAt = now;
        w.priority = name(v);
        w.behind = cur.isIdle() ? null : cur;
        w.behindPriority = cur.isIdle() ? IDLE : name(cur);
        w.flags = 0;
        unlink(w);
        linkOnPcpu(w, v.processor());
        if (w.behind != null) {
            linkBehind(w, w.behind.id());
        }
    }

    @Override
    public void onDispatch(PcpuView pcpu, VcpuView vcpu, long now, boolean afterWake) {
        Wait w = of(vcpu);
        if (w == null) {
            if (!vcpu.isIdle() && pcpu.id() < waitingOn.length) {
                for (Wait o = waitingOn[pcpu.id()]; o != null; o = o.nextOnPcpu) {
                    o.flags |= OVERTAKEN;
                }
            }
            return;
        }
        if (w.wakeAt < 0) {
            return;
        }
        long waited = now - w.wakeAt;
        w.wakeAt = -1;
        unlink(w);
        w.waits++;
        if (w.behind != null) {
            checkDemoted(w, w.behind); // still running where it woke, while it got a PCPU elsewhere
        }
        if (waited > thresholdNs) {
            Tally t = tally(w);
            t.count++;
            t.totalNs += waited;
            t.maxNs = Math.max(t.maxNs, waited);
        }
    }

    @Override
    public void onDeschedule(PcpuView pcpu, VcpuView vcpu, long now) {
        int id = vcpu.id();
        if (id >= waitingBehind.length) {
            return;
        }
        Wait w = waitingBehind[id];
        while (w != null) {
            Wait next = w.nextBehind;
            checkDemoted(w, vcpu);
            w.behind = null; // what it waited behind has left the PCPU
            unlinkBehind(w);
            w = next;
        }
    }

    private void checkDemoted(Wait w, VcpuView cur) {
        if (!name(cur).equals(w.behindPriority)) {
            w.flags |= DEMOTED;
        }
    }

    @Override
    public void onMigrate(VcpuView vcpu, int fromPcpu, int toPcpu, long now) {
        Wait w = of(vcpu);
        if (w != null && w.wakeAt >= 0) {
            w.flags |= MOVED;
            unlinkPcpu(w);
            linkOnPcpu(w, toPcpu);
        }
    }

    // The lists of waiting VCPUs, so that a dispatch or deschedule visits only the waits it
    // concerns, not every watched VCPU.

    private void linkOnPcpu(Wait w, int pcpu) {
        if (pcpu >= waitingOn.length) {
            waitingOn = Arrays.copyOf(waitingOn, Math.max(pcpu + 1, 2 * waitingOn.length));
        }
        w.listedPcpu = pcpu;
        w.prevOnPcpu = null;
        w.nextOnPcpu = waitingOn[pcpu];
        if (w.nextOnPcpu != null) {
            w.nextOnPcpu.prevOnPcpu = w;
        }
        waitingOn[pcpu] = w;
    }

    private void linkBehind(Wait w, int vcpu) {
        if (vcpu >= waitingBehind.length) {
            waitingBehind = Arrays.copyOf(waitingBehind, Math.max(vcpu + 1, 2 * waitingBehind.length));
        }
        w.listedBehind = vcpu;
        w.prevBehind = null;
        w.nextBehind = waitingBehind[vcpu];
        if (w.nextBehind != null) {
            w.nextBehind.prevBehind = w;
        }
        waitingBehind[vcpu] = w;
    }

    private void unlink(Wait w) {
        unlinkPcpu(w);
        unlinkBehind(w);
    }

    private void unlinkPcpu(Wait w) {
        if (w.listedPcpu < 0) {
            return;
        }
        if (w.prevOnPcpu == null) {
            waitingOn[w.listedPcpu] = w.nextOnPcpu;
        } else {
            w.prevOnPcpu.nextOnPcpu = w.nextOnPcpu;
        }
        if (w.nextOnPcpu != null) {
            w.nextOnPcpu.prevOnPcpu = w.prevOnPcpu;
        }
        w.prevOnPcpu = null;
        w.nextOnPcpu = null;
        w.listedPcpu = -1;
    }

    private void unlinkBehind(Wait w) {
        if (w.listedBehind < 0) {
            return;
        }
        if (w.prevBehind == null) {
            waitingBehind[w.listedBehind] = w.nextBehind;
        } else {
            w.prevBehind.nextBehind = w.nextBehind;
        }
        if (w.nextBehind != null) {
            w.nextBehind.prevBehind = w.prevBehind;
        }
        w.prevBehind = null;
        w.nextBehind = null;
        w.listedBehind = -1;
    }

    private Tally tally(Wait w) {
        Tally[] slots = w.tallies.computeIfAbsent(w.priority, k -> new LinkedHashMap<>())
                .computeIfAbsent(w.behindPriority, k -> new Tally[8]);
        int f = w.flags;
        if (slots[f] == null) {
            slots[f] = new Tally(new Situation(w.priority, w.behindPriority, (f & DEMOTED) != 0,
                    (f & OVERTAKEN) != 0, (f & MOVED) != 0));
        }
        return slots[f];
    }

    /** How many wake-ups of a watched VCPU were followed by a dispatch. */
    public long waits(VcpuView v) {
        return require(v).waits;
    }

    private Wait require(VcpuView v) {
        Wait w = of(v);
        if (w == null) {
            throw new IllegalArgumentException(v.name() + " is not watched");
        }
        return w;
    }

    /** The attributed waits of a watched VCPU, the groups with the most total waiting first. */
    public List<Group> groups(VcpuView v) {
        List<Group> out = new ArrayList<>();
        for (Map<String, Tally[]> byBehind : require(v).tallies.values()) {
            for (Tally[] slots : byBehind.values()) {
                for (Tally t : slots) {
                    if (t != null) {
                        out.add(new Group(t.situation, t.count, t.totalNs, t.maxNs));
                    }
                }
            }
        }
        out.sort((a, b) -> Long.compare(b.totalNs(), a.totalNs()));
        return out;
    }
}
