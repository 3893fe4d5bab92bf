package io.github.vsched.credit;

import static io.github.vsched.credit.CreditPriority.OVER;
import static io.github.vsched.credit.CreditPriority.UNDER;

import io.github.vsched.api.Durations;
import io.github.vsched.api.SchedulerContext;

/**
 * Credit's global accounting state and arithmetic: the system-wide part of Xen 4.0
 * {@code struct csched_private} (sched_credit.c:156-167) with {@code burn_credits} (215-229),
 * {@code __csched_vcpu_acct_start} / {@code _stop_locked} (464-507) and {@code csched_acct}
 * (802-1000; reference 5.1). Arithmetic follows Xen's C types: the {@code uint32_t}
 * quantities wrap modulo 2^32 and every division rounds up exactly where Xen's does.
 */
final class CreditAccounting {
    private static final long U32 = 0xFFFF_FFFFL;
    /** Nanoseconds per credit: 1 ms / CSCHED_CREDITS_PER_MSEC. */
    static final long NS_PER_CREDIT = Durations.MS / 10;

    private final SchedulerContext ctx;
    private CreditConfig config;
    private final CreditTrace trace;

    /** Head of {@code active_sdom}. */
    CreditDomain activeHead;
    /** {@code weight} ({@code uint32_t}). */
    long weight;
    /** {@code credit} ({@code uint32_t}): credits per period, {@code credits_per_tslice} per PCPU. */
    long credit;
    /** {@code credit_balance}: the previous period's sum of active VCPUs' credits. */
    int creditBalance;
    /** {@code runq_sort}: the epoch each PCPU compares with its {@code runq_sort_last}. */
    int runqSort;
    /** Hooks of a scheduler built on credit ({@link CreditExtension#NONE} for plain credit). */
    CreditExtension ext = CreditExtension.NONE;

    private final int pcpus;

    CreditAccounting(SchedulerContext ctx, CreditConfig config, CreditTrace trace, int pcpus) {
        this.ctx = ctx;
        this.config = config;
        this.trace = trace;
        this.pcpus = pcpus;
        this.credit = ((long) config.creditsPerTslice() * pcpus) & U32;
    }

    /** New settings during a run ({@code __csched_set_tslice}: the credit to share follows the tslice). */
    void reconfigure(CreditConfig next) {
        this.config = next;
        this.credit = ((long) next.creditsPerTslice() * pcpus) & U32;
    }

    /**
     * {@code burn_credits}: charge the time since {@code startTime} at 10 credits per ms,
     * rounded to the nearest credit (4.0), or truncated with a carried residual (4.3+), and
     * advance {@code startTime} by exactly the time charged so the remainder carries.
     */
    void burn(CreditVcpu svc, long now) {
        long delta = now - svc.startTime;
        if (delta <= 0) {
            return;
        }
        long credits;
        if (config.creditResidual()) {
            long val = delta * 10 + svc.residual;
            svc.residual = val % Durations.MS;
            credits = val / Durations.MS;
        } else {
            credits = (delta * 10 + Durations.MS / 2) / Durations.MS;
        }
        svc.credit -= (int) credits;
        svc.startTime += credits * NS_PER_CREDIT;
    }

    /** {@code __csched_vcpu_acct_start}: put a VCPU, and its domain if needed, on the active lists. */
    void start(CreditVcpu svc) {
        CreditDomain sdom = svc.domain;
        if (svc.active) {
            return;
        }
        sdom.activeCount++;
        svc.active = true;
        svc.activePrev = null;
        svc.activeNext = sdom.activeHead;
        if (sdom.activeHead != null) {
            sdom.activeHead.activePrev = svc;
        }
        sdom.activeHead = svc;
        if (config.weightPerVcpu()) {
            weight = (weight + sdom.weight) & U32;
        }
        if (!sdom.active) {
            linkDomainAtHead(sdom);
            if (!config.weightPerVcpu()) {
                weight = (weight + sdom.weight) & U32;
            }
        }
        if (trace.on()) {
            trace.emit(trace.acctStart, -1, svc.view, sdom.activeCount, svc.credit);
        }
    }

    /** {@code __csched_vcpu_acct_stop_locked}. */
    void stop(CreditVcpu svc) {
        CreditDomain sdom = svc.domain;
        sdom.activeCount--;
        CreditVcpu p = svc.activePrev;
        CreditVcpu n = svc.activeNext;
        if (p == null) {
            sdom.activeHead = n;
        } else {
            p.activeNext = n;
        }
        if (n != null) {
            n.activePrev = p;
        }
        svc.activePrev = null;
        svc.activeNext = null;
        svc.active = false;
        if (config.weightPerVcpu()) {
            weight = (weight - sdom.weight) & U32;
        }
        if (sdom.activeHead == null) {
            unlinkDomain(sdom);
            if (!config.weightPerVcpu()) {
                weight = (weight - sdom.weight) & U32;
            }
        }
        if (trace.on()) {
            trace.emit(trace.acctStop, -1, svc.view, sdom.activeCount, svc.credit);
        }
    }

    /** The weight a domain contributes to the global weight now. */
    long weightOf(CreditDomain sdom) {
        return config.weightPerVcpu() ? (long) sdom.weight * sdom.activeCount : sdom.weight;
    }

    /** {@code csched_dom_cntl} putinfo: a weight change updates the global weight if active. */
    void setWeight(CreditDomain sdom, int newWeight) {
        if (sdom.active) {
            weight = (weight - weightOf(sdom)) & U32;
            sdom.weight = newWeight;
            weight = (weight + weightOf(sdom)) & U32;
        } else {
            sdom.weight = newWeight;
        }
    }

