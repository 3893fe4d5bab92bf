package io.github.vsched.credit;

import static io.github.vsched.credit.CreditPriority.BOOST;
import static io.github.vsched.credit.CreditPriority.OVER;
import static io.github.vsched.credit.CreditPriority.UNDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.ScheduleDecision;
import io.github.vsched.api.Topology;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.FixedCostPlatform;

import org.junit.jupiter.api.Test;

/**
 * The scheduler hooks (wake, tickle, schedule, load balance, tick, pick_cpu, rate limit, tick
 * stop) on the real engine driven step by step ({@link DrivenCredit}), each test named after
 * the rule it checks with its reference section. Ticks are aligned (10, 20, 30 ms ...) and the
 * accounting pass runs at 30 ms. The engine acts on a tickle at once, so where a rule needs a
 * VCPU to stay queued, the tests keep the other PCPUs busy (or let the target leave a C-state).
 */
class CreditHooksTest {
    private static final long MS = 1_000_000;
    private static final long US = 1_000;

    private static DrivenCredit driven(int pcpus, String... params) {
        String[] p = new String[params.length + 2];
        p[0] = "tickPhase";
        p[1] = "aligned";
        System.arraycopy(params, 0, p, 2, params.length);
        return new DrivenCredit(pcpus, p);
    }

    /** Wakes {@code v} and runs schedule on its PCPU; returns what runs there. */
    private static VcpuView wakeAndRun(DrivenCredit m, VcpuView v) {
        m.wake(v);
        return m.schedule(v.processor());
    }


    // ------------------------------------------------------------------ 7.1 wake

    @Test
    void wakeBoostsOnlyFromUnder() {
        // reference 7.1: UNDER -> BOOST on wake; OVER stays OVER; BOOST stays BOOST
        // (a BOOST hog runs, so that neither waker preempts and both stay queued)
        DrivenCredit m = driven(1);
        VcpuView hog = m.vcpu("hog", 256, 0, 0);
        VcpuView u = m.vcpu("u", 256, 0, 0);
        VcpuView o = m.vcpu("o", 256, 0, 0);
        wakeAndRun(m, hog);
        m.sched.state(o).pri = OVER;
        m.wake(u);
        m.wake(o);
        assertThat(m.pri(u)).isEqualTo(BOOST);
        assertThat(m.pri(o)).isEqualTo(OVER);
        assertThat(m.queue(0)).containsExactly("uv0", "ov0");
    }

    @Test
    void wakingOverVcpuIsNotBoostedAndDoesNotPreemptUnder() {
        // reference 7.1: OVER wakes as OVER and preempts only idle
        DrivenCredit m = driven(1);
        VcpuView h = m.vcpu("hog", 256, 0, 0);
        VcpuView o = m.vcpu("o", 256, 0, 0);
        wakeAndRun(m, h);
        m.sched.state(h).pri = UNDER;
        m.sched.state(o).pri = OVER;
        m.clearTickles();
        m.wake(o);
        assertThat(m.pri(o)).isEqualTo(OVER);
        assertThat(m.tickles).isEmpty();
    }

    @Test
    void boostNeverPreemptsBoost() {
        // reference 7.1 / 13.1: preemption needs strictly higher priority
        DrivenCredit m = driven(1);
        VcpuView a = m.vcpu("a", 256, 0, 0);
        VcpuView b = m.vcpu("b", 256, 0, 0);
        assertThat(wakeAndRun(m, a)).isSameAs(a);
        assertThat(m.pri(a)).isEqualTo(BOOST);
        m.clearTickles();
        m.wake(b);
        assertThat(m.pri(b)).isEqualTo(BOOST);
        assertThat(m.tickles).isEmpty();
        assertThat(m.queue(0)).containsExactly("bv0");
    }

    @Test
    void boostPreemptsUnder() {
        // reference 7.1: BOOST > UNDER, so the waker tickles its PCPU and runs at once
        DrivenCredit m = driven(1);
        VcpuView a = m.vcpu("a", 256, 0, 0);
        VcpuView b = m.vcpu("b", 256, 0, 0);
        wakeAndRun(m, a);
        m.advanceTo(10 * MS); // the tick demotes a to UNDER
        assertThat(m.pri(a)).isEqualTo(UNDER);
        m.clearTickles();
        m.wake(b);
        assertThat(m.tickles).containsExactly(0);
        assertThat(m.current(0)).isSameAs(b); // the engine acts on the tickle at once
        assertThat(m.queue(0)).containsExactly("av0"); // a requeued behind nothing of its class
    }

