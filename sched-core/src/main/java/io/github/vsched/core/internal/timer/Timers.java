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

    public Timers(Machine m) {
        this.m = m;
        this.queue = m.queue;
        this.slopNs = m.costs.timerSlopNs();
        int n = m.pcpus.length;
        this.lists = new TimerList[n];
        this.interrupts = new TimerInterrupt[n];
        for (int c = 0; c < n; c++) {
            lists[c] = new TimerList();
            interrupts[c] = new TimerInterrupt(this, c);
        }
    }

    /** {@code set_timer}: (re)arms {@code t} on PCPU {@code cpu} to expire at {@code when}. */
    public void set(XenTimer t, int cpu, long when) {
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
        int old = t.cpu;
        if (old < 0) {
            return;
        }
        lists[old].remove(t);
        t.cpu = -1;
        reprogram(old);
    }

    /** {@code migrate_timer}: an active timer moves to PCPU {@code cpu}, keeping its expiry. */
    public void migrate(XenTimer t, int cpu) {
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
        long deadline = lists[cpu].deadline(slopNs);
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
