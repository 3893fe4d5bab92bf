package io.github.vsched.credit2;

import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.VcpuView;

import java.util.ArrayList;
import java.util.List;

/**
 * Caps (Xen 4.10+): a capped domain's VCPUs run on budget grabbed from the domain's pool, which a
 * periodic timer refills; a VCPU that finds the pool empty is parked until budget comes back.
 * Restates {@code park_unit}, {@code unit_grab_budget}, {@code unit_return_budget},
 * {@code unpark_parked_units}, {@code replenish_domain_budget} (4.19 lines 1912-2136) and the cap
 * half of {@code csched2_dom_cntl} (2995-3100).
 *
 * <p>Parking is a pause ({@code _VPF_parked}): a queued VCPU is paused at once, which takes it off
 * its runqueue through the sleep hook as {@code park_unit} does; a VCPU being scheduled out is
 * flagged and paused when its context is saved (see {@link Credit2Vcpu#parkPending}).
 * Unparking is the matching unpause, whose wake-up queues and tickles as Xen's unparking does.
 */
final class CapBudget {
    private final Credit2Scheduler s;
    private final SchedulerContext ctx;
    private final Credit2Config config;
    private final Credit2Trace trace;
    private final Credit2Accounting credits;

    CapBudget(Credit2Scheduler s, SchedulerContext ctx, Credit2Config config, Credit2Trace trace,
              Credit2Accounting credits) {
        this.s = s;
        this.ctx = ctx;
        this.config = config;
        this.trace = trace;
        this.credits = credits;
    }

    /**
     * {@code unit_grab_budget}: a VCPU with budget left keeps it; otherwise its overrun is taken
     * from the pool and it takes its quota (or what is left) from the pool, or is parked if the
     * pool is empty.
     *
     * @return whether it has budget to run
     */
    boolean grab(Credit2Vcpu svc) {
        if (svc.budget > 0) {
            return true;
        }
        Credit2Domain sdom = svc.sdom;
        sdom.budget += svc.budget;
        if (sdom.budget > 0) {
            long b = sdom.budget >= svc.budgetQuota ? svc.budgetQuota : sdom.budget;
            svc.budget = b;
            sdom.budget -= b;
        } else {
            svc.budget = 0;
            park(svc);
        }
        return svc.budget > 0;
    }

    /** {@code park_unit}: pause it (at once if queued, once switched out if scheduled) and list it. */
    private void park(Credit2Vcpu svc) {
        if (trace.on()) {
            trace.emit(trace.park, svc.vcpu.processor(), svc.vcpu, svc.sdom.budget, 0);
        }
        svc.parked = true;
        svc.sdom.parkedVcpus.add(0, svc);
        if (svc.has(Credit2Vcpu.SCHEDULED)) {
            svc.parkPending = true;
        } else {
            ctx.pause(svc.vcpu); // its sleep hook takes it off the runq and updates the load
        }
    }

    /**
     * {@code unit_return_budget}: the budget a VCPU did not use goes back to the pool; if the pool
     * then has budget, the parked VCPUs are handed back to be unparked.
     *
     * @return the VCPUs to unpark (possibly empty)
     */
    List<Credit2Vcpu> giveBack(Credit2Vcpu svc) {
        Credit2Domain sdom = svc.sdom;
        sdom.budget += svc.budget;
        svc.budget = 0;
        return sdom.budget > 0 ? takeParked(sdom) : List.of();
    }

    private static List<Credit2Vcpu> takeParked(Credit2Domain sdom) {
        if (sdom.parkedVcpus.isEmpty()) {
            return List.of();
        }
        List<Credit2Vcpu> out = new ArrayList<>(sdom.parkedVcpus);
        sdom.parkedVcpus.clear();
        return out;
    }

    /**
     * {@code unpark_parked_units}: each leaves the parked state; one still being scheduled out is
     * queued when its context is saved, any other is unpaused, whose wake-up queues and tickles it
     * if it is runnable.
     */
    void unpark(List<Credit2Vcpu> vcpus) {
        for (int i = 0; i < vcpus.size(); i++) {
            Credit2Vcpu svc = vcpus.get(i);
            svc.parked = false;
            if (trace.on()) {
                trace.emit(trace.unpark, svc.vcpu.processor(), svc.vcpu, svc.sdom.budget, 0);
            }
            if (svc.parkPending) {
                svc.parkPending = false;
                svc.flags |= Credit2Vcpu.DELAYED_RUNQ_ADD;
            } else {
                ctx.unpause(svc.vcpu);
            }
        }
    }

    /**
     * {@code replenish_domain_budget}: add a period's budget (more if the timer is late by whole
     * periods), keep at most one period's worth, unpark the parked VCPUs unless the pool is still
     * empty, and re-arm for the next period.
     */
    void replenish(Credit2Domain sdom, long now) {
        sdom.nextRepl += config.capPeriodNs();
        sdom.budget += sdom.totBudget;
        while (sdom.nextRepl <= now) {
            sdom.nextRepl += config.capPeriodNs();
            sdom.budget += sdom.totBudget;
        }
        if (trace.on()) {
            trace.emit(trace.replenish, -1, null, sdom.budget, sdom.nextRepl);
        }
        if (sdom.budget > 0) {
            sdom.budget = Math.min(sdom.budget, sdom.totBudget);
            unpark(takeParked(sdom));
        }
        sdom.replTimer.set(sdom.nextRepl);
    }

    /**
     * The cap part of {@code csched2_dom_cntl}: a cap (not 0) sets the budget per period and each
     * VCPU's quota; if the domain was uncapped, its pool is filled, the timer started, running VCPUs
     * charged so far without budget and rescheduled, and every VCPU must grab budget before it runs
     * again. A cap of 0 on a capped domain stops the timer, ends budget accounting and unparks all.
     */
    void setCap(Credit2Domain sdom, int cap, long now) {
        if (cap != 0) {
            sdom.totBudget = config.capPeriodNs() * cap / 100;
            for (Credit2Vcpu svc : sdom.vcpus) {
                svc.budgetQuota = Math.max(sdom.totBudget / sdom.nrVcpus, Credit2Config.MIN_TIMER_NS);
            }
            if (sdom.cap == 0) {
                sdom.budget = sdom.totBudget;
                sdom.nextRepl = now + config.capPeriodNs();
                sdom.replTimer.set(sdom.nextRepl);
                for (Credit2Vcpu svc : sdom.vcpus) {
                    VcpuView v = svc.vcpu;
                    if (v.isRunning()) {
                        int cpu = v.processor();
                        credits.burnCredits(svc.rqd, svc, now);
                        s.pcpu(cpu).rqd.tickled.set(cpu);
                        ctx.tickle(cpu);
                    }
                    svc.budget = 0;
                }
            }
            sdom.cap = cap;
        } else if (sdom.cap != 0) {
            sdom.replTimer.cancel();
            for (Credit2Vcpu svc : sdom.vcpus) {
                svc.budget = Long.MAX_VALUE;
                svc.budgetQuota = 0;
            }
            sdom.cap = 0;
            unpark(takeParked(sdom));
        }
    }
}