    @Test
    void underPreemptsOver() {
        // reference 7.1 / 5.3: an unparked VCPU wakes as UNDER (no boost) and preempts an OVER
        // current VCPU, but not an UNDER one
        DrivenCredit m = driven(1);
        VcpuView hog = m.vcpu("hog", 256, 0, 0);
        VcpuView p = m.vcpu("capped", 256, 10, 0);
        wakeAndRun(m, hog);
        m.wake(p); // queued behind the BOOST hog
        CreditVcpu sp = m.sched.state(p);
        m.sched.accounting().start(sp);
        m.sched.accounting().start(m.sched.state(hog));
        m.ctx.pause(p); // parked as accounting parks: paused, out of the runq
        sp.parked = true;
        sp.credit = -10; // + min(fair 150, cap ceil(10*300/100) = 30) = 20 >= 0: unpark
        m.sched.state(hog).pri = OVER;
        m.sched.state(hog).credit = -400; // + 150 -> -250: stays OVER
        m.clearTickles();
        m.sched.accounting().acct();
        assertThat(m.sched.isParked(p)).isFalse();
        assertThat(m.pri(p)).isEqualTo(UNDER);
        assertThat(m.pri(hog)).isEqualTo(OVER);
        assertThat(m.tickles).containsExactly(0);
        assertThat(m.schedule(0)).isSameAs(p);
    }

    @Test
    void wakeOfRunningOrQueuedVcpuChangesNothing() {
        // reference 10: csched_vcpu_wake returns early
        DrivenCredit m = driven(1);
        VcpuView a = m.vcpu("a", 256, 0, 0);
        VcpuView b = m.vcpu("b", 256, 0, 0);
        wakeAndRun(m, a);
        m.wake(b); // queued behind the BOOST a
        m.sched.state(a).pri = UNDER;
        m.clearTickles();
        m.sched.wake(a);
        m.sched.wake(b);
        assertThat(m.pri(a)).isEqualTo(UNDER);
        assertThat(m.queue(0)).containsExactly("bv0");
        assertThat(m.tickles).isEmpty();
    }

    @Test
    void wakeOnBusyPcpuTicklesAllIdlersInAffinity() {
        // reference 7.1 (4.0.0): cur busy -> every idler in new's affinity, even when new also
        // preempts; here PCPU 0 (strictly higher) and idlers 2, 3 (1 is outside the affinity)
        DrivenCredit m = driven(4);
        VcpuView h = m.vcpu("hog", 256, 0, 0);
        VcpuView w = m.vcpu("w", 256, 0, 0, CpuMask.of(0, 2, 3));
        wakeAndRun(m, h);
        m.sched.state(h).pri = UNDER;
        m.clearTickles();
        m.wake(w);
        assertThat(m.tickles).containsExactly(0, 2, 3);
    }

    @Test
    void tickleOneIdleTicklesOneIdlerRoundRobin() {
        // reference 7.2 (4.1): one idler, cycling through last_tickle_cpu of the waking CPU
        // (woken from outside any PCPU, the waking CPU is the VCPU's, 0)
        DrivenCredit m = driven(4, "tickleOneIdle", "true");
        DomainView d = m.domain("d", 256, 0, 0, 0, 0);
        VcpuView h = d.vcpus().get(0);
        VcpuView w1 = d.vcpus().get(1);
        VcpuView w2 = d.vcpus().get(2);
        wakeAndRun(m, h);
        m.sched.state(h).pri = BOOST;
        m.clearTickles();
        m.wake(w1); // BOOST does not preempt BOOST; one idler after last_tickle_cpu 0: 1
        assertThat(m.tickles).containsExactly(1);
        m.clearTickles();
        m.wake(w2);
        assertThat(m.tickles).containsExactly(2);
    }

    // ------------------------------------------------------------------ 8.1 schedule

    @Test
    void scheduleRequeuesTheCurrentVcpuBehindItsEqualsAndGivesAFreshSlice() {
        // reference 8.1: slice expiry puts the current VCPU behind every VCPU of its priority;
        // every pass returns the full tslice (30 ms) for a guest, none for idle
        DrivenCredit m = driven(1);
        VcpuView a = m.vcpu("a", 256, 0, 0);
        VcpuView b = m.vcpu("b", 256, 0, 0);
        VcpuView c = m.vcpu("c", 256, 0, 0);
        assertThat(wakeAndRun(m, a)).isSameAs(a); // its wake's tickle of the idle PCPU ran it
        assertThat(m.lastSlice[0]).isEqualTo(30 * MS);
        m.wake(b);
        m.wake(c);
        for (VcpuView v : new VcpuView[] {a, b, c}) {
            m.sched.state(v).pri = UNDER;
        }
        m.sched.runq(0).recomputeOrder();
        assertThat(m.schedule(0)).isSameAs(b); // a goes behind c
        assertThat(m.lastSlice[0]).isEqualTo(30 * MS);
        assertThat(m.queue(0)).containsExactly("cv0", "av0");
        m.block(b);
        m.block(c);
        assertThat(m.current(0)).isSameAs(a);
        m.block(a);
        assertThat(m.current(0).isIdle()).isTrue();
        assertThat(m.lastSlice[0]).isEqualTo(ScheduleDecision.NO_SLICE);
        assertThat(m.sched.isIdler(0)).isTrue();
    }

