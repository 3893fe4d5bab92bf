package io.github.vsched.credit2;

import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.VcpuView;

/**
 * Choosing the PCPU that should pick up a VCPU just queued: {@code runq_tickle} with
 * {@code tickle_score} and {@code is_preemptable} (4.19 lines 1483-1774), and the SMT idle mask
 * helpers ({@code smt_idle_mask_set/clear}, 690-711).
 *
 * <p>Within the VCPU's runqueue, first an idle PCPU: a wholly idle core, then any idle PCPU not
 * already tickled, the VCPU's own PCPU first and then cyclically; with a soft affinity, its PCPUs
 * are tried before the rest of the hard affinity. With no idle PCPU, the busy untickled PCPU with
 * the best score: the woken VCPU's credit minus the running one's, less the migrate resistance
 * for a PCPU other than its own, plus soft-affinity bonuses; a running VCPU inside its rate limit
 * (less 50 us) is not considered. Nobody is tickled if no score is positive.
 */
final class RunqTickle {
    private final Credit2Scheduler s;
    private final SchedulerContext ctx;
    private final Credit2Config config;
    private final Credit2Trace trace;
    private final Credit2Accounting credits;
    private final PcpuSet mask;
    private final PcpuSet scratch;

    RunqTickle(Credit2Scheduler s, SchedulerContext ctx, Credit2Config config, Credit2Trace trace,
               Credit2Accounting credits) {
        this.s = s;
        this.ctx = ctx;
        this.config = config;
        this.trace = trace;
        this.credits = credits;
        this.mask = new PcpuSet(ctx.pcpuCount());
        this.scratch = new PcpuSet(ctx.pcpuCount());
    }

    /** {@code runq_tickle} for a VCPU just put on its runqueue. */
    void tickle(Credit2Vcpu nw, long now) {
        VcpuView v = nw.vcpu;
        int cpu = v.processor();
        Credit2Runqueue rqd = nw.rqd;
        int ipid = -1;

        // exclusive pinning: its only PCPU idles and is not tickled yet
        if (nw.pinned() && rqd.idle.test(cpu) && !rqd.tickled.test(cpu)) {
            raise(cpu, rqd, nw);
            return;
        }

        boolean hasSoft = nw.hasSoftAffinity();
        for (int step = 0; step < 2; step++) {
            boolean softStep = step == 0;
            if (softStep && !hasSoft) {
                continue;
            }
            nw.balanceMask(softStep, scratch);
            if (config.smtPowerSavings()) {
                mask.copyFrom(rqd.idle).andNot(rqd.smtIdle);
            } else {
                mask.copyFrom(rqd.smtIdle);
            }
            mask.and(scratch);
            int i = mask.testOrCycle(cpu);
            if (i >= 0) {
                raise(i, rqd, nw);
                return;
            }
            mask.copyFrom(rqd.idle).andNot(rqd.tickled).and(scratch);
            i = mask.testOrCycle(cpu);
            if (i >= 0) {
                raise(i, rqd, nw);
                return;
            }
        }

        // scratch holds the hard affinity now: the busy, untickled PCPUs it allows
        mask.copyFrom(rqd.active).andNot(rqd.idle).andNot(rqd.tickled).and(scratch);
        long max = 0;
        if (mask.testAndClear(cpu)) {
            long score = score(nw, cpu, now);
            if (score > max) {
                max = score;
                ipid = cpu;
                if (nw.soft.contains(cpu)) {
                    raise(cpu, rqd, nw);
                    return;
                }
            }
        }
        for (int i = mask.next(0); i >= 0; i = mask.next(i + 1)) {
            long score = score(nw, i, now);
            if (score > max) {
                max = score;
                ipid = i;
            }
        }
        if (ipid >= 0) {
            raise(ipid, rqd, nw);
        }
    }

    /**
     * {@code tickle_score}: how much {@code nw} deserves to preempt what runs on {@code cpu}; -1
     * if that is idle or still inside its rate limit. The running VCPU is charged up to now first.
     */
    long score(Credit2Vcpu nw, int cpu, long now) {
        VcpuView curV = ctx.pcpu(cpu).current();
        if (curV.isIdle() || !isPreemptable(curV, now)) {
            return -1;
        }
        Credit2Vcpu cur = s.state(curV);
        credits.burnCredits(s.pcpu(cpu).rqd, cur, now);
        long score = (long) nw.credit - cur.credit;
        if (nw.vcpu.processor() != cpu) {
            score -= config.migrateResistNs();
        }
        if (score > 0) {
            if (nw.soft.contains(cpu)) {
                score += Credit2Config.CREDIT_INIT;
            }
            if (!cur.soft.contains(cpu)) {
                score += Credit2Config.CREDIT_INIT;
            }
        }
        if (trace.on()) {
            trace.emit(trace.tickleCheck, cpu, curV, cur.credit, score);
        }
        return score;
    }

    /**
     * {@code is_preemptable}: with a rate limit above the 50 us tolerance, a running VCPU may be
     * preempted only once it has run for more than the rate limit less the tolerance.
     */
    boolean isPreemptable(VcpuView running, long now) {
        long ratelimit = s.ratelimitNs();
        if (ratelimit <= Credit2Config.RATELIMIT_TICKLE_TOLERANCE_NS) {
            return true;
        }
        return now - running.stateEntryTime() > ratelimit - Credit2Config.RATELIMIT_TICKLE_TOLERANCE_NS;
    }

    private void raise(int cpu, Credit2Runqueue rqd, Credit2Vcpu nw) {
        if (trace.on()) {
            trace.emit(trace.tickle, cpu, nw.vcpu, cpu, nw.credit);
        }
        tickleCpu(cpu, rqd);
        nw.tickledCpu = cpu;
    }

    /** {@code tickle_cpu}: mark the PCPU tickled, no longer part of a wholly idle core, and raise its softirq. */
    void tickleCpu(int cpu, Credit2Runqueue rqd) {
        rqd.tickled.set(cpu);
        smtIdleClear(cpu, rqd.smtIdle);
        ctx.tickle(cpu);
    }

    /** {@code smt_idle_mask_set}: if every sibling of {@code cpu} is in {@code idlers}, add them all. */
    void smtIdleSet(int cpu, PcpuSet idlers, PcpuSet smtIdle) {
        PcpuSet sib = s.pcpu(cpu).siblings;
        if (sib.subsetOf(idlers)) {
            smtIdle.or(sib);
        }
    }

    /** {@code smt_idle_mask_clear}: if every sibling of {@code cpu} is in the mask, remove them all. */
    void smtIdleClear(int cpu, PcpuSet smtIdle) {
        PcpuSet sib = s.pcpu(cpu).siblings;
        if (sib.subsetOf(smtIdle)) {
            smtIdle.andNot(sib);
        }
    }

    /** The idle and untickled PCPUs of a runqueue, for {@link #smtIdleSet} (a scratch set). */
    PcpuSet idleUntickled(Credit2Runqueue rqd) {
        return mask.copyFrom(rqd.idle).andNot(rqd.tickled);
    }
}
