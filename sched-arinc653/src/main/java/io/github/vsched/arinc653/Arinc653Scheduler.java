package io.github.vsched.arinc653;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.Durations;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.ScheduleDecision;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.VcpuView;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Xen 4.14's ARINC 653 scheduler ({@code xen/common/sched/arinc653.c}). One schedule and one
 * position in it (Xen's function-static {@code sched_index} and {@code next_switch_time}) serve
 * every PCPU: at each {@code schedule} the position advances past the minor frames that have
 * ended, and the PCPU runs the current frame's VCPU if that VCPU is awake, runnable and on this
 * PCPU; otherwise it idles until the frame ends. A new major frame starts at the first
 * {@code schedule} at or after the end of the last one. Nothing is allocated after creation.
 */
final class Arinc653Scheduler implements Scheduler {
    /** Xen's {@code DEFAULT_TIMESLICE}: dom0's VCPUs' run time in the default schedule. */
    static final long DEFAULT_TIMESLICE = 10 * Durations.MS;

    /** Per-VCPU state ({@code arinc653_unit_t}). */
    static final class A653Vcpu {
        final VcpuView vcpu;
        /** Set by {@code wake}, cleared by {@code sleep}; false until the first wake-up. */
        boolean awake;

        A653Vcpu(VcpuView vcpu) {
            this.vcpu = vcpu;
        }
    }

    private final SchedulerContext ctx;
    /** Whether dom0's VCPUs are appended as they are created (no schedule given). */
    private final boolean defaultSchedule;
    private final String[] domains = new String[Arinc653Schedule.MAX_ENTRIES];
    private final int[] vcpuIds = new int[Arinc653Schedule.MAX_ENTRIES];
    private final long[] runtimes = new long[Arinc653Schedule.MAX_ENTRIES];
    /** The VCPU each entry names, or null if none exists (Xen's {@code update_schedule_units}). */
    private final A653Vcpu[] units = new A653Vcpu[Arinc653Schedule.MAX_ENTRIES];
    private int entries;
    private long majorFrame;
    private long nextMajorFrame;
    private int schedIndex;
    private long nextSwitchTime;
    private final List<A653Vcpu> all = new ArrayList<>();

    Arinc653Scheduler(SchedulerContext ctx, Arinc653Schedule given) {
        this.ctx = ctx;
        this.defaultSchedule = given == null;
        if (given != null) {
            copy(given);
        }
    }

    private void copy(Arinc653Schedule s) {
        entries = s.entries().size();
        majorFrame = s.majorFrame();
        for (int i = 0; i < entries; i++) {
            Arinc653Schedule.Entry e = s.entries().get(i);
            domains[i] = e.domain();
            vcpuIds[i] = e.vcpu();
            runtimes[i] = e.runtimeNs();
            units[i] = null;
        }
        updateScheduleUnits();
    }

    /** {@code update_schedule_units}: each entry finds its VCPU by domain name and number. */
    private void updateScheduleUnits() {
        for (int i = 0; i < entries; i++) {
            units[i] = null;
            for (A653Vcpu a : all) {
                if (a.vcpu.index() == vcpuIds[i] && a.vcpu.domain().name().equals(domains[i])) {
                    units[i] = a;
                }
            }
        }
    }

    /**
     * Replaces the schedule during a run, as {@code arinc653_sched_set} (4.14 lines 228-293)
     * does for {@code XEN_SYSCTL_SCHEDOP_putinfo}: the new major frame starts at the next
     * {@code schedule} of any PCPU (nothing is tickled).
     */
    void setSchedule(Arinc653Schedule s) {
        copy(s);
        nextMajorFrame = ctx.now();
    }

    /**
     * {@code a653sched_adjust_global} for {@code XEN_SYSCTL_SCHEDOP_putinfo} (4.14 lines
     * 659-689): the new {@code schedule} (and {@code majorFrame}) replace the schedule in force
     * through {@link #setSchedule}: checked as at boot, in force from the next {@code schedule}
     * of any PCPU, nothing tickled. An empty schedule is refused: Xen's default schedule is only
     * what a machine boots with, there is no call that restores it.
     *
     * @throws io.github.vsched.api.InvalidParameterException for a schedule Xen refuses
     */
    @Override
    public void adjustGlobal(io.github.vsched.api.Parameters params, io.github.vsched.api.Parameters previous) {
        Arinc653Schedule s = Arinc653SchedulerProvider.schedule(params, ctx.platform().tscHz());
        if (s == null) {
            throw new io.github.vsched.api.InvalidParameterException(Arinc653SchedulerProvider.SCHEDULE, "",
                    "1 to 64 minor frames DOMAIN/VCPU:RUNTIME (XEN_SYSCTL_SCHEDOP_putinfo sets a schedule; there is"
                            + " no call back to the default one)");
        }
        setSchedule(s);
    }

    /** The schedule now in force, as {@code arinc653_sched_get} returns it. */
    Arinc653Schedule schedule() {
        List<Arinc653Schedule.Entry> list = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            list.add(new Arinc653Schedule.Entry(domains[i], vcpuIds[i], runtimes[i]));
        }
        return entries == 0 ? null : new Arinc653Schedule(list, majorFrame);
    }

    @Override
    public void addDomain(DomainView domain) {
        // the schedule names domains; there is no per-domain state
    }

    /**
     * {@code a653sched_alloc_udata} (4.14 lines 384-438): with the default schedule, a VCPU of
     * dom0 (domain 0, the first domain) is appended as a minor frame of 10 ms, the major frame
     * growing by as much, up to 64 entries; then every entry looks its VCPU up again.
     */
    @Override
    public void addVcpu(VcpuView vcpu) {
        A653Vcpu a = new A653Vcpu(vcpu);
        ctx.setPrivate(vcpu, a);
        if (defaultSchedule && vcpu.domain().id() == 0 && entries < Arinc653Schedule.MAX_ENTRIES) {
            domains[entries] = vcpu.domain().name();
            vcpuIds[entries] = vcpu.index();
            runtimes[entries] = DEFAULT_TIMESLICE;
            majorFrame += DEFAULT_TIMESLICE;
            entries++;
        }
        all.add(a);
        updateScheduleUnits();
    }

    @Override
    public void removeVcpu(VcpuView vcpu) {
        all.remove((A653Vcpu) vcpu.schedulerPrivate());
        updateScheduleUnits();
    }

    /** {@code a653sched_unit_wake} (4.14 lines 492-499): awake, and the VCPU's PCPU reschedules. */
    @Override
    public void wake(VcpuView vcpu) {
        ((A653Vcpu) vcpu.schedulerPrivate()).awake = true;
        ctx.tickle(vcpu.processor());
    }

    /**
     * {@code a653sched_unit_sleep} (4.14 lines 472-484): not awake; its PCPU reschedules if it is
     * running there.
     */
    @Override
    public void sleep(VcpuView vcpu) {
        ((A653Vcpu) vcpu.schedulerPrivate()).awake = false;
        int cpu = vcpu.processor();
        if (ctx.pcpu(cpu).current() == vcpu) {
            ctx.tickle(cpu);
        }
    }

    /**
     * {@code a653sched_do_schedule} (4.14 lines 508-597): advance the one global position in the
     * schedule, then run the frame's VCPU or idle until the frame (or, past the last frame, the
     * major frame) ends.
     */
    @Override
    public void schedule(PcpuView pcpu, long now, ScheduleDecision out) {
        int cpu = pcpu.id();
        if (entries < 1) {
            nextMajorFrame = now + DEFAULT_TIMESLICE;
        } else if (now >= nextMajorFrame) {
            schedIndex = 0;
            nextMajorFrame = now + majorFrame;
            nextSwitchTime = now + runtimes[0];
        } else {
            while (now >= nextSwitchTime && schedIndex < entries) {
                schedIndex++;
                if (schedIndex < entries) {
                    nextSwitchTime += runtimes[schedIndex];
                }
            }
        }
        if (schedIndex >= entries) {
            nextSwitchTime = nextMajorFrame;
        }
        A653Vcpu next = schedIndex < entries ? units[schedIndex] : null;
        VcpuView run = pcpu.idleVcpu();
        if (next != null && next.awake && next.vcpu.isRunnable() && next.vcpu.processor() == cpu) {
            run = next.vcpu;
        }
        out.run(run, nextSwitchTime - now);
    }

    /**
     * {@code a653sched_pick_resource} (4.14 lines 607-627): the VCPU stays on its PCPU. Xen
     * ignores the hard affinity here; the engine demands a PCPU inside it, so a VCPU whose PCPU
     * left its affinity gets the affinity's first PCPU.
     */
    @Override
    public int pickCpu(VcpuView vcpu, boolean commit) {
        CpuMask aff = vcpu.affinity();
        return aff.contains(vcpu.processor()) ? vcpu.processor() : aff.next(0);
    }

    /** Every runnable VCPU on {@code pcpu} that is not current there: each waits for its minor frame. */
    @Override
    public void forEachQueued(int pcpu, Consumer<VcpuView> action) {
        VcpuView current = ctx.pcpu(pcpu).current();
        for (int i = 0, n = all.size(); i < n; i++) {
            VcpuView v = all.get(i).vcpu;
            if (v.processor() == pcpu && v != current && v.isRunnable()) {
                action.accept(v);
            }
        }
    }

    @Override
    public boolean reportsQueues() {
        return true;
    }
}