    @Test
    void blockedVcpuKeepsItsPriorityAndIsChargedUpToNow() {
        // reference 10: block burns credits up to now; pri unchanged (a BOOST stays BOOST)
        DrivenCredit m = driven(1);
        VcpuView a = m.vcpu("a", 256, 0, 0);
        wakeAndRun(m, a);
        m.advanceTo(3 * MS);
        m.block(a);
        assertThat(m.pri(a)).isEqualTo(BOOST);
        assertThat(m.credit(a)).isEqualTo(-30);
    }

    @Test
    void sleepRemovesAQueuedVcpu() {
        // reference 10: csched_vcpu_sleep dequeues a queued VCPU
        DrivenCredit m = driven(1);
        VcpuView a = m.vcpu("a", 256, 0, 0);
        VcpuView b = m.vcpu("b", 256, 0, 0);
        wakeAndRun(m, a);
        m.wake(b);
        m.ctx.pause(b);
        assertThat(m.queue(0)).isEmpty();
        m.ctx.unpause(b);
        assertThat(m.queue(0)).containsExactly("bv0");
    }

    @Test
    void yieldIn40OnlyRequeuesBehindEquals() {
        // reference 10 (4.0): do_yield just reschedules; an UNDER yielder goes behind UNDERs only
        DrivenCredit m = driven(1);
        VcpuView y = m.vcpu("y", 256, 0, 0);
        VcpuView o = m.vcpu("o", 256, 0, 0);
        wakeAndRun(m, y);
        m.sched.state(y).pri = UNDER;
        m.sched.state(o).pri = OVER;
        m.wake(o);
        m.sched.yield(y);
        assertThat(m.schedule(0)).isSameAs(y);
    }

    @Test
    void yieldFlagPutsTheYielderBehindOneLowerPriorityVcpu() {
        // reference 6.1 / 10 (4.1): behind one OVER, so the OVER VCPU runs
        DrivenCredit m = driven(1, "yieldFlag", "true");
        VcpuView y = m.vcpu("y", 256, 0, 0);
        VcpuView o = m.vcpu("o", 256, 0, 0);
        wakeAndRun(m, y);
        m.sched.state(y).pri = UNDER;
        m.sched.state(o).pri = OVER;
        m.wake(o);
        m.sched.yield(y);
        assertThat(m.schedule(0)).isSameAs(o);
        assertThat(m.queue(0)).containsExactly("yv0");
        assertThat(m.sched.state(y).yielding).isFalse(); // 4.1-4.17: cleared when scheduled out
    }

    // ------------------------------------------------------------------ 8.3 load balancing

    /** Two PCPUs: a and b run BOOST on PCPU 0 (b queued); PCPU 1 idle. */
    @Test
    void idlePcpuStealsQueuedWorkAndTheStolenVcpuKeepsItsPriority() {
        // reference 8.3: stealing does not go through wake, so BOOST stays BOOST
        DrivenCredit m = driven(2);
        VcpuView a = m.vcpu("a", 256, 0, 0);
        VcpuView b = m.vcpu("b", 256, 0, 0);
        wakeAndRun(m, a);
        m.clearTickles();
        m.wake(b); // BOOST vs BOOST: no preemption; PCPU 0 busy -> idler 1 tickled
        assertThat(m.tickles).containsExactly(1);
        assertThat(m.current(1)).isSameAs(b); // the engine acts on the tickle at once
        assertThat(b.processor()).isEqualTo(1);
        assertThat(m.pri(b)).isEqualTo(BOOST);
        assertThat(m.sched.isIdler(1)).isFalse();
    }

    @Test
    void overPcpuStealsOnlyStrictlyHigherPriority() {
        // reference 8.3: a PCPU whose head is OVER steals UNDER or BOOST, never OVER
        DrivenCredit m = driven(2);
        VcpuView a = m.vcpu("a", 256, 0, 0);
        VcpuView qo = m.vcpu("qo", 256, 0, 0);
        VcpuView c = m.vcpu("c", 256, 0, 1);
        wakeAndRun(m, a);
        wakeAndRun(m, c);
        m.sched.state(qo).pri = OVER;
        m.wake(qo); // queued OVER on PCPU 0
        m.sched.state(c).pri = OVER;
        assertThat(m.schedule(1)).isSameAs(c); // c OVER: the peer's OVER is not strictly higher
        assertThat(m.queue(0)).containsExactly("qov0");
        m.sched.state(qo).pri = UNDER;
        m.sched.runq(0).recomputeOrder();
        assertThat(m.schedule(1)).isSameAs(qo);
        assertThat(m.queue(1)).containsExactly("cv0");
    }

