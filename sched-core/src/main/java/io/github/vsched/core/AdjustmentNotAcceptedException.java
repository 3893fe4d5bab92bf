package io.github.vsched.core;

import io.github.vsched.api.Durations;

/**
 * A timed adjustment of the scenario ({@link Adjustment}) that the running scheduler does not
 * accept: a parameter it cannot change during a run, or one it does not change at all (what its
 * admission control refuses is not this: that is recorded and the run goes on). The values were
 * checked when the scenario was read; only the running scheduler knows this refusal, so the run
 * stops at the adjustment's time with this message.
 */
public final class AdjustmentNotAcceptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Adjustment adjustment;

    AdjustmentNotAcceptedException(Adjustment adjustment, String scheduler, RuntimeException cause) {
        super("the adjustment of the " + adjustment.subject() + " at " + Durations.format(adjustment.atNs()) + " ("
                + adjustment.params() + ") is not accepted by scheduler " + scheduler + ": " + cause.getMessage(), cause);
        this.adjustment = adjustment;
    }

    /** The adjustment refused. */
    public Adjustment adjustment() {
        return adjustment;
    }
}
