package io.github.vsched.benchmarks.floor;

import java.util.ArrayDeque;

/**
 * The floor for the engine's wake and schedule cycle: a pick-next and requeue on three
 * {@code ArrayDeque}s, one per credit priority (BOOST, UNDER, OVER), and nothing else: no
 * timers, no runstate accounting, no listeners, no checks. One {@link #cycle} is what
 * {@code SchedulerHotPathBenchmark.wakeScheduleRequeue} does through the engine: the running
 * VCPU blocks, the first VCPU of the highest non-empty queue is dispatched, and the blocked one
 * wakes and goes to the tail of its priority's queue.
 */
public final class ThreeDequeFloor {
    /** A VCPU: its priority, 0 (highest) to 2. */
    public static final class Vcpu {
        final int priority;

        Vcpu(int priority) {
            this.priority = priority;
        }
    }

    @SuppressWarnings("unchecked")
    private final ArrayDeque<Vcpu>[] queues = new ArrayDeque[] {new ArrayDeque<>(), new ArrayDeque<>(), new ArrayDeque<>()};
    private Vcpu running;

    /**
     * One running VCPU and {@code queued} waiting; every VCPU has priority UNDER (1), as the
     * engine benchmark's VCPUs of one domain have.
     */
    public ThreeDequeFloor(int queued) {
        running = new Vcpu(1);
        for (int i = 0; i < queued; i++) {
            queues[1].addLast(new Vcpu(1));
        }
    }

    /** Block the running VCPU, dispatch the next, wake the blocked one; returns the new running VCPU. */
    public Vcpu cycle() {
        Vcpu blocked = running;
        Vcpu next = null;
        for (ArrayDeque<Vcpu> q : queues) {
            next = q.pollFirst();
            if (next != null) {
                break;
            }
        }
        running = next;
        queues[blocked.priority].addLast(blocked);
        return next;
    }

    /** VCPUs waiting in the queues. */
    public int queued() {
        return queues[0].size() + queues[1].size() + queues[2].size();
    }
}