    @Test
    void stealSkipsRunningCacheHotAndDisallowedVcpus() {
        // reference 8.3: not is_running (context-switch tail), not cache-hot
        // (vcpu_migration_delay), and this PCPU in the affinity. PCPU 1 runs x while the
        // queues are built (so no idler is tickled) and balances when x blocks.
        // is_running: with 1 ns context switches, tail is still being switched out on PCPU 0
        // (no migration delay here: tail ran until now, so it would also be cache-hot)
        DrivenCredit m = new DrivenCredit(FixedCostPlatform.ideal(2).withContextSwitch(1), "tickPhase", "aligned");
        VcpuView a = m.vcpu("a", 256, 0, 0);
        VcpuView tail = m.vcpu("tail", 256, 0, 0);
        VcpuView ok = m.vcpu("ok", 256, 0, 0);
        VcpuView x = m.vcpu("x", 256, 0, 1);
        m.advanceTo(1 * MS);
        wakeAndRun(m, tail);
        wakeAndRun(m, x);
        m.advanceTo(2 * MS);
        m.sched.state(tail).pri = UNDER;
        m.wake(a); // BOOST preempts tail, which is requeued and still running until its context is saved
        assertThat(m.current(0)).isSameAs(a);
        assertThat(tail.isRunning()).isTrue();
        m.sched.state(tail).pri = BOOST;
        m.sched.runq(0).recomputeOrder();
        m.wake(ok);
        assertThat(m.queue(0)).containsExactly("tailv0", "okv0");
        m.block(x);
        assertThat(m.current(1)).isSameAs(ok);
        assertThat(m.queue(0)).containsExactly("tailv0");

        // cache-hot (ran 500 us ago, delay 1 ms) and pinned to PCPU 0
        DrivenCredit n = driven(2, "vcpuMigrationDelayUs", "1000");
        VcpuView a2 = n.vcpu("a", 256, 0, 0);
        VcpuView hot = n.vcpu("hot", 256, 0, 0);
        VcpuView pinned = n.vcpu("pinned", 256, 0, 0, CpuMask.of(0));
        VcpuView ok2 = n.vcpu("ok", 256, 0, 0);
        VcpuView x2 = n.vcpu("x", 256, 0, 1);
        n.advanceTo(4 * MS);
        wakeAndRun(n, hot);
        wakeAndRun(n, x2);
        n.advanceTo(5 * MS - 500 * US);
        n.block(hot);
        assertThat(hot.lastRunTime()).isEqualTo(5 * MS - 500 * US);
        n.advanceTo(5 * MS);
        wakeAndRun(n, a2);
        n.wake(hot);
        n.wake(pinned);
        n.wake(ok2);
        assertThat(n.queue(0)).containsExactly("hotv0", "pinnedv0", "okv0");
        n.block(x2);
        assertThat(n.current(1)).isSameAs(ok2);
        assertThat(n.queue(0)).containsExactly("hotv0", "pinnedv0");
    }

    @Test
    void loadBalanceVisitsPeersCyclicallyFromTheNextPcpu() {
        // reference 8.3: workers in cyclic order starting after self; PCPU 2 tries 3, then 0
        // (PCPU 2 runs x while the queues are built, so that no idler is tickled, then x blocks)
        DrivenCredit m = driven(4);
        VcpuView[] run = new VcpuView[4];
        VcpuView[] queued = new VcpuView[4];
        VcpuView x = m.vcpu("x", 256, 0, 2);
        wakeAndRun(m, x);
        for (int c : new int[] {0, 1, 3}) {
            run[c] = m.vcpu("r" + c, 256, 0, c);
            queued[c] = m.vcpu("q" + c, 256, 0, c);
            wakeAndRun(m, run[c]);
        }
        for (int c : new int[] {0, 1, 3}) {
            m.wake(queued[c]);
        }
        m.block(x);
        assertThat(m.current(2)).isSameAs(queued[3]);
        m.block(queued[3]); // PCPU 3 has nothing queued now: next is PCPU 0
        assertThat(m.current(2)).isSameAs(queued[0]);
    }

    @Test
    void noStealFromAnIdlePeer() {
        // reference 8.3: only PCPUs outside idlers are visited; an idle peer picks up its own work.
        // PCPU 0 leaves a C-state before acting on the tickle, so a stays queued meanwhile.
        DrivenCredit m = new DrivenCredit(FixedCostPlatform.ideal(2).withCstateExit(50 * US), "tickPhase", "aligned");
        VcpuView a = m.vcpu("a", 256, 0, 0);
        m.wake(a); // queued on PCPU 0, which still runs idle (its schedule not run yet)
        assertThat(m.schedule(1).isIdle()).isTrue();
        assertThat(m.queue(0)).containsExactly("av0");
    }