    /**
     * {@code csched_acct}: share out one period's credits among the active domains by weight,
     * recompute the priority of every active VCPU, clip, deactivate, park and unpark.
     */
    void acct() {
        long weightTotal = weight;
        long creditTotal = credit;
        int prevBalance = creditBalance;
        // converge the balance towards 0 when it drops negative
        if (prevBalance < 0) {
            creditTotal = (creditTotal - prevBalance) & U32;
        }
        if (weightTotal == 0) {
            creditBalance = 0;
            if (trace.on()) {
                trace.emit(trace.acct, -1, null, 0, creditTotal);
            }
            return; // Xen skips the re-sort epoch too
        }
        if (trace.on()) {
            trace.emit(trace.acct, -1, null, weightTotal, creditTotal);
        }
        final int perTslice = config.creditsPerTslice();
        final boolean perVcpu = config.weightPerVcpu();
        long weightLeft = weightTotal;
        int balance = 0;
        boolean xtra = false;
        long creditCap = 0;

        CreditDomain sdom = activeHead;
        while (sdom != null) {
            CreditDomain nextDom = sdom.activeNext; // list_for_each_safe
            int count = sdom.activeCount;
            long w = perVcpu ? (long) sdom.weight * count : sdom.weight;
            weightLeft = (weightLeft - w) & U32;

            // at most all active VCPUs for a full period, more only when the balance is negative
            long peak = ((long) count * perTslice) & U32;
            if (prevBalance < 0) {
                peak = (peak + ((((long) -prevBalance * w) + (weightTotal - 1)) & U32) / weightTotal) & U32;
            }
            if (sdom.cap != 0) {
                creditCap = ((long) sdom.cap * perTslice + 99) / 100;
                if (creditCap < peak) {
                    peak = creditCap;
                }
                creditCap = (creditCap + (count - 1)) / count;
            }
            long fair = (((creditTotal * w) & U32) + (weightTotal - 1)) & U32;
            fair = fair / weightTotal;
            if (fair < peak) {
                xtra = true;
            } else {
                if (weightLeft != 0) {
                    // hand the surplus to the domains after this one
                    long give = ((((fair - peak) * weightTotal) & U32) + (weightLeft - 1)) & U32;
                    creditTotal = (creditTotal + give / weightLeft) & U32;
                }
                if (xtra) {
                    // lazily keep domains with extra credits at the head
                    unlinkDomain(sdom);
                    linkDomainAtHead(sdom);
                }
                fair = peak;
            }
            long perVcpuCredit = ((fair + (count - 1)) & U32) / count;

            CreditVcpu svc = sdom.activeHead;
            while (svc != null) {
                CreditVcpu nextVcpu = svc.activeNext;
                balance += accountVcpu(svc, sdom, (int) perVcpuCredit, creditCap, perTslice);
                svc = nextVcpu;
            }
            sdom = nextDom;
        }
        creditBalance = balance;
        runqSort++;
    }

    /** The per-VCPU body of {@code csched_acct}; returns the VCPU's contribution to the balance. */
    private int accountVcpu(CreditVcpu svc, CreditDomain sdom, int add, long creditCap, int perTslice) {
        int oldPri = svc.pri;
        svc.credit = ext.accountCredit(svc.view, svc.credit, add);
        int c = svc.credit;
        if (c < 0) {
            svc.pri = ext.accountPriority(svc.view, OVER, oldPri);
            reprioritized(svc, oldPri);
            // park VCPUs of capped-out domains
            if (sdom.cap != 0 && c < -creditCap && !svc.parked) {
                if (trace.on()) {
                    trace.emit(trace.park, -1, svc.view, c, -creditCap);
                }
                ctx.pause(svc.view);
                svc.parked = true;
            }
            if (c < -perTslice) {
                c = -perTslice;
                svc.credit = c;
            }
        } else {
            svc.pri = ext.accountPriority(svc.view, UNDER, oldPri);
            reprioritized(svc, oldPri);
            if (svc.parked) {
                // clear the flag after the unpause so that its wake does not boost (5.3)
                if (trace.on()) {
                    trace.emit(trace.unpark, -1, svc.view, c, 0);
                }
                ctx.unpause(svc.view);
                svc.parked = false;
            }
            if (c > perTslice) {
                stop(svc);
                c = config.inactiveCreditHalving() ? c / 2 : 0;
                svc.credit = c;
            }
        }
        if (trace.on()) {
            trace.emit(trace.credit, -1, svc.view, c, add);
        }
        return c;
    }

    private void reprioritized(CreditVcpu svc, int oldPri) {
        if (svc.pri != oldPri) {
            if (svc.runq != null) {
                svc.runq.reprioritized(svc, oldPri);
            }
            if (trace.on()) {
                trace.emit(trace.pri, -1, svc.view, svc.pri, oldPri);
            }
        }
    }

    private void linkDomainAtHead(CreditDomain sdom) {
        sdom.activePrev = null;
        sdom.activeNext = activeHead;
        if (activeHead != null) {
            activeHead.activePrev = sdom;
        }
        activeHead = sdom;
        sdom.active = true;
    }

    private void unlinkDomain(CreditDomain sdom) {
        CreditDomain p = sdom.activePrev;
        CreditDomain n = sdom.activeNext;
        if (p == null) {
            activeHead = n;
        } else {
            p.activeNext = n;
        }
        if (n != null) {
            n.activePrev = p;
        }
        sdom.activePrev = null;
        sdom.activeNext = null;
        sdom.active = false;
    }
}
