package io.github.vsched.core;

/**
 * Xen's {@code HVM_PARAM_TIMER_MODE} ({@code xen/include/public/hvm/params.h}): how an HVM
 * domain's virtual periodic timers ({@code xen/arch/x86/hvm/vpt.c}) treat the ticks a VCPU
 * missed while it was runnable but not running. Only HVM guests that start a periodic timer
 * ({@link io.github.vsched.api.Guest#startPeriodicTimer}) feel it.
 */
public enum HvmTimerMode {
    /**
     * Mode 0, {@code delay_for_missed_ticks}, the hypervisor's default (and xl's, which leaves
     * the parameter unset): missed ticks are delivered back to back on resume, one per handled
     * interrupt, and the guest's clock is held back meanwhile (not modelled: the ticks arrive
     * as in mode 1).
     */
    DELAY_FOR_MISSED_TICKS(0),
    /**
     * Mode 1, {@code no_delay_for_missed_ticks}, xend's default for HVM guests
     * ({@code XendConfig.py}): missed ticks are delivered back to back on resume, one per
     * handled interrupt; the guest's clock tracks real time.
     */
    NO_DELAY_FOR_MISSED_TICKS(1),
    /**
     * Mode 2, {@code no_missed_ticks_pending}: missed ticks are dropped; after a preemption that
     * missed some, the timer keeps running through the next preemption, so one tick is pending
     * when the VCPU comes back from that one.
     */
    NO_MISSED_TICKS_PENDING(2),
    /** Mode 3, {@code one_missed_tick_pending}: the missed ticks collapse into one late tick. */
    ONE_MISSED_TICK_PENDING(3);

    private final int xenValue;

    HvmTimerMode(int xenValue) {
        this.xenValue = xenValue;
    }

    /** The parameter's value in Xen ({@code HVMPTM_*}, as xm's {@code timer_mode=}). */
    public int xenValue() {
        return xenValue;
    }

    /** xend's default for HVM guests, the paper's tool stack: mode 1. */
    public static final HvmTimerMode XEND_DEFAULT = NO_DELAY_FOR_MISSED_TICKS;

    /**
     * The mode with Xen's value {@code value}.
     *
     * @throws IllegalArgumentException if it is not 0 to 3
     */
    public static HvmTimerMode ofXenValue(int value) {
        for (HvmTimerMode m : values()) {
            if (m.xenValue == value) {
                return m;
            }
        }
        throw new IllegalArgumentException("timer mode " + value + " not in [0, 3] (HVM_PARAM_TIMER_MODE)");
    }
}