    @Test
    void noStealYieldedSkipsAYielderQueuedAfterItsYield() {
        // reference 6.1 (4.18): the yield flag lasts while queued and load balancers skip it
        // (PCPU 1 runs x, so that o's wake tickles no idler, until x blocks)
        DrivenCredit m = driven(2, "yieldFlag", "true", "noStealYielded", "true");
        VcpuView y = m.vcpu("y", 256, 0, 0);
        VcpuView o = m.vcpu("o", 256, 0, 0);
        VcpuView x = m.vcpu("x", 256, 0, 1);
        wakeAndRun(m, y);
        wakeAndRun(m, x);
        m.sched.state(y).pri = UNDER;
        m.sched.state(o).pri = OVER;
        m.wake(o);
        m.sched.yield(y);
        assertThat(m.schedule(0)).isSameAs(o);
        assertThat(m.sched.state(y).yielding).isTrue();
        m.block(x);
        assertThat(m.current(1).isIdle()).isTrue();
        assertThat(m.queue(0)).containsExactly("yv0");
    }

    // ------------------------------------------------------------------ 4.1 tick

    @Test
    void tickDemotesBoostWithoutRescheduling() {
        // reference 4.1.1.a: BOOST -> UNDER at the tick; nothing reschedules
        DrivenCredit m = driven(1);
        VcpuView a = m.vcpu("a", 256, 0, 0);
        VcpuView b = m.vcpu("b", 256, 0, 0);
        wakeAndRun(m, a);
        m.wake(b); // BOOST queued behind BOOST a
        m.clearTickles();
        m.advanceTo(10 * MS);
        assertThat(m.pri(a)).isEqualTo(UNDER);
        assertThat(m.tickles).isEmpty();
        assertThat(m.current(0)).isSameAs(a);
        assertThat(m.credit(a)).isEqualTo(-100);
        assertThat(m.sched.isActive(a)).isTrue(); // 4.1.1.c: caught running -> active
    }

    @Test
    void vcpuNeverCaughtByATickStaysInactiveAndIsStillCharged() {
        // reference 4.1.1.c / 4.2: runs 1-3 ms of each 10 ms; ticks at 10, 20, 30 ms find it
        // blocked; accounting at 30 ms gives it nothing
        DrivenCredit m = driven(1);
        VcpuView v = m.vcpu("v", 256, 0, 0);
        for (int period = 0; period < 6; period++) {
            long base = period * 10 * MS;
            m.advanceTo(base + 1 * MS);
            wakeAndRun(m, v);
            m.advanceTo(base + 3 * MS);
            m.block(v);
        }
        assertThat(m.sched.isActive(v)).isFalse();
        assertThat(m.credit(v)).isEqualTo(-120);
        assertThat(m.pri(v)).isEqualTo(BOOST); // never recomputed while inactive
    }

    @Test
    void accountingTurnsAQueuedBoostVcpuIntoUnder() {
        // reference 5.1 / 13.6: accounting overwrites BOOST on every active VCPU, queued ones too
        DrivenCredit m = driven(1);
        VcpuView a = m.vcpu("a", 256, 0, 0);
        VcpuView b = m.vcpu("b", 256, 0, 0);
        m.advanceTo(1 * MS); // b's slice then ends at 31 ms, after the pass at 30 ms
        wakeAndRun(m, b);
        m.sched.accounting().start(m.sched.state(a)); // a active from an earlier run
        m.wake(a); // UNDER -> BOOST, queued behind the BOOST b (no preemption)
        assertThat(m.pri(a)).isEqualTo(BOOST);
        m.advanceTo(10 * MS); // b caught running: active, UNDER; a stays queued BOOST
        m.advanceTo(30 * MS); // ticks at 20, 30 ms, then accounting: a gets 0 + 150
        assertThat(m.pri(a)).isEqualTo(UNDER);
        assertThat(m.credit(a)).isEqualTo(150);
        assertThat(m.queue(0)).containsExactly("av0");
    }

    @Test
    void runqIsResortedAtTheFirstTickAfterAccountingKeepingRelativeOrder() {
        // reference 6.2: at the tick after csched_acct, UNDERs move ahead of OVERs, each group
        // keeping its order; not before that tick
        DrivenCredit m = driven(1);
        VcpuView h = m.vcpu("h", 256, 0, 0);
        VcpuView[] q = new VcpuView[4];
        wakeAndRun(m, h);
        for (int i = 0; i < 4; i++) {
            q[i] = m.vcpu("q" + i, 256, 0, 0);
            m.wake(q[i]);
            m.sched.state(q[i]).pri = UNDER;
            m.sched.accounting().start(m.sched.state(q[i]));
        }
        m.sched.runq(0).recomputeOrder();
        // q0, q2 deep in debt: OVER after accounting; q1, q3 UNDER
        m.sched.state(q[0]).credit = -1000;
        m.sched.state(q[2]).credit = -1000;
        m.sched.accounting().acct();
        assertThat(m.queue(0)).containsExactly("q0v0", "q1v0", "q2v0", "q3v0");
        m.advanceTo(10 * MS);
        assertThat(m.queue(0)).containsExactly("q1v0", "q3v0", "q0v0", "q2v0");
    }

