package io.github.vsched.core.internal.timer;

import io.github.vsched.core.event.EventQueue;
import io.github.vsched.core.internal.state.EngineEvent;
import io.github.vsched.core.internal.state.Machine;
import io.github.vsched.core.internal.state.XenTimer;

/**
 * Xen's timers ({@code xen/common/timer.c}): a sorted timer list per PCPU and the PCPU's timer
 * interrupt, programmed for the batch of timers the slop lets it coalesce
 * ({@link io.github.vsched.api.PlatformCosts#timerSlopNs()}). Slice timers, guest timers
 * ({@code set_timer_op}) and the schedulers' timers all live here.
 */
public final class Timers {
    private final Machine m;
    private final EventQueue queue;
    private final long slopNs;
    private final TimerList[] lists;
    private final TimerInterrupt[] interrupts;
    private long timerSeq;
    /** A timer whose stop {@link #stopForRearm} deferred: still in its list, logically stopped. */
    private XenTimer deferred;
    /** Whether that stop cancels the PCPU's interrupt (no timer left) rather than leaving it. */
    private boolean deferredCancels;

    public Timers(Machine m) {
        this.m = m;
        this.queue = m.queue;
        this.slopNs = m.costs.timerSlopNs();
        int n = m.pcpus.length;
        this.lists = new TimerList[n];
        this.interrupts = new TimerInterrupt[n];
        for (int c = 0; c < n; c++) {
            lists[c] = new TimerList(slopNs);
            interrupts[c] = new TimerInterrupt(this, c);
        }
    }

    /** {@code set_timer}: (re)arms {@code t} on PCPU {@code cpu} to expire at {@code when}. */
    public void set(XenTimer t, int cpu, long when) {
        if (deferred != null) {
            if (deferred == t && t.cpu == cpu) {
                rearm(t, cpu, when);
                return;
            }
            completeDeferredStop();
        }
        int old = t.cpu;
        if (old >= 0) {
            lists[old].remove(t);
        }
        t.expires = when;
        t.seq = timerSeq++;
        t.cpu = cpu;
        lists[cpu].insert(t);
        if (old >= 0 && old != cpu) {
            reprogram(old);
        }
        reprogram(cpu);
    }

    /** {@code stop_timer}. */
    public void stop(XenTimer t) {
        if (deferred != null) {
            completeDeferredStop();
        }
        int old = t.cpu;
        if (old < 0) {
            return;
        }
        lists[old].remove(t);
        t.cpu = -1;
        reprogram(old);
    }

    /**
     * {@code stop_timer} for a timer that is usually set again on the same PCPU before anything
     * else touches the timers, as {@code schedule()} stops the slice timer, asks the scheduler,
     * then sets it for the new slice. The stop takes effect at the next call of this class: a
     * {@link #set} of the same timer on the same PCPU does the stop and the set in one step,
     * and any other call completes the stop first ({@link #completeDeferredStop} does it
     * explicitly). The result is exactly what the two calls give: the list's order, the
     * interrupt's time and its place among events of equal time. The stop is deferred only when
     * it would leave the interrupt where it is or cancel it, so no event is scheduled for it
     * that an event scheduled meanwhile could rank against; otherwise it happens at once.
     */
    public void stopForRearm(XenTimer t) {
        if (deferred != null) {
            completeDeferredStop();
        }
        int cpu = t.cpu;
        if (cpu < 0) {
            return;
        }
        TimerInterrupt irq = interrupts[cpu];
        if (irq.handling) {
            stop(t);
            return;
        }
        long d = lists[cpu].deadlineWithout(t);
        if (d < 0) {
            deferred = t;
            deferredCancels = true; // no timer left: the stop cancels the interrupt
            return;
        }
        if (d < m.now) {
            d = m.now;
        }
        if (irq.isScheduled() && irq.time() == d) {
            deferred = t;
            deferredCancels = false; // the interrupt stays where it is
            return;
        }
        lists[cpu].remove(t);
        t.cpu = -1;
        queue.schedule(irq, d); // what reprogram does for this deadline
    }

    /** Completes a stop that {@link #stopForRearm} deferred, as {@link #stop} would have done it. */
    public void completeDeferredStop() {
        XenTimer t = deferred;
        if (t == null) {
            return;
        }
        deferred = null;
        int cpu = t.cpu;
        lists[cpu].remove(t);
        t.cpu = -1;
        if (deferredCancels) {
            queue.cancel(interrupts[cpu]);
        }
    }

    /** The deferred stop of {@code t} and a {@code set} on the same PCPU, in one step. */
    private void rearm(XenTimer t, int cpu, long when) {
        deferred = null;
        long seq = timerSeq++;
        TimerList list = lists[cpu];
        list.rekey(t, when, seq);
        TimerInterrupt irq = interrupts[cpu];
        long deadline = list.deadline();
        if (deadline < m.now) {
            deadline = m.now;
        }
        // after the stop, the interrupt was cancelled or is where it is now
        if (deferredCancels || !irq.isScheduled() || irq.time() != deadline) {
            queue.schedule(irq, deadline);
        }
    }

    /** {@code migrate_timer}: an active timer moves to PCPU {@code cpu}, keeping its expiry. */
    public void migrate(XenTimer t, int cpu) {
        if (deferred != null) {
            completeDeferredStop();
        }
        if (t != null && t.active() && t.cpu != cpu) {
            set(t, cpu, t.expires);
        }
    }

    /** Programs PCPU {@code cpu}'s timer interrupt for its next batch. */
    private void reprogram(int cpu) {
        TimerInterrupt irq = interrupts[cpu];
        if (irq.handling) {
            return; // recomputed when the interrupt's handling ends
        }
        long deadline = lists[cpu].deadline();
        if (deadline < 0) {
            queue.cancel(irq);
            return;
        }
        if (deadline < m.now) {
            deadline = m.now;
        }
        if (!irq.isScheduled() || irq.time() != deadline) {
            queue.schedule(irq, deadline);
        }
    }

    /** {@code timer_softirq_action}: runs every timer of the PCPU that is due, in order. */
    void interrupt(TimerInterrupt irq) {
        if (deferred != null) {
            completeDeferredStop();
        }
        Machine m = this.m;
        TimerList list = lists[irq.cpu];
        irq.handling = true;
        try {
            XenTimer t;
            while ((t = list.head) != null && t.expires <= m.now) {
                list.remove(t);
                t.cpu = -1;
                m.events++;
                m.hash = Machine.mix(m.hash, ((long) t.kind << 32) ^ t.subject);
                m.executing = irq.cpu;
                m.firingTimer = t;
                t.fire();
            }
        } finally {
            irq.handling = false;
            m.firingTimer = null;
        }
        reprogram(irq.cpu);
    }

    /** A PCPU's timer interrupt, programmed for its batch of due timers. */
    static final class TimerInterrupt extends EngineEvent {
        private final Timers timers;
        final int cpu;
        /** Being handled: recompute the deadline when it ends. */
        boolean handling;

        TimerInterrupt(Timers timers, int cpu) {
            super(TIMER_IRQ, cpu);
            this.timers = timers;
            this.cpu = cpu;
        }

        @Override
        public void fire() {
            timers.interrupt(this);
        }

        @Override
        public int pcpu() {
            return cpu;
        }

        @Override
        public String describe() {
            return "timer interrupt of pcpu" + cpu;
        }
    }
}
