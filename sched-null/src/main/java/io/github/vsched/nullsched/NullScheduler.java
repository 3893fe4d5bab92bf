package io.github.vsched.nullsched;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.ScheduleDecision;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.VcpuView;

import java.util.function.Consumer;

/**
 * Xen 4.14's null scheduler ({@code xen/common/sched/null.c}). Each PCPU has at most one assigned
 * VCPU ({@code null_pcpu.unit}); a PCPU without one is free ({@code cpus_free}). A VCPU gets a
 * PCPU when it is inserted, if one within its hard affinity is free; otherwise it joins the
 * scheduler-wide waiting list ({@code waitq}), FIFO, and takes the first PCPU that is freed
 * within its affinity. {@code schedule} returns the assigned VCPU if it is runnable, the idle
 * VCPU otherwise, and never a time slice. Soft affinity, VCPUs going offline, tasklets and
 * cpupools are not modelled (the SPI has none of them). The waiting list is intrusive: nothing
 * is allocated after a VCPU's creation.
 */
final class NullScheduler implements Scheduler {
    /** {@link #priorityName} of a VCPU that owns a PCPU. */
    static final String ASSIGNED = "ASSIGNED";
    /** {@link #priorityName} of a VCPU in the waiting list. */
    static final String WAITING = "WAITING";

    private final SchedulerContext ctx;
    /** {@code null_pcpu.unit} per PCPU; null means the PCPU is in {@code cpus_free}. */
    private final NullVcpu[] assigned;
    private NullVcpu waitHead;
    private NullVcpu waitTail;
    private final int traceAssign;
    private final int traceDeassign;
    private final int tracePicked;

    NullScheduler(SchedulerContext ctx) {
        this.ctx = ctx;
        this.assigned = new NullVcpu[ctx.pcpuCount()];
        this.traceAssign = ctx.traceEventType("assign", "pcpu", "");
        this.traceDeassign = ctx.traceEventType("deassign", "pcpu", "");
        this.tracePicked = ctx.traceEventType("picked_cpu", "pcpu", "");
    }

    private static NullVcpu state(VcpuView v) {
        return (NullVcpu) v.schedulerPrivate();
    }

    /** The VCPU assigned to {@code pcpu}, or null if the PCPU is free (for tests and reports). */
    VcpuView assignedTo(int pcpu) {
        NullVcpu n = assigned[pcpu];
        return n == null ? null : n.vcpu;
    }

    /** Whether {@code v} is in the waiting list. */
    boolean isWaiting(VcpuView v) {
        return state(v).waiting;
    }

    /** The number of VCPUs in the waiting list. */
    int waitingCount() {
        int k = 0;
        for (NullVcpu w = waitHead; w != null; w = w.next) {
            k++;
        }
        return k;
    }

    @Override
    public void addDomain(DomainView domain) {
        // null_alloc_domdata only links the domain into a list used for dumps
    }

    /**
     * {@code null_unit_insert} (4.14 lines 453-517): place the VCPU with {@link #pickRes}; if
     * that PCPU is free, assign it; otherwise no PCPU in its affinity is free (the single-threaded
     * model never races, so Xen's retry is never taken) and the VCPU joins the waiting list,
     * whether it is runnable or not. No tickle: the wake that follows does it.
     */
    @Override
    public void addVcpu(VcpuView vcpu) {
        NullVcpu n = new NullVcpu(vcpu);
        ctx.setPrivate(vcpu, n);
        int cpu = pickRes(n);
        n.cpu = cpu;
        if (assigned[cpu] == null) {
            assign(n, cpu);
        } else {
            enqueue(n);
        }
    }

    /**
     * {@code null_unit_remove} (4.14 lines 519-557): a waiting VCPU leaves the list; an assigned
     * one frees its PCPU, which goes to the first suitable waiter.
     */
    @Override
    public void removeVcpu(VcpuView vcpu) {
        NullVcpu n = state(vcpu);
        if (n.waiting) {
            dequeue(n);
        } else if (assigned[n.cpu] == n) {
            deassign(n);
        }
    }

    /**
     * {@code null_unit_wake} (4.14 lines 559-633): nothing for a running or waiting VCPU; an
     * assigned VCPU gets its PCPU's schedule softirq. A VCPU that is neither (Xen: one coming back
     * online) takes its last PCPU if free and allowed, or else joins the waiting list and tickles
     * every free PCPU of its affinity.
     */
    @Override
    public void wake(VcpuView vcpu) {
        NullVcpu n = state(vcpu);
        if (ctx.pcpu(vcpu.processor()).current() == vcpu || n.waiting) {
            return;
        }
        int cpu = n.cpu;
        if (assigned[cpu] == n) {
            ctx.tickle(cpu);
            return;
        }
        if (assigned[cpu] == null && vcpu.affinity().contains(cpu)) {
            assign(n, cpu);
            ctx.tickle(cpu);
            return;
        }
        enqueue(n);
        CpuMask aff = vcpu.affinity();
        for (int c = aff.next(0); c >= 0; c = aff.next(c + 1)) {
            if (assigned[c] == null) {
                ctx.tickle(c);
            }
        }
    }

    /**
     * {@code null_unit_sleep} (4.14 lines 635-668): only a running VCPU's PCPU is rescheduled;
     * the assignment stays, so the PCPU idles until the VCPU is back.
     */
    @Override
    public void sleep(VcpuView vcpu) {
        int cpu = vcpu.processor();
        if (ctx.pcpu(cpu).current() == vcpu) {
            ctx.tickle(cpu);
        }
    }