    @Test
    void tickMigrateCheckMovesARunningActiveVcpuToAnIdlerCore() {
        // reference 4.1.1.d / 9.2: on 1 socket x 2 cores x 2 threads, a VCPU on thread 0 whose
        // sibling is busy is better off on the idle core (2 idle threads vs 1)
        DrivenCredit m = new DrivenCredit(Topology.regular(1, 2, 2, 1), "tickPhase", "aligned");
        VcpuView v = m.vcpu("v", 256, 0, 0);
        VcpuView s = m.vcpu("s", 256, 0, 1);
        wakeAndRun(m, v);
        wakeAndRun(m, s);
        m.advanceTo(10 * MS); // first tick: activation only
        assertThat(m.migrations).isEmpty();
        m.advanceTo(20 * MS); // active now: the pick says core 1
        assertThat(m.migrations).contains(v);
    }

    @Test
    void migrationWakeReboostsIn40() {
        // reference 3.6 / 13.9: the wake that completes a migration boosts an UNDER VCPU
        for (boolean noBoost : new boolean[] {false, true}) {
            DrivenCredit m = new DrivenCredit(Topology.regular(1, 2, 2, 1), "tickPhase", "aligned",
                    "noBoostOnMigrate", Boolean.toString(noBoost));
            VcpuView v = m.vcpu("v", 256, 0, 0);
            VcpuView s = m.vcpu("s", 256, 0, 1);
            wakeAndRun(m, v);
            wakeAndRun(m, s);
            m.advanceTo(10 * MS);
            assertThat(m.pri(v)).isEqualTo(UNDER);
            m.advanceTo(20 * MS); // the tick's migrate check: descheduled, moved through pick_cpu and wake
            assertThat(m.migrations).contains(v);
            assertThat(v.processor()).isIn(2, 3);
            assertThat(m.pri(v)).as("noBoostOnMigrate=%s", noBoost).isEqualTo(noBoost ? UNDER : BOOST);
        }
    }

    // ------------------------------------------------------------------ 9.2 pick_cpu

    @Test
    void pickCpuCountsTheCurrentCpuAsIdleOnFlatTopologies() {
        // reference 9.2: 4.0 may keep the VCPU on its busy CPU when neighbour counts are equal
        DrivenCredit m = driven(4);
        VcpuView v = m.vcpu("v", 256, 0, 0);
        wakeAndRun(m, v);
        assertThat(m.sched.pickCpu(v, true)).isEqualTo(0);
    }

    @Test
    void pickCpuKeepsTheVcpuWhereItIsOnAQ6600() {
        // reference 9.2 and 13.10: the Q6600 is one socket of four single-thread cores (two L2
        // pairs, which 4.0's pick ignores); sibling counts are always 1 against 1, so pick_cpu
        // returns the VCPU's own CPU and the tick's migrate check never fires
        DrivenCredit m = new DrivenCredit(Topology.regular(1, 4, 1, 2), "tickPhase", "aligned");
        VcpuView v = m.vcpu("v", 256, 0, 0);
        VcpuView w = m.vcpu("w", 256, 0, 2);
        wakeAndRun(m, v);
        wakeAndRun(m, w);
        for (int i = 1; i <= 5; i++) {
            m.advanceTo(i * 10 * MS);
        }
        assertThat(m.sched.isActive(v)).isTrue();
        assertThat(m.migrations).isEmpty();
        assertThat(m.sched.pickCpu(v, true)).isEqualTo(0);
        assertThat(m.sched.pickCpu(w, true)).isEqualTo(2);
    }

    @Test
    void pickCpuSpreadsAcrossSocketsRoundRobinOnIdleBias() {
        // reference 9.2: 2 sockets x 2 cores; socket 0 has 1 idler (the VCPU's own CPU counts),
        // socket 1 has 2 -> move, choosing round robin from socket 1's idle_bias
        DrivenCredit m = new DrivenCredit(Topology.regular(2, 2, 1, 1), "tickPhase", "aligned");
        VcpuView v = m.vcpu("v", 256, 0, 0);
        VcpuView w = m.vcpu("w", 256, 0, 1);
        wakeAndRun(m, v);
        wakeAndRun(m, w);
        assertThat(m.sched.pickCpu(v, true)).isEqualTo(2);
        assertThat(m.sched.pickCpu(v, true)).isEqualTo(3);
        assertThat(m.sched.pickCpu(v, false)).isEqualTo(2);
        assertThat(m.sched.pickCpu(v, false)).isEqualTo(2); // no commit, no rotation
        m.block(v); // its CPU is now idle, as the pick counted it anyway
        m.driver.setAffinity(v, CpuMask.of(0, 1, 3));
        assertThat(m.sched.pickCpu(v, true)).isEqualTo(3); // never outside the affinity
    }

