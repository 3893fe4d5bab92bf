package io.github.vsched.credit2;

import io.github.vsched.api.SchedulerContext;

import java.util.List;

/**
 * Credit2's credit arithmetic (reference 3): {@code burn_credits} with {@code t2c_update} and
 * {@code c2t} (4.19 lines 809-827, 1858-1906), and {@code reset_credit} (1776-1856). Credit is
 * time scaled by {@code max_weight / weight}; the runqueue's heaviest VCPU burns one credit per ns.
 * Allocation-free.
 */
final class Credit2Accounting {
    private final SchedulerContext ctx;
    private final Credit2Trace trace;

    Credit2Accounting(SchedulerContext ctx, Credit2Trace trace) {
        this.ctx = ctx;
        this.trace = trace;
    }

    /**
     * {@code burn_credits} (4.19 lines 1858-1906): the time since the VCPU's last charge, scaled by
     * {@code max_weight / weight} ({@link #t2c}), comes off its credit; a capped VCPU also spends
     * that time from its budget.
     */
    void burnCredits(Credit2Runqueue rqd, Credit2Vcpu svc, long now) {
        if (svc.idle) {
            return;
        }
        long delta = now - svc.startTime;
        if (delta <= 0) {
            return;
        }
        t2c(rqd, delta, svc);
        if (svc.hasCap()) {
            svc.budget -= delta;
        }
        svc.startTime = now;
        if (trace.on()) {
            trace.emit(trace.burn, svc.vcpu.processor(), svc.vcpu, svc.credit, delta);
        }
    }

    /**
     * {@code t2c_update} (4.19 lines 809-821): {@code time * max_weight / weight} credits, the
     * remainder of the division carried to the next charge, the result floored at
     * {@code CREDIT_MIN} (4.14+).
     */
    static void t2c(Credit2Runqueue rqd, long time, Credit2Vcpu svc) {
        long val = time * rqd.maxWeight + svc.residual;
        svc.residual = (int) (val % svc.weight);
        val /= svc.weight;
        long credit = svc.credit - val;
        svc.credit = credit < Credit2Config.CREDIT_MIN ? Credit2Config.CREDIT_MIN : (int) credit;
    }

    /** {@code c2t} (4.19 lines 823-827): credit back to time at the VCPU's burn rate. */
    static long c2t(Credit2Runqueue rqd, long credit, Credit2Vcpu svc) {
        return credit * svc.weight / rqd.maxWeight;
    }

    /**
     * {@code reset_credit} (4.19 lines 1776-1856): every VCPU of the runqueue gets
     * {@code CREDIT_INIT} more ({@code 2 * CREDIT_INIT} if the chosen VCPU sits at the floor),
     * clipped to {@code CREDIT_INIT + CARRYOVER_MAX}; running ones are charged first, and one
     * whose charge empties its budget has its PCPU tickled through {@code tickler}.
     */
    void resetCredit(Credit2Runqueue rqd, long now, Credit2Vcpu snext, RunqTickle tickler) {
        int reset = Credit2Config.CREDIT_INIT;
        if (snext.credit == Credit2Config.CREDIT_MIN) {
            reset += Credit2Config.CREDIT_INIT;
        }
        List<Credit2Vcpu> all = rqd.assigned;
        for (int i = 0; i < all.size(); i++) {
            Credit2Vcpu svc = all.get(i);
            int svcCpu = svc.vcpu.processor();
            if (ctx.pcpu(svcCpu).current() == svc.vcpu) {
                burnCredits(rqd, svc, now);
                if (svc.budget <= 0) {
                    tickler.tickleCpu(svcCpu, rqd);
                }
            }
            int start = svc.credit;
            long c = (long) svc.credit + reset;
            svc.credit = (int) Math.min(c, Credit2Config.CREDIT_INIT + Credit2Config.CARRYOVER_MAX);
            svc.startTime = now;
            if (trace.on()) {
                trace.emit(trace.creditReset, svcCpu, svc.vcpu, start, svc.credit);
            }
        }
    }
}
