package io.github.vsched.core.internal.guest;

import io.github.vsched.core.internal.state.DomainState;
import io.github.vsched.core.internal.state.EngineEvent;
import io.github.vsched.core.internal.state.VcpuState;
import io.github.vsched.core.internal.state.XenTimer;
import io.github.vsched.core.internal.timer.Timers;

/**
 * An HVM VCPU's virtual periodic timer: Xen 4.0's {@code struct periodic_time} and the rules of
 * {@code xen/arch/x86/hvm/vpt.c} that shape when its ticks reach the guest. It is an ordinary
 * Xen timer on the VCPU's PCPU (so the timer slop applies) whose expiry counts a pending
 * interrupt; the guest layer injects pending interrupts one at a time, each after the guest has
 * handled the one before.
 *
 * <ul>
 *   <li>{@link #fire} is {@code pt_timer_fn}: one more pending interrupt, the next tick one
 *       period later, the VCPU kicked. The timer is not re-armed here: while an interrupt is
 *       pending it stays stopped.</li>
 *   <li>{@link #save} is {@code pt_save_timer} (called by {@code context_switch}): a runnable VCPU
 *       switched out has its timer stopped, unless the timer mode left it running
 *       ({@code do_not_freeze}); a blocked VCPU keeps it, so a tick wakes it.</li>
 *   <li>{@link #restore} is {@code pt_restore_timer} (from {@code hvm_do_resume}) with
 *       {@code hvm_migrate_timers}: with no interrupt pending, the ticks missed meanwhile are
 *       counted and the timer is re-armed at the next tick.</li>
 *   <li>{@link #intrPost} is {@code pt_intr_post}, run when an interrupt is injected: in modes 0
 *       and 1 it consumes one pending interrupt (so missed ticks follow one another back to
 *       back); in modes 2 and 3 it collapses them all.</li>
 * </ul>
 *
 * <p>Mode 0 ({@code delay_for_missed_ticks}) also freezes the guest's clock while the VCPU is
 * descheduled and steps it forward with each late tick ({@code pt_freeze_time},
 * {@code pt_thaw_time}); its ticks arrive as in mode 1. No workload model reads a guest clock
 * apart from the ticks, so that freeze is not modelled.
 */
final class VirtualPeriodicTimer extends XenTimer {
    /** vpt.c {@code create_periodic_time}: "Periodic timer must be at least 0.1ms". */
    static final long MIN_PERIOD_NS = 100_000;

    private final GuestExecution guests;
    private final Timers timers;
    private final VcpuState vcpu;
    /** {@code on_list}: the timer exists (started and not destroyed). */
    boolean on;
    long period;
    /** {@code scheduled}: when the next tick is due. */
    long scheduled;
    /** {@code pending_intr_nr}: ticks counted but not yet injected. */
    int pendingIntrNr;
    /** {@code do_not_freeze}: mode 2 keeps the timer running through the next preemption. */
    boolean doNotFreeze;
    /** An injected tick the guest has not finished handling (its EOI is still to come). */
    boolean inService;
    /** The guest's model has chosen an action since the tick in service was injected. */
    boolean seen;
    long tag;

    VirtualPeriodicTimer(GuestExecution guests, Timers timers, VcpuState vcpu) {
        super(EngineEvent.PERIODIC_TIMER, vcpu.id);
        this.guests = guests;
        this.timers = timers;
        this.vcpu = vcpu;
    }

    /** {@code create_periodic_time} with {@code delta = period}, as the RTC programs it. */
    void start(long periodNs, long tag, long now) {
        destroy();
        this.period = Math.max(periodNs, MIN_PERIOD_NS);
        this.tag = tag;
        this.on = true;
        this.scheduled = align(now + period, period); // HVM_PARAM_VPT_ALIGN, xend's default 1
        timers.set(this, vcpu.processor, scheduled);
    }

    /** {@code destroy_periodic_time}: the pending ticks are forgotten. */
    void destroy() {
        on = false;
        pendingIntrNr = 0;
        inService = false;
        doNotFreeze = false;
        timers.stop(this);
    }

    /** {@code align_timer} (timer.c): the first multiple of {@code period} at or after {@code t}. */
    static long align(long t, long period) {
        return t + (period - 1) - Math.floorMod(t - 1, period);
    }

    /** {@code pt_timer_fn}. */
    @Override
    public void fire() {
        pendingIntrNr++;
        scheduled += period;
        doNotFreeze = false;
        guests.kick(vcpu, this);
    }

    /** {@code pt_process_missed_ticks}. */
    private void processMissedTicks(long now) {
        long missed = now - scheduled;
        if (missed <= 0) {
            return;
        }
        missed = missed / period + 1;
        if (mode() == DomainState.TIMER_MODE_NO_MISSED_TICKS_PENDING) {
            doNotFreeze = pendingIntrNr == 0;
        } else {
            pendingIntrNr = (int) Math.min(Integer.MAX_VALUE, pendingIntrNr + missed);
        }
        scheduled += missed * period;
    }

    /** {@code pt_save_timer}: the VCPU is switched out. */
    void save() {
        if (!on || vcpu.blocked) {
            return;
        }
        if (!doNotFreeze) {
            timers.stop(this);
        }
    }

    /** {@code pt_restore_timer} and {@code hvm_migrate_timers}: the VCPU is switched in. */
    void restore(long now) {
        if (!on) {
            return;
        }
        if (pendingIntrNr == 0) {
            processMissedTicks(now);
            timers.set(this, vcpu.processor, scheduled);
        } else {
            timers.migrate(this, vcpu.processor);
        }
    }

    /** Whether an interrupt can be injected now: one pending and none in service. */
    boolean canInject() {
        return on && pendingIntrNr > 0 && !inService;
    }

    /** {@code pt_intr_post}: one interrupt has been injected. */
    void intrPost(long now) {
        inService = true;
        seen = false;
        int mode = mode();
        if (mode == DomainState.TIMER_MODE_NO_MISSED_TICKS_PENDING
                || mode == DomainState.TIMER_MODE_ONE_MISSED_TICK_PENDING) {
            processMissedTicks(now);
            pendingIntrNr = 0; // 'collapse' all missed ticks
            timers.set(this, vcpu.processor, scheduled);
        } else if (--pendingIntrNr == 0) {
            processMissedTicks(now);
            if (pendingIntrNr == 0) {
                timers.set(this, vcpu.processor, scheduled);
            }
        }
    }

    private int mode() {
        return vcpu.domain.timerMode;
    }

    @Override
    public String describe() {
        return "periodic timer of " + vcpu.name;
    }
}