    // ------------------------------------------------------------------ 5.3 caps

    @Test
    void cappedVcpuIsParkedAndUnparkedWithoutBoost() {
        // reference 5.3: below -ceil(cap credits / active VCPUs) at accounting -> paused and
        // PARKED; unpaused at the first pass with credit >= 0, waking as UNDER
        DrivenCredit m = driven(1);
        VcpuView c = m.vcpu("c", 256, 50, 0);
        wakeAndRun(m, c);
        CreditVcpu sc = m.sched.state(c);
        m.advanceTo(10 * MS); // activated
        sc.credit = -400; // as if it had overrun; the cap is ceil(50*300/100) = 150 per period
        m.advanceTo(30 * MS); // tick at 20 burns 100 -> -500; accounting at 30: -350 < -150
        assertThat(m.sched.isParked(c)).isTrue();
        assertThat(c.isPaused()).isTrue();
        assertThat(m.creditAfterAcct.get(c)).isEqualTo(-300); // clipped after the park decision
        // the engine runs PCPU 0's tick of 30 ms after the accounting timer of the same instant
        // (the hand-driven fake ran it before): it charges the still-current VCPU 100 more
        assertThat(m.credit(c)).isEqualTo(-400);
        assertThat(m.current(0).isIdle()).isTrue(); // the pause's reschedule ran at once
        m.advanceTo(60 * MS); // -400 + 150 = -250: still parked
        assertThat(m.sched.isParked(c)).isTrue();
        m.advanceTo(90 * MS); // -250 + 150 = -100: still parked
        assertThat(m.sched.isParked(c)).isTrue();
        m.advanceTo(120 * MS); // -100 + 150 = 50 -> UNDER, unparked, woken without boost
        assertThat(m.sched.isParked(c)).isFalse();
        assertThat(m.pri(c)).isEqualTo(UNDER);
        assertThat(m.current(0)).isSameAs(c); // its wake's tickle of the idle PCPU ran at once
    }

    // ------------------------------------------------------------------ 8.2 rate limit

    @Test
    void ratelimitDefersABoostPreemptionByTheFullLimitBefore48() {
        // reference 8.2.1 (4.2-4.7): runtime 300 us < 1 ms -> cur continues for a full 1 ms
        DrivenCredit m = driven(1, "xenVersion", "4.2");
        VcpuView h = m.vcpu("h", 256, 0, 0);
        VcpuView b = m.vcpu("b", 256, 0, 0);
        m.advanceTo(1 * MS);
        wakeAndRun(m, h);
        m.sched.state(h).pri = UNDER;
        m.advanceTo(1 * MS + 300 * US);
        m.wake(b); // its tickle runs schedule now, as the next line does again
        assertThat(m.schedule(0)).isSameAs(h);
        assertThat(m.lastSlice[0]).isEqualTo(1 * MS);
        m.advanceTo(2 * MS + 300 * US); // the slice ends
        assertThat(m.schedule(0)).isSameAs(b);
    }

    @Test
    void ratelimitRemainingDefersByTheRestOfTheLimitWithA100usFloor() {
        // reference 8.2.1 (4.8+): slice = 1 ms - 300 us = 700 us; at runtime 40 us, 100 us
        DrivenCredit m = driven(1, "xenVersion", "4.13");
        VcpuView h = m.vcpu("h", 256, 0, 0);
        VcpuView b = m.vcpu("b", 256, 0, 0);
        m.advanceTo(1 * MS);
        wakeAndRun(m, h);
        m.sched.state(h).pri = UNDER;
        m.advanceTo(1 * MS + 40 * US);
        m.wake(b); // its tickle runs schedule now, as the next line does again
        assertThat(m.schedule(0)).isSameAs(h);
        assertThat(m.lastSlice[0]).isEqualTo(100 * US);
        m.advanceTo(1 * MS + 300 * US); // (the 100 us slice ended at 1.14 ms: h went on)
        assertThat(m.schedule(0)).isSameAs(h);
        assertThat(m.lastSlice[0]).isEqualTo(700 * US);
        m.advanceTo(2 * MS); // the 700 us slice ends
        assertThat(m.schedule(0)).isSameAs(b);
    }

    // ------------------------------------------------------------------ 3 tick stop / suspend

