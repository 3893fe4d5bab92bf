package io.github.vsched.rtds;

import io.github.vsched.api.AdmissionRefusedException;
import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.Durations;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.ScheduleDecision;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.VcpuView;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Xen's RTDS scheduler ({@code sched_rtds_def}, {@code xen/common/sched/rt.c} at
 * {@code RELEASE-4.19.0}) on one simulated machine: preemptive global EDF over per-VCPU
 * deferrable servers. Each hook names the Xen function it restates; {@code docs/xen-rtds-reference.md}
 * gives the rules with their source lines.
 *
 * <ul>
 *   <li>One {@link RunQueue} (sorted by extratime level, then deadline) and one depleted queue
 *       serve every PCPU; a {@link ReplenishmentQueue} and one timer, on PCPU 0, refill budgets
 *       exactly at deadlines (event-driven replenishment, Xen 4.7+).</li>
 *   <li>{@link #schedule} charges the current VCPU for the time it ran ({@code burn_budget}),
 *       picks the first queued VCPU allowed on the PCPU, keeps the current one only if its
 *       priority is strictly higher, and runs the choice for the budget it has left.</li>
 *   <li>A VCPU with extratime (the default) that uses its budget gets a new one at the next
 *       priority level down; without extratime it waits in the depleted queue for its next
 *       replenishment.</li>
 * </ul>
 *
 * <p>Cost: the hot path allocates nothing. Queue insertion and {@code runq_pick} are linear in
 * the run queue's length, as Xen's sorted lists are; tickling is linear in the number of PCPUs
 * (a scan per candidate, quadratic in the worst case on a machine of a few PCPUs), as Xen's
 * cpumask walk. Xen's units are VCPUs here ({@code sched-gran=cpu}, the default).
 */
public final class RtdsScheduler implements Scheduler {
    private final SchedulerContext ctx;
    private final RunQueue runq = new RunQueue();
    private final List<RtdsVcpu> all = new ArrayList<>();
    private ReplenishmentQueue replq;
    /** {@code rt_private.tickled}: PCPUs tickled and not yet rescheduled. */
    private boolean[] tickled;
    /** Scratch for {@code runq_tickle}'s {@code not_tickled} mask. */
    private boolean[] notTickled;

    private final int traceTickle;
    private final int traceReplenish;
    private final int traceBurn;
    private final int tracePick;

    /** Whether VCPUs and server changes beyond the PCPUs' capacity are refused (not in Xen). */
    private final boolean admissionControl;

    /** Creates the scheduler for the machine behind {@code ctx}, as Xen's: every server admitted. */
    public RtdsScheduler(SchedulerContext ctx) {
        this(ctx, false);
    }

    /**
     * Creates the scheduler for the machine behind {@code ctx}.
     *
     * @param admissionControl refuse a VCPU or a server change that would bring the sum of
     *                         budget/period above the number of PCPUs (not in Xen)
     */
    public RtdsScheduler(SchedulerContext ctx, boolean admissionControl) {
        this.ctx = ctx;
        this.admissionControl = admissionControl;
        this.traceTickle = ctx.traceEventType("tickle", "cpu", "");
        this.traceReplenish = ctx.traceEventType("replenish", "deadline", "budget");
        this.traceBurn = ctx.traceEventType("burn", "budget", "level");
        this.tracePick = ctx.traceEventType("runq_pick", "deadline", "budget");
    }

    /**
     * Allocates the per-PCPU state and the replenishment timer ({@code rt_init},
     * {@code rt_switch_sched}); the timer lives on the first PCPU of the scheduler's cpupool
     * ({@code rt_switch_sched} initialises it on the first CPU switched to RTDS): PCPU 0 without
     * pools.
     */
    @Override
    public void init() {
        int n = ctx.pcpuCount();
        tickled = new boolean[n];
        notTickled = new boolean[n];
        replq = new ReplenishmentQueue(ctx.newTimer("rtds-repl", ctx.cpus().next(0), this::replenish));
    }

    /** RTDS keeps nothing per domain but a list for dumps ({@code rt_alloc_domdata}). */
    @Override
    public void addDomain(DomainView domain) {
    }

    /**
     * {@code rt_alloc_udata} and {@code rt_unit_insert}: the VCPU's server from its per-VCPU
     * parameters, its first deadline the first multiple of its period after now.
     *
     * @throws InvalidParameterException for a budget above the period, or values Xen refuses
     */
    @Override
    public void addVcpu(VcpuView vcpu) {
        RtdsVcpuParameters server = parameters(vcpu, vcpu.schedulerParameters());
        if (admissionControl) {
            admit(utilisation() + share(server), vcpu.name() + "'s server " + describe(server), "insertion");
        }
        RtdsVcpu svc = new RtdsVcpu(vcpu, server);
        ctx.setPrivate(vcpu, svc);
        all.add(svc);
        long now = ctx.now();
        if (now >= svc.curDeadline) {
            svc.updateDeadline(now);
        }
        if (!svc.onQueue() && vcpu.isRunnable()) {
            replq.insert(svc);
            if (!vcpu.isRunning()) {
                runq.insert(svc);
            }
        }
    }

    /** {@code rt_unit_remove}: off every queue. */
    @Override
    public void removeVcpu(VcpuView vcpu) {
        RtdsVcpu svc = state(vcpu);
        if (svc.onQueue()) {
            runq.remove(svc);
        }
        if (svc.onReplq) {
            replq.remove(svc);
        }
        all.remove(svc);
    }

    /**
     * {@code rt_unit_wake} (4.19 lines 1271-1335): nothing for a running or queued VCPU; a
     * deadline that passed while it slept gives a new one and a full budget; a VCPU whose
     * context is still being saved is only flagged for the queue ({@code RTDS_delayed_runq_add});
     * any other goes back on the replenishment queue and the run (or depleted) queue and
     * {@code runq_tickle} looks for a PCPU for it.
     */
    @Override
    public void wake(VcpuView vcpu) {
        RtdsVcpu svc = state(vcpu);
        if (ctx.pcpu(vcpu.processor()).current() == vcpu) {
            return;
        }
        if (svc.onQueue()) {
            return;
        }
        long now = ctx.now();
        boolean missed = now >= svc.curDeadline;
        if (missed) {
            updateDeadline(svc, now);
        }
        if (svc.has(RtdsVcpu.SCHEDULED)) {
            svc.flags |= RtdsVcpu.DELAYED_RUNQ_ADD;
            if (missed) {
                replq.reinsert(svc);
            }
            return;
        }
        replq.insert(svc);
        runq.insert(svc);
        tickle(svc);
    }

    /**
     * {@code rt_unit_sleep} (4.19 lines 1157-1174): a queued VCPU leaves its queue and the
     * replenishment queue; one being switched out loses its delayed queueing. For a running VCPU
     * Xen raises the schedule softirq; the engine does that after this hook.
     */
    @Override
    public void sleep(VcpuView vcpu) {
        RtdsVcpu svc = state(vcpu);
        if (ctx.pcpu(vcpu.processor()).current() == vcpu) {
            return;
        }
        if (svc.onQueue()) {
            runq.remove(svc);
            replq.remove(svc);
        } else if (svc.has(RtdsVcpu.DELAYED_RUNQ_ADD)) {
            svc.flags &= ~RtdsVcpu.DELAYED_RUNQ_ADD;
        }
    }

    /**
     * {@code rt_schedule} (4.19 lines 1063-1151): charges the current VCPU, takes the first
     * queued VCPU allowed here (dropping any that is no longer runnable, 4.18+), keeps the current
     * one instead only if it is runnable, has budget and strictly higher priority, flags a
     * runnable current VCPU that loses the PCPU for re-queueing after its context is saved, and
     * runs the choice for the budget it has left (no slice timer for idle).
     */
    @Override
    public void schedule(PcpuView pcpu, long now, ScheduleDecision out) {
        int cpu = pcpu.id();
        tickled[cpu] = false;
        VcpuView cur = pcpu.current();
        RtdsVcpu scurr = cur.isIdle() ? null : state(cur);
        if (scurr != null) {
            burnBudget(scurr, now);
        }

        RtdsVcpu snext;
        while (true) {
            snext = runq.pick(cpu);
            if (snext == null || snext.vcpu.isRunnable()) {
                break;
            }
            runq.remove(snext);
            replq.remove(snext);
        }
        if (snext != null && ctx.tracing()) {
            ctx.trace(tracePick, cpu, snext.vcpu, snext.curDeadline, snext.curBudget);
        }

        if (scurr != null && cur.isRunnable() && scurr.curBudget > 0
                && (snext == null || RtdsVcpu.compare(scurr, snext) > 0)) {
            snext = scurr;
        }
        if (snext != scurr && scurr != null && cur.isRunnable()) {
            scurr.flags |= RtdsVcpu.DELAYED_RUNQ_ADD;
        }
        if (snext == null) {
            out.run(pcpu.idleVcpu(), ScheduleDecision.NO_SLICE);
            return;
        }
        snext.lastStart = now;
        if (snext != scurr) {
            runq.remove(snext);
            snext.flags |= RtdsVcpu.SCHEDULED;
        }
        out.run(snext.vcpu, snext.curBudget);
    }

    /**
     * {@code rt_context_saved} (4.19 lines 1341-1363): the VCPU is no longer scheduled; if it
     * was flagged and is still runnable it goes on its queue and {@code runq_tickle} looks for
     * a PCPU, otherwise it leaves the replenishment queue.
     */
    @Override
    public void contextSaved(VcpuView vcpu) {
        if (vcpu.isIdle()) {
            return;
        }
        RtdsVcpu svc = state(vcpu);
        svc.flags &= ~RtdsVcpu.SCHEDULED;
        boolean delayed = svc.has(RtdsVcpu.DELAYED_RUNQ_ADD);
        svc.flags &= ~RtdsVcpu.DELAYED_RUNQ_ADD;
        if (delayed && vcpu.isRunnable()) {
            runq.insert(svc);
            tickle(svc);
        } else if (svc.onReplq) {
            replq.remove(svc);
        }
    }

    /**
     * {@code rt_res_pick} (4.19 lines 639-670): the VCPU's PCPU if its affinity allows it,
     * otherwise the next allowed PCPU after it, cyclically.
     */
    @Override
    public int pickCpu(VcpuView vcpu, boolean commit) {
        CpuMask aff = vcpu.affinity();
        int cpu = vcpu.processor();
        return aff.contains(cpu) ? cpu : aff.cycle(cpu);
    }

    /**
     * {@code rt_dom_cntl} with {@code XEN_DOMCTL_SCHEDOP_putvcpuinfo} (4.19 lines 1441-1461):
     * the new period, budget and extratime flag are stored and nothing else changes; they take
     * effect at the VCPU's next replenishment (the extratime flag at its next budget
     * exhaustion).
     *
     * @throws InvalidParameterException for what Xen refuses (budget above period, below
     *                                   10 us, not whole microseconds); the change is rejected
     */
    @Override
    public void adjustVcpu(VcpuView vcpu, Parameters previous) {
        RtdsVcpu svc = state(vcpu);
        RtdsVcpuParameters server = parameters(vcpu, vcpu.schedulerParameters());
        if (admissionControl) {
            admit(utilisation() - share(svc) + share(server), vcpu.name() + "'s server " + describe(server), "change");
        }
        svc.apply(server);
    }

    /**
     * {@code rt_dom_cntl} with {@code XEN_DOMCTL_SCHEDOP_putinfo} (4.19 lines 1390-1404,
     * {@code xl sched-rtds -d D -p P -b B}): the domain's new period and budget become the server
     * of each of its VCPUs that inherits them (the engine has already updated their views), from
     * each VCPU's next replenishment, as {@link #adjustVcpu}. Xen writes every VCPU of the domain;
     * a VCPU that set its own server here keeps it (the per-VCPU value wins, as in a scenario).
     *
     * @throws InvalidParameterException for a server Xen refuses; the change is rejected
     */
    @Override
    public void adjustDomain(DomainView domain, Parameters previous) {
        List<? extends VcpuView> vs = domain.vcpus();
        RtdsVcpuParameters[] next = new RtdsVcpuParameters[vs.size()];
        double total = utilisation();
        for (int i = 0; i < next.length; i++) {
            next[i] = parameters(vs.get(i), vs.get(i).schedulerParameters()); // all checked before any applies
            total += share(next[i]) - share(state(vs.get(i)));
        }
        if (admissionControl) {
            admit(total, "domain " + domain.name() + "'s new servers", "change");
        }
        for (int i = 0; i < next.length; i++) {
            state(vs.get(i)).apply(next[i]);
        }
    }

    /**
     * The VCPU's class: {@code EDF} while it runs on its budget (level 0), {@code EXTRA} at an
     * extratime level above 0, {@code DEPLETED} when its budget is used and it has no extratime.
     */
    @Override
    public String priorityName(VcpuView vcpu) {
        if (vcpu.isIdle() || !(vcpu.schedulerPrivate() instanceof RtdsVcpu svc)) {
            return null;
        }
        if (svc.has(RtdsVcpu.DEPLETED) && svc.curBudget <= 0) {
            return "DEPLETED";
        }
        return svc.priorityLevel == 0 ? "EDF" : "EXTRA";
    }

    /**
     * The global queues reported under each VCPU's own processor (run queue in order, then the
     * depleted queue), then the VCPUs switched out while runnable whose context is still being
     * saved ({@code RTDS_delayed_runq_add}), as checked mode demands.
     */
    @Override
    public void forEachQueued(int pcpu, Consumer<VcpuView> action) {
        runq.forEachOn(pcpu, action);
        for (int i = 0, n = all.size(); i < n; i++) {
            RtdsVcpu svc = all.get(i);
            VcpuView v = svc.vcpu;
            if (svc.has(RtdsVcpu.DELAYED_RUNQ_ADD) && !svc.onQueue() && v.processor() == pcpu
                    && v.isRunnable() && ctx.pcpu(pcpu).current() != v) {
                action.accept(v);
            }
        }
    }

    /**
     * Xen's {@code rt_dump} and {@code rt_dump_pcpu}: what each PCPU runs, then the run queue
     * in EDF order, the depleted queue and the replenishment queue, each VCPU with its deadline
     * (absolute ns), budget left, extratime level and flags.
     */
    @Override
    public void dumpState(StringBuilder out) {
        for (int c = 0; c < ctx.pcpuCount(); c++) {
            VcpuView cur = ctx.pcpu(c).current();
            out.append("pcpu").append(c).append(": running ")
                    .append(cur.isIdle() || !(cur.schedulerPrivate() instanceof RtdsVcpu sv) ? cur.name() : sv.toString())
                    .append(tickled[c] ? " (tickled)" : "").append('\n');
        }
        StringBuilder run = new StringBuilder();
        StringBuilder depleted = new StringBuilder();
        runq.forEach(svc -> (runq.onRunQueue(svc) ? run : depleted).append(' ').append(svc));
        out.append("runq:").append(run.length() == 0 ? " empty" : run).append('\n');
        out.append("depletedq:").append(depleted.length() == 0 ? " empty" : depleted).append('\n');
        out.append("replq:");
        if (replq.isEmpty()) {
            out.append(" empty");
        }
        for (RtdsVcpu svc = replq.first(); svc != null; svc = svc.replNext) {
            out.append(' ').append(svc.vcpu.name());
        }
        out.append('\n');
    }

    /** The queues are enumerable. */
    @Override
    public boolean reportsQueues() {
        return true;
    }

    // ------------------------------------------------------------------ rules

    /**
     * {@code burn_budget} (4.19 lines 949-1008): the time since {@code lastStart} comes off the
     * budget; at zero or below, a VCPU with extratime moves one priority level down with a full
     * budget, any other is depleted until its next replenishment.
     */
    private void burnBudget(RtdsVcpu svc, long now) {
        long delta = now - svc.lastStart;
        if (delta < 0) {
            svc.lastStart = now;
            return;
        }
        svc.curBudget -= delta;
        svc.lastStart = now;
        if (svc.curBudget <= 0) {
            if (svc.hasExtratime()) {
                svc.priorityLevel++;
                svc.curBudget = svc.budget;
            } else {
                svc.curBudget = 0;
                svc.flags |= RtdsVcpu.DEPLETED;
            }
        }
        if (ctx.tracing()) {
            ctx.trace(traceBurn, ctx.currentPcpu(), svc.vcpu, svc.curBudget, svc.priorityLevel);
        }
    }

    private void updateDeadline(RtdsVcpu svc, long now) {
        svc.updateDeadline(now);
        if (ctx.tracing()) {
            ctx.trace(traceReplenish, -1, svc.vcpu, svc.curDeadline, svc.curBudget);
        }
    }

    /**
     * {@code runq_tickle} (4.19 lines 1194-1263): among the PCPUs the VCPU may run on and not
     * already tickled, starting with its own and going round, the first idle one is tickled;
     * if none is idle, the one running the lowest-priority VCPU is tickled if that VCPU's
     * priority is lower than the new one's. Nothing otherwise.
     */
    private void tickle(RtdsVcpu svc) {
        int n = notTickled.length;
        CpuMask aff = svc.vcpu.affinity();
        int left = 0;
        for (int c = 0; c < n; c++) {
            boolean ok = aff.contains(c) && !tickled[c];
            notTickled[c] = ok;
            if (ok) {
                left++;
            }
        }
        RtdsVcpu latest = null;
        int latestCpu = -1;
        int start = svc.vcpu.processor();
        int cpu = left == 0 ? -1 : notTickled[start] ? start : cycle(start);
        while (cpu >= 0) {
            VcpuView curr = ctx.pcpu(cpu).current();
            if (curr.isIdle()) {
                raise(cpu, svc);
                return;
            }
            RtdsVcpu iter = state(curr);
            if (latest == null || RtdsVcpu.compare(iter, latest) < 0) {
                latest = iter;
                latestCpu = cpu;
            }
            notTickled[cpu] = false;
            cpu = cycle(cpu);
        }
        if (latest != null && RtdsVcpu.compare(latest, svc) < 0) {
            raise(latestCpu, svc);
        }
    }

    /** {@code cpumask_cycle} over {@link #notTickled}: the next member after {@code cpu}, or -1. */
    private int cycle(int cpu) {
        int n = notTickled.length;
        for (int i = 1; i <= n; i++) {
            int c = (cpu + i) % n;
            if (notTickled[c]) {
                return c;
            }
        }
        return -1;
    }

    private void raise(int cpu, RtdsVcpu svc) {
        if (ctx.tracing()) {
            ctx.trace(traceTickle, cpu, svc.vcpu, cpu, 0);
        }
        tickled[cpu] = true;
        ctx.tickle(cpu);
    }

    /**
     * {@code repl_timer_handler} (4.19 lines 1479-1554): every VCPU whose deadline has come gets
     * its next deadline and a full budget, moving within (or from the depleted queue into) the
     * run queue; then, in reverse order of replenishment, a running VCPU that now has a lower
     * priority than the head of the run queue makes {@code runq_tickle} look for a PCPU for the
     * head, and a depleted VCPU that is queued again is tickled for; each goes back on the
     * replenishment queue, and the timer is armed for the new front.
     */
    private void replenish(long now) {
        RtdsVcpu done = null; // Xen's tmp_replq, a stack linked through replNext
        while (true) {
            RtdsVcpu svc = replq.first();
            if (svc == null || now < svc.curDeadline) {
                break;
            }
            replq.unlink(svc);
            updateDeadline(svc, now);
            svc.replNext = done;
            done = svc;
            if (svc.onQueue()) {
                runq.remove(svc);
                runq.insert(svc);
            }
        }
        while (done != null) {
            RtdsVcpu svc = done;
            done = svc.replNext;
            svc.replNext = null;
            if (ctx.pcpu(svc.vcpu.processor()).current() == svc.vcpu && !runq.isEmpty()) {
                RtdsVcpu head = runq.first();
                if (RtdsVcpu.compare(svc, head) < 0) {
                    tickle(head);
                }
            } else if (svc.has(RtdsVcpu.DEPLETED)) {
                svc.flags &= ~RtdsVcpu.DEPLETED;
                if (svc.onQueue()) {
                    tickle(svc);
                }
            }
            replq.insertSorted(svc);
        }
        replq.armForFirst();
    }

    // ------------------------------------------------------------------ admission control (not in Xen)

    /** The sum of budget/period over every admitted VCPU. */
    private double utilisation() {
        double u = 0;
        for (int i = 0, n = all.size(); i < n; i++) {
            u += share(all.get(i));
        }
        return u;
    }

    private static double share(RtdsVcpu svc) {
        return (double) svc.budget / svc.period;
    }

    private static double share(RtdsVcpuParameters p) {
        return (double) p.budgetNs() / p.periodNs();
    }

    private static String describe(RtdsVcpuParameters p) {
        return Durations.format(p.budgetNs()) + " every " + Durations.format(p.periodNs());
    }

    /** Refuses what would bring the utilisation above the PCPUs' number. */
    private void admit(double total, String what, String kind) {
        int m = ctx.pcpuCount();
        if (total > m + 1e-9) {
            throw new AdmissionRefusedException("admission control: with " + what + " all servers would ask "
                    + String.format(java.util.Locale.ROOT, "%.3f", total) + " PCPUs (the sum of budget/period), more than"
                    + " the " + m + " there are; the " + kind + " is refused");
        }
    }

    // ------------------------------------------------------------------ plumbing

    private RtdsVcpuParameters parameters(VcpuView vcpu, Parameters p) {
        try {
            return RtdsVcpuParameters.from(p);
        } catch (InvalidParameterException e) {
            throw e.allowed() == null ? e
                    : new InvalidParameterException("vcpu " + vcpu.name() + " rtds." + e.parameter(), e.value(),
                            e.allowed());
        }
    }

    /** This scheduler's state of a VCPU. */
    RtdsVcpu state(VcpuView v) {
        return v.schedulerPrivate(RtdsVcpu.class);
    }

    /** The run and depleted queues (for tests). */
    RunQueue runQueue() {
        return runq;
    }

    /** The replenishment queue (for tests). */
    ReplenishmentQueue replenishmentQueue() {
        return replq;
    }

    /** The remaining budget of a VCPU as last charged, in ns (for tests and reports). */
    long budgetLeft(VcpuView v) {
        return state(v).curBudget;
    }

    /** A VCPU's present deadline, absolute ns. */
    long deadline(VcpuView v) {
        return state(v).curDeadline;
    }

    /** A VCPU's extratime priority level (0 while on its budget). */
    int priorityLevel(VcpuView v) {
        return state(v).priorityLevel;
    }
}
