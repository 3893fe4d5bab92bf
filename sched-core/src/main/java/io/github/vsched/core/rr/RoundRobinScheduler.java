package io.github.vsched.core.rr;

import io.github.vsched.api.DomainView;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.ScheduleDecision;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.VcpuView;

import java.util.function.Consumer;

/**
 * Round-robin: a FIFO runqueue per PCPU holding runnable VCPUs that are not running; the
 * current VCPU goes to the tail when its slice ends; a PCPU with nothing queued steals the first
 * VCPU it may run from its peers, visited from the next PCPU on. A wake-up on a busy PCPU
 * tickles an idle PCPU, which then steals. Intrusive lists: nothing is allocated per event.
 */
final class RoundRobinScheduler implements Scheduler {
    /** {@link #priorityName} of a VCPU in its PCPU's FIFO, waiting for its turn. */
    static final String QUEUED = "QUEUED";
    /** {@link #priorityName} of the current VCPU of a PCPU, until it is switched out. */
    static final String RUNNING = "RUNNING";

    private final SchedulerContext ctx;
    private final long slice;
    private final Node[] heads;
    private final Node[] tails;

    /** Per-VCPU node of the intrusive runqueue. */
    private static final class Node {
        final VcpuView vcpu;
        Node prev;
        Node next;
        int queuedOn = -1;

        Node(VcpuView vcpu) {
            this.vcpu = vcpu;
        }
    }

    RoundRobinScheduler(SchedulerContext ctx, long slice) {
        this.ctx = ctx;
        this.slice = slice;
        this.heads = new Node[ctx.pcpuCount()];
        this.tails = new Node[ctx.pcpuCount()];
    }

    @Override
    public void addDomain(DomainView domain) {
    }

    @Override
    public void addVcpu(VcpuView vcpu) {
        ctx.setPrivate(vcpu, new Node(vcpu));
    }

    @Override
    public void removeVcpu(VcpuView vcpu) {
        dequeue(node(vcpu));
    }

    private static Node node(VcpuView v) {
        return (Node) v.schedulerPrivate();
    }

    private void enqueue(Node n, int cpu) {
        n.queuedOn = cpu;
        n.next = null;
        n.prev = tails[cpu];
        if (tails[cpu] == null) {
            heads[cpu] = n;
        } else {
            tails[cpu].next = n;
        }
        tails[cpu] = n;
    }

    private void dequeue(Node n) {
        int cpu = n.queuedOn;
        if (cpu < 0) {
            return;
        }
        if (n.prev == null) {
            heads[cpu] = n.next;
        } else {
            n.prev.next = n.next;
        }
        if (n.next == null) {
            tails[cpu] = n.prev;
        } else {
            n.next.prev = n.prev;
        }
        n.prev = null;
        n.next = null;
        n.queuedOn = -1;
    }

    @Override
    public void wake(VcpuView v) {
        Node n = node(v);
        int cpu = v.processor();
        if (n.queuedOn >= 0 || ctx.pcpu(cpu).current() == v) {
            return;
        }
        enqueue(n, cpu);
        if (ctx.pcpu(cpu).isIdle()) {
            ctx.tickle(cpu);
        } else {
            tickleIdleFor(v, cpu);
        }
    }

    /**
     * Tickles one idle PCPU that {@code v} may run on, the first after {@code except} in cyclic
     * order and never {@code except} itself (-1: any, from PCPU 0).
     */
    private void tickleIdleFor(VcpuView v, int except) {
        int c = ctx.nextIdle(v.affinity(), except);
        if (c >= 0 && c != except) {
            ctx.tickle(c);
        }
    }

    @Override
    public void sleep(VcpuView v) {
        dequeue(node(v));
    }

    @Override
    public void schedule(PcpuView pcpu, long now, ScheduleDecision out) {
        int cpu = pcpu.id();
        VcpuView cur = pcpu.current();
        if (!cur.isIdle() && cur.isRunnable()) {
            enqueue(node(cur), cpu);
        }
        Node pick = heads[cpu];
        if (pick != null) {
            dequeue(pick);
        } else {
            pick = steal(cpu);
        }
        if (pick == null) {
            out.run(pcpu.idleVcpu(), ScheduleDecision.NO_SLICE);
            return;
        }
        out.run(pick.vcpu, slice);
        Node waiting = heads[cpu];
        if (waiting != null) {
            tickleIdleFor(waiting.vcpu, cpu);
        }
    }

    private Node steal(int cpu) {
        int n = ctx.pcpuCount();
        for (int i = 1; i < n; i++) {
            int peer = (cpu + i) % n;
            for (Node q = heads[peer]; q != null; q = q.next) {
                if (!q.vcpu.isRunning() && q.vcpu.affinity().contains(cpu)) {
                    dequeue(q);
                    return q;
                }
            }
        }
        return null;
    }

    @Override
    public void contextSaved(VcpuView v) {
        // a VCPU queued while its context was still live could not be stolen: offer it now
        if (!v.isIdle() && node(v).queuedOn >= 0) {
            tickleIdleFor(v, -1);
        }
    }

    @Override
    public int pickCpu(VcpuView v, boolean commit) {
        int p = v.processor();
        if (v.affinity().contains(p) && ctx.pcpu(p).isIdle()) {
            return p;
        }
        for (int c = v.affinity().next(0); c >= 0; c = v.affinity().next(c + 1)) {
            if (ctx.pcpu(c).isIdle()) {
                return c;
            }
        }
        return v.affinity().contains(p) ? p : v.affinity().next(0);
    }

    @Override
    public void forEachQueued(int pcpu, Consumer<VcpuView> action) {
        for (Node q = heads[pcpu]; q != null; q = q.next) {
            action.accept(q.vcpu);
        }
    }

    /**
     * Round-robin has no priorities; for reports that group waits by the situation at a wake-up,
     * a VCPU is {@code RUNNING} while it is the current VCPU of its PCPU (also while that PCPU
     * switches it out) and {@code QUEUED} while it waits in a FIFO; null when it is in neither
     * (blocked or offline).
     */
    @Override
    public String priorityName(VcpuView vcpu) {
        if (vcpu.isIdle()) {
            return null;
        }
        if (ctx.pcpu(vcpu.processor()).current() == vcpu) {
            return RUNNING;
        }
        return node(vcpu).queuedOn >= 0 ? QUEUED : null;
    }

    @Override
    public boolean reportsQueues() {
        return true;
    }

    /** Per PCPU, what it runs and its FIFO in order; checked mode adds it to its messages. */
    @Override
    public void dumpState(StringBuilder out) {
        out.append("round-robin: slice ").append(io.github.vsched.api.Durations.format(slice)).append('\n');
        for (int c = 0; c < heads.length; c++) {
            out.append("pcpu").append(c).append(": running ").append(ctx.pcpu(c).current().name()).append("; queue:");
            if (heads[c] == null) {
                out.append(" empty");
            }
            for (Node q = heads[c]; q != null; q = q.next) {
                out.append(' ').append(q.vcpu.name());
            }
            out.append('\n');
        }
    }
}