    /**
     * {@code null_schedule} (4.14 lines 804-932): the PCPU's assigned VCPU if it is runnable,
     * else idle, with no slice. A free PCPU first takes the first VCPU of the waiting list whose
     * affinity allows it (assigning it even if it is blocked).
     */
    @Override
    public void schedule(PcpuView pcpu, long now, ScheduleDecision out) {
        int cpu = pcpu.id();
        NullVcpu n = assigned[cpu];
        if (n == null && waitHead != null) {
            for (NullVcpu w = waitHead; w != null; w = w.next) {
                if (w.vcpu.affinity().contains(cpu)) {
                    dequeue(w);
                    assign(w, cpu);
                    n = w;
                    break;
                }
            }
        }
        if (n == null || !n.vcpu.isRunnable()) {
            out.run(pcpu.idleVcpu(), ScheduleDecision.NO_SLICE);
        } else {
            out.run(n.vcpu, ScheduleDecision.NO_SLICE);
        }
    }

    /**
     * {@code null_res_pick} (4.14 lines 670-675), and, when {@code commit} is set, the
     * {@code null_unit_migrate} that Xen's migrate path calls with the picked PCPU (the SPI folds
     * the two into this hook).
     */
    @Override
    public int pickCpu(VcpuView vcpu, boolean commit) {
        NullVcpu n = state(vcpu);
        int cpu = pickRes(n);
        if (commit) {
            migrate(n, cpu);
        }
        return cpu;
    }

    /**
     * {@code pick_res} (4.14 lines 271-340), hard affinity only: the VCPU's own PCPU if it is free
     * or already the VCPU's and allowed; else the lowest-numbered free PCPU of its affinity; else
     * a random PCPU of its affinity (Xen's {@code cpumask_any}), which is taken by another VCPU.
     */
    private int pickRes(NullVcpu n) {
        CpuMask aff = n.vcpu.affinity();
        int own = n.cpu;
        int picked = -1;
        if ((assigned[own] == null || assigned[own] == n) && aff.contains(own)) {
            picked = own;
        } else {
            for (int c = aff.next(0); c >= 0; c = aff.next(c + 1)) {
                if (assigned[c] == null) {
                    picked = c;
                    break;
                }
            }
        }
        if (picked < 0) {
            int skip = ctx.random().nextInt(aff.size());
            picked = aff.next(0);
            while (skip-- > 0) {
                picked = aff.next(picked + 1);
            }
        }
        if (ctx.tracing()) {
            ctx.trace(tracePicked, picked, n.vcpu, picked, 0);
        }
        return picked;
    }

    /**
     * {@code null_unit_migrate} (4.14 lines 677-776): leave the old PCPU (handing it to a waiter),
     * then take {@code to} if it is free and allowed, or wait in the list.
     */
    private void migrate(NullVcpu n, int to) {
        if (n.cpu == to) {
            return;
        }
        if (assigned[n.cpu] == n) {
            deassign(n);
        }
        if (assigned[to] == null && n.vcpu.affinity().contains(to)) {
            if (n.waiting) {
                dequeue(n);
            }
            assign(n, to);
        } else if (!n.waiting) {
            enqueue(n);
        }
        n.cpu = to;
    }

    /** {@code unit_assign} (4.14 lines 342-366). */
    private void assign(NullVcpu n, int cpu) {
        assigned[cpu] = n;
        n.cpu = cpu;
        if (ctx.tracing()) {
            ctx.trace(traceAssign, cpu, n.vcpu, cpu, 0);
        }
    }

    /**
     * {@code unit_deassign} (4.14 lines 369-426): free the PCPU and give it to the first waiter
     * whose affinity allows it, tickling the PCPU.
     */
    private void deassign(NullVcpu n) {
        int cpu = n.cpu;
        assigned[cpu] = null;
        if (ctx.tracing()) {
            ctx.trace(traceDeassign, cpu, n.vcpu, cpu, 0);
        }
        for (NullVcpu w = waitHead; w != null; w = w.next) {
            if (w.vcpu.affinity().contains(cpu)) {
                dequeue(w);
                assign(w, cpu);
                ctx.tickle(cpu);
                return;
            }
        }
    }

    private void enqueue(NullVcpu n) {
        n.waiting = true;
        n.next = null;
        n.prev = waitTail;
        if (waitTail == null) {
            waitHead = n;
        } else {
            waitTail.next = n;
        }
        waitTail = n;
    }

    private void dequeue(NullVcpu n) {
        if (n.prev == null) {
            waitHead = n.next;
        } else {
            n.prev.next = n.next;
        }
        if (n.next == null) {
            waitTail = n.prev;
        } else {
            n.next.prev = n.prev;
        }
        n.prev = null;
        n.next = null;
        n.waiting = false;
    }

    /** {@value #ASSIGNED} or {@value #WAITING}. */
    @Override
    public String priorityName(VcpuView vcpu) {
        return state(vcpu).waiting ? WAITING : ASSIGNED;
    }

    /**
     * The runnable VCPUs that are not current, under their {@link VcpuView#processor()}: assigned
     * ones whose PCPU has not switched to them yet, and those in the waiting list.
     */
    @Override
    public void forEachQueued(int pcpu, Consumer<VcpuView> action) {
        for (NullVcpu a : assigned) {
            if (a != null && queued(a.vcpu, pcpu)) {
                action.accept(a.vcpu);
            }
        }
        for (NullVcpu w = waitHead; w != null; w = w.next) {
            if (queued(w.vcpu, pcpu)) {
                action.accept(w.vcpu);
            }
        }
    }

    private boolean queued(VcpuView v, int pcpu) {
        return v.processor() == pcpu && v.isRunnable() && ctx.pcpu(pcpu).current() != v;
    }

    @Override
    public boolean reportsQueues() {
        return true;
    }
}
