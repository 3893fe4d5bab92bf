package ${package};

import io.github.vsched.api.DomainView;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.ScheduleDecision;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.VcpuView;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * One FIFO of runnable VCPUs for the whole machine. A PCPU takes the first queued VCPU it may
 * run; a wake-up tickles an idle PCPU the VCPU may run on.
 */
final class ${className}Scheduler implements Scheduler {
    private final SchedulerContext ctx;
    private final long slice;
    private final ArrayDeque<VcpuView> queue = new ArrayDeque<>();

    ${className}Scheduler(SchedulerContext ctx, long slice) {
        this.ctx = ctx;
        this.slice = slice;
    }

    @Override
    public void addDomain(DomainView domain) {
    }

    @Override
    public void addVcpu(VcpuView vcpu) {
    }

    @Override
    public void wake(VcpuView v) {
        if (queue.contains(v) || ctx.pcpu(v.processor()).current() == v) {
            return;
        }
        queue.addLast(v);
        tickleIdle(v);
    }

    private void tickleIdle(VcpuView v) {
        for (int c = 0; c < ctx.pcpuCount(); c++) {
            if (ctx.pcpu(c).isIdle() && v.affinity().contains(c)) {
                ctx.tickle(c);
                return;
            }
        }
    }

    @Override
    public void sleep(VcpuView v) {
        queue.remove(v);
    }

    @Override
    public void schedule(PcpuView pcpu, long now, ScheduleDecision out) {
        VcpuView cur = pcpu.current();
        if (!cur.isIdle() && cur.isRunnable()) {
            queue.addLast(cur);
        }
        for (Iterator<VcpuView> it = queue.iterator(); it.hasNext(); ) {
            VcpuView v = it.next();
            if (v.affinity().contains(pcpu.id()) && (v == cur || !v.isRunning())) {
                it.remove();
                out.run(v, slice);
                if (!queue.isEmpty()) {
                    tickleIdle(queue.peekFirst());
                }
                return;
            }
        }
        out.run(pcpu.idleVcpu(), ScheduleDecision.NO_SLICE);
    }

    @Override
    public void contextSaved(VcpuView v) {
        if (queue.contains(v)) {
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
        for (VcpuView v : queue) {
            if (v.processor() == pcpu) {
                action.accept(v);
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
        for (VcpuView v : queue) {
            out.append(' ').append(v.name());
        }
        out.append('\n');
    }
}
