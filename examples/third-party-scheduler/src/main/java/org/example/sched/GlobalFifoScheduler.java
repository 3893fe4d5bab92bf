package org.example.sched;

import io.github.vsched.api.DomainView;
import io.github.vsched.api.IntrusiveQueue;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.ScheduleDecision;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.VcpuView;

import java.util.function.Consumer;

/**
 * One FIFO of runnable VCPUs for the whole machine. A PCPU takes the first queued VCPU it may
 * run; a wake-up tickles an idle PCPU the VCPU may run on.
 *
 * <p>Each VCPU's state ({@link Entry}) carries its node of the shared queue, so queueing,
 * dequeueing and asking whether a VCPU is queued allocate nothing and take constant time.
 */
final class GlobalFifoScheduler implements Scheduler {
    /** The scheduler's state of one VCPU: its place in the shared queue. */
    static final class Entry {
        final VcpuView vcpu;
        final IntrusiveQueue.Node<Entry> inQueue = new IntrusiveQueue.Node<>(this);

        Entry(VcpuView vcpu) {
            this.vcpu = vcpu;
        }

        @Override
        public String toString() {
            return vcpu.name();
        }
    }

    private final SchedulerContext ctx;
    private final long slice;
    private final IntrusiveQueue<Entry> queue = new IntrusiveQueue<>();

    GlobalFifoScheduler(SchedulerContext ctx, long slice) {
        this.ctx = ctx;
        this.slice = slice;
    }

    @Override
    public void addDomain(DomainView domain) {
    }

    @Override
    public void addVcpu(VcpuView vcpu) {
        ctx.setPrivate(vcpu, new Entry(vcpu));
    }

    private static Entry entry(VcpuView v) {
        return v.schedulerPrivate(Entry.class);
    }

    @Override
    public void wake(VcpuView v) {
        Entry e = entry(v);
        if (e.inQueue.isQueued() || ctx.pcpu(v.processor()).current() == v) {
            return;
        }
        queue.addLast(e.inQueue);
        tickleIdle(v);
    }

    /** Tickles the first idle PCPU {@code v} may run on, if any (a few word operations). */
    private void tickleIdle(VcpuView v) {
        int c = ctx.nextIdle(v.affinity(), -1);
        if (c >= 0) {
            ctx.tickle(c);
        }
    }

    @Override
    public void sleep(VcpuView v) {
        Entry e = entry(v);
        if (e.inQueue.isQueued()) {
            queue.remove(e.inQueue);
        }
    }

    @Override
    public void schedule(PcpuView pcpu, long now, ScheduleDecision out) {
        VcpuView cur = pcpu.current();
        if (!cur.isIdle() && cur.isRunnable()) {
            queue.addLast(entry(cur).inQueue);
        }
        for (IntrusiveQueue.Node<Entry> n = queue.first(); n != null; n = n.next()) {
            VcpuView v = n.owner().vcpu;
            if (v.affinity().contains(pcpu.id()) && (v == cur || !v.isRunning())) {
                queue.remove(n);
                out.run(v, slice);
                if (!queue.isEmpty()) {
                    tickleIdle(queue.peekFirst().vcpu);
                }
                return;
            }
        }
        out.run(pcpu.idleVcpu(), ScheduleDecision.NO_SLICE);
    }

    @Override
    public void contextSaved(VcpuView v) {
        if (!v.isIdle() && entry(v).inQueue.isQueued()) {
            tickleIdle(v);
        }
    }

    @Override
    public int pickCpu(VcpuView v, boolean commit) {
        for (int c = v.affinity().next(0); c >= 0; c = v.affinity().next(c + 1)) {
            if (ctx.pcpu(c).isIdle()) {
                return c;
            }
        }
        return v.affinity().contains(v.processor()) ? v.processor() : v.affinity().next(0);
    }

    /** The shared queue is reported under each VCPU's current processor. */
    @Override
    public void forEachQueued(int pcpu, Consumer<VcpuView> action) {
        for (IntrusiveQueue.Node<Entry> n = queue.first(); n != null; n = n.next()) {
            if (n.owner().vcpu.processor() == pcpu) {
                action.accept(n.owner().vcpu);
            }
        }
    }

    @Override
    public boolean reportsQueues() {
        return true;
    }

    /** What each PCPU runs and the shared queue in order; checked mode adds it to its messages. */
    @Override
    public void dumpState(StringBuilder out) {
        for (int c = 0; c < ctx.pcpuCount(); c++) {
            out.append("pcpu").append(c).append(": running ").append(ctx.pcpu(c).current().name()).append('\n');
        }
        out.append("queue:");
        if (queue.isEmpty()) {
            out.append(" empty");
        }
        for (Entry e : queue) {
            out.append(' ').append(e.vcpu.name());
        }
        out.append('\n');
    }
}