    @Test
    void tickStopOnIdleStopsAndRealignsTheTick() {
        // reference 3 / 8.2.5 (4.13+): stop on switching to idle, restart at the next multiple
        // of the tick period when leaving idle
        DrivenCredit m = driven(1, "tickStopOnIdle", "true");
        VcpuView a = m.vcpu("a", 256, 0, 0);
        m.advanceTo(3 * MS);
        wakeAndRun(m, a);
        io.github.vsched.api.Timer tick = m.tick(0);
        assertThat(tick.expiry()).isEqualTo(10 * MS);
        m.advanceTo(4 * MS);
        m.block(a);
        assertThat(tick.armed()).isFalse();
        m.advanceTo(27 * MS);
        wakeAndRun(m, a);
        assertThat(tick.armed()).isTrue();
        assertThat(tick.expiry()).isEqualTo(30 * MS);
        m.sched.tickSuspend(0); // not credit's business any more
        assertThat(tick.armed()).isTrue();
    }

    @Test
    void tickResumeRealignsTheTickIn40() {
        // reference 3.1 (4.0): resume re-arms at the next multiple of 10 ms of system time
        DrivenCredit m = new DrivenCredit(1); // random phase
        io.github.vsched.api.Timer tick = m.tick(0);
        m.sched.tickSuspend(0);
        assertThat(tick.armed()).isFalse();
        m.advanceTo(123 * MS + 4 * US);
        m.sched.tickResume(0);
        assertThat(tick.expiry()).isEqualTo(130 * MS);
    }

    @Test
    void loadBalanceRatelimitSkipsBalancingWithinTheLimit() {
        // reference 8.2.3 (4.18): an idle PCPU balances only if it last did more than 1 ms ago
        // (init counts as a balance); otherwise it takes its local head, the idle VCPU
        DrivenCredit m = driven(2, "loadBalanceRatelimitUs", "1000");
        VcpuView a = m.vcpu("a", 256, 0, 0);
        VcpuView b = m.vcpu("b", 256, 0, 0);
        wakeAndRun(m, a);
        m.wake(b); // queued on PCPU 0 behind the BOOST a; the tickled idler 1 does not balance yet
        assertThat(m.current(1).isIdle()).isTrue();
        m.advanceTo(500 * US);
        assertThat(m.schedule(1).isIdle()).isTrue();
        m.advanceTo(1500 * US);
        assertThat(m.schedule(1)).isSameAs(b);
        m.advanceTo(1600 * US);
        m.block(b);
        VcpuView c = m.vcpu("c", 256, 0, 0);
        m.wake(c);
        m.advanceTo(2000 * US); // 500 us after the last balance
        assertThat(m.schedule(1).isIdle()).isTrue();
        assertThat(m.queue(0)).containsExactly("cv0");
    }

    @Test
    void yieldSkipsRatelimitLetsAYielderGoWithinTheLimit() {
        // reference 8.2.1 (4.8+): a yielding VCPU is not held by the rate limit
        for (boolean skip : new boolean[] {false, true}) {
            DrivenCredit m = driven(1, "ratelimitUs", "1000", "yieldFlag", "true",
                    "yieldSkipsRatelimit", Boolean.toString(skip));
            VcpuView y = m.vcpu("y", 256, 0, 0);
            VcpuView o = m.vcpu("o", 256, 0, 0);
            m.wake(o);
            wakeAndRun(m, y); // o (BOOST, first) runs; then y is queued
            m.block(o);
            assertThat(m.current(0)).isSameAs(y);
            m.advanceTo(300 * US);
            m.wake(o); // BOOST queued ahead of the BOOST y; no preemption
            m.sched.yield(y);
            assertThat(m.schedule(0)).as("skip=%s", skip).isSameAs(skip ? o : y);
        }
    }

    @Test
    void tickPhasesAreRandomPerPcpuOrAligned() {
        // reference 3.1: independent phases in (0, 10 ms], or all at 10 ms
        DrivenCredit r = new DrivenCredit(4);
        java.util.Set<Long> phases = new java.util.HashSet<>();
        for (int c = 0; c < 4; c++) {
            long e = r.tick(c).expiry();
            assertThat(e).isBetween(1L, 10 * MS);
            phases.add(e);
        }
        assertThat(phases).hasSizeGreaterThan(1);
        DrivenCredit a = driven(4);
        for (int c = 0; c < 4; c++) {
            assertThat(a.tick(c).expiry()).isEqualTo(10 * MS);
        }
        a.advanceTo(30 * MS); // the accounting timer: on PCPU 0, first at 30 ms
        assertThat(a.acctRuns).containsExactly(30 * MS + "@0");
    }

    @Test
    void capAboveOneHundredPercentPerPcpuIsRejected() {
        DrivenCredit m = driven(2);
        assertThatThrownBy(() -> m.domain("big", 256, 201, 0))
                .isInstanceOf(io.github.vsched.api.InvalidParameterException.class)
                .hasMessageContaining("cap").hasMessageContaining("200");
    }
}
