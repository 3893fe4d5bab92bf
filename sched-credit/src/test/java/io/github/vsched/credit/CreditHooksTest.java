package io.github.vsched.credit;

import static io.github.vsched.credit.CreditPriority.BOOST;
import static io.github.vsched.credit.CreditPriority.OVER;
import static io.github.vsched.credit.CreditPriority.UNDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.ScheduleDecision;
import io.github.vsched.api.Topology;
import io.github.vsched.credit.FakeMachine.FakeDomain;
import io.github.vsched.credit.FakeMachine.FakeVcpu;

import org.junit.jupiter.api.Test;

/**
 * The scheduler hooks (wake, tickle, schedule, load balance, tick, pick_cpu, rate limit, tick
 * stop) on a hand-driven machine, each test named after the rule it checks with its reference
 * section. Ticks are aligned (10, 20, 30 ms ...) and the accounting pass runs at 30 ms.
 */
class CreditHooksTest {
    private static final long MS = 1_000_000;
    private static final long US = 1_000;

    private static FakeMachine machine(int pcpus, String... params) {
        String[] p = new String[params.length + 2];
        p[0] = "tickPhase";
        p[1] = "aligned";
        System.arraycopy(params, 0, p, 2, params.length);
        return new FakeMachine(pcpus, p);
    }

    /** Wakes {@code v} and runs schedule on its PCPU; returns the chosen VCPU. */
    private static FakeVcpu wakeAndRun(FakeMachine m, FakeVcpu v) {
        m.wake(v);
        return m.schedule(v.processor);
    }

    // ------------------------------------------------------------------ 7.1 wake

    @Test
    void wakeBoostsOnlyFromUnder() {
        // reference 7.1: UNDER -> BOOST on wake; OVER stays OVER; BOOST stays BOOST
        FakeMachine m = machine(1);
        FakeVcpu u = m.vcpu(m.domain("u", 256, 0), 0);
        FakeVcpu o = m.vcpu(m.domain("o", 256, 0), 0);
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
        FakeMachine m = machine(1);
        FakeVcpu h = m.vcpu(m.domain("hog", 256, 0), 0);
        FakeVcpu o = m.vcpu(m.domain("o", 256, 0), 0);
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
        FakeMachine m = machine(1);
        FakeVcpu a = m.vcpu(m.domain("a", 256, 0), 0);
        FakeVcpu b = m.vcpu(m.domain("b", 256, 0), 0);
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
        FakeMachine m = machine(1);
        FakeVcpu a = m.vcpu(m.domain("a", 256, 0), 0);
        FakeVcpu b = m.vcpu(m.domain("b", 256, 0), 0);
        wakeAndRun(m, a);
        m.advanceTo(10 * MS); // the tick demotes a to UNDER
        assertThat(m.pri(a)).isEqualTo(UNDER);
        m.clearTickles();
        m.wake(b);
        assertThat(m.tickles).containsExactly(0);
        assertThat(m.schedule(0)).isSameAs(b);
        assertThat(m.queue(0)).containsExactly("av0"); // a requeued behind nothing of its class
    }

    @Test
    void underPreemptsOver() {
        // reference 7.1 / 5.3: an unparked VCPU wakes as UNDER (no boost) and preempts an OVER
        // current VCPU, but not an UNDER one
        FakeMachine m = machine(1);
        FakeVcpu hog = m.vcpu(m.domain("hog", 256, 0), 0);
        FakeVcpu p = m.vcpu(m.domain("capped", 256, 10), 0);
        wakeAndRun(m, hog);
        CreditVcpu sp = m.sched.state(p);
        m.sched.accounting().start(sp);
        m.sched.accounting().start(m.sched.state(hog));
        sp.parked = true;
        p.pauseCount = 1;
        p.blocked = false;
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
        FakeMachine m = machine(1);
        FakeVcpu a = m.vcpu(m.domain("a", 256, 0), 0);
        FakeVcpu b = m.vcpu(m.domain("b", 256, 0), 0);
        wakeAndRun(m, a);
        m.sched.state(a).pri = UNDER;
        m.wake(b);
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
        FakeMachine m = machine(4);
        FakeVcpu h = m.vcpu(m.domain("hog", 256, 0), 0);
        FakeVcpu w = m.vcpu(m.domain("w", 256, 0), 0, CpuMask.of(0, 2, 3));
        wakeAndRun(m, h);
        m.sched.state(h).pri = UNDER;
        m.clearTickles();
        m.wake(w);
        assertThat(m.tickles).containsExactly(0, 2, 3);
    }

    @Test
    void tickleOneIdleTicklesOneIdlerRoundRobin() {
        // reference 7.2 (4.1): one idler, cycling through last_tickle_cpu of the waking CPU
        FakeMachine m = machine(4, "tickleOneIdle", "true");
        FakeDomain d = m.domain("d", 256, 0);
        FakeVcpu h = m.vcpu(d, 0);
        FakeVcpu w1 = m.vcpu(d, 0);
        FakeVcpu w2 = m.vcpu(d, 0);
        wakeAndRun(m, h);
        m.sched.state(h).pri = BOOST;
        m.clearTickles();
        m.currentPcpu = 0;
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
        FakeMachine m = machine(1);
        FakeVcpu a = m.vcpu(m.domain("a", 256, 0), 0);
        FakeVcpu b = m.vcpu(m.domain("b", 256, 0), 0);
        FakeVcpu c = m.vcpu(m.domain("c", 256, 0), 0);
        m.wake(a);
        m.wake(b);
        m.wake(c);
        for (FakeVcpu v : new FakeVcpu[] {a, b, c}) {
            m.sched.state(v).pri = UNDER;
        }
        m.sched.runq(0).recomputeOrder();
        assertThat(m.schedule(0)).isSameAs(a);
        assertThat(m.pcpus.get(0).lastSlice).isEqualTo(30 * MS);
        assertThat(m.schedule(0)).isSameAs(b); // a goes behind c
        assertThat(m.queue(0)).containsExactly("cv0", "av0");
        m.block(b);
        m.block(c);
        assertThat(m.current(0)).isSameAs(a);
        assertThat(m.block(a).isIdle()).isTrue();
        assertThat(m.pcpus.get(0).lastSlice).isEqualTo(ScheduleDecision.NO_SLICE);
        assertThat(m.sched.isIdler(0)).isTrue();
    }

    @Test
    void blockedVcpuKeepsItsPriorityAndIsChargedUpToNow() {
        // reference 10: block burns credits up to now; pri unchanged (a BOOST stays BOOST)
        FakeMachine m = machine(1);
        FakeVcpu a = m.vcpu(m.domain("a", 256, 0), 0);
        wakeAndRun(m, a);
        m.setNow(3 * MS);
        m.block(a);
        assertThat(m.pri(a)).isEqualTo(BOOST);
        assertThat(m.credit(a)).isEqualTo(-30);
    }

    @Test
    void sleepRemovesAQueuedVcpu() {
        // reference 10: csched_vcpu_sleep dequeues a queued VCPU
        FakeMachine m = machine(1);
        FakeVcpu a = m.vcpu(m.domain("a", 256, 0), 0);
        FakeVcpu b = m.vcpu(m.domain("b", 256, 0), 0);
        wakeAndRun(m, a);
        m.wake(b);
        m.pause(b);
        assertThat(m.queue(0)).isEmpty();
        m.unpause(b);
        assertThat(m.queue(0)).containsExactly("bv0");
    }

    @Test
    void yieldIn40OnlyRequeuesBehindEquals() {
        // reference 10 (4.0): do_yield just reschedules; an UNDER yielder goes behind UNDERs only
        FakeMachine m = machine(1);
        FakeVcpu y = m.vcpu(m.domain("y", 256, 0), 0);
        FakeVcpu o = m.vcpu(m.domain("o", 256, 0), 0);
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
        FakeMachine m = machine(1, "yieldFlag", "true");
        FakeVcpu y = m.vcpu(m.domain("y", 256, 0), 0);
        FakeVcpu o = m.vcpu(m.domain("o", 256, 0), 0);
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
        FakeMachine m = machine(2);
        FakeVcpu a = m.vcpu(m.domain("a", 256, 0), 0);
        FakeVcpu b = m.vcpu(m.domain("b", 256, 0), 0);
        wakeAndRun(m, a);
        m.clearTickles();
        m.wake(b); // BOOST vs BOOST: no preemption; PCPU 0 busy -> idler 1 tickled
        assertThat(m.tickles).containsExactly(1);
        assertThat(m.schedule(1)).isSameAs(b);
        assertThat(b.processor).isEqualTo(1);
        assertThat(m.pri(b)).isEqualTo(BOOST);
        assertThat(m.sched.isIdler(1)).isFalse();
    }

    @Test
    void overPcpuStealsOnlyStrictlyHigherPriority() {
        // reference 8.3: a PCPU whose head is OVER steals UNDER or BOOST, never OVER
        FakeMachine m = machine(2);
        FakeVcpu a = m.vcpu(m.domain("a", 256, 0), 0);
        FakeVcpu qo = m.vcpu(m.domain("qo", 256, 0), 0);
        FakeVcpu c = m.vcpu(m.domain("c", 256, 0), 1);
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
        // (vcpu_migration_delay), and this PCPU in the affinity
        FakeMachine m = machine(2, "vcpuMigrationDelayUs", "1000");
        FakeVcpu a = m.vcpu(m.domain("a", 256, 0), 0);
        FakeVcpu tail = m.vcpu(m.domain("tail", 256, 0), 0);
        FakeVcpu hot = m.vcpu(m.domain("hot", 256, 0), 0);
        FakeVcpu pinned = m.vcpu(m.domain("pinned", 256, 0), 0, CpuMask.of(0));
        FakeVcpu ok = m.vcpu(m.domain("ok", 256, 0), 0);
        m.setNow(5 * MS);
        wakeAndRun(m, a);
        m.wake(tail);
        m.wake(hot);
        m.wake(pinned);
        m.wake(ok);
        tail.running = true;
        hot.lastRunTime = 5 * MS - 500 * US;
        assertThat(m.schedule(1)).isSameAs(ok);
        assertThat(m.queue(0)).containsExactly("tailv0", "hotv0", "pinnedv0");
    }

    @Test
    void loadBalanceVisitsPeersCyclicallyFromTheNextPcpu() {
        // reference 8.3: workers in cyclic order starting after self; PCPU 2 tries 3, then 0
        FakeMachine m = machine(4);
        FakeVcpu[] run = new FakeVcpu[4];
        FakeVcpu[] queued = new FakeVcpu[4];
        for (int c : new int[] {0, 1, 3}) {
            run[c] = m.vcpu(m.domain("r" + c, 256, 0), c);
            queued[c] = m.vcpu(m.domain("q" + c, 256, 0), c);
            wakeAndRun(m, run[c]);
            m.wake(queued[c]);
        }
        assertThat(m.schedule(2)).isSameAs(queued[3]);
        m.block(queued[3]); // PCPU 3 has nothing queued now: next is PCPU 0
        assertThat(m.current(2)).isSameAs(queued[0]);
    }

    @Test
    void noStealFromAnIdlePeer() {
        // reference 8.3: only PCPUs outside idlers are visited; an idle peer picks up its own work
        FakeMachine m = machine(2);
        FakeVcpu a = m.vcpu(m.domain("a", 256, 0), 0);
        m.wake(a); // queued on PCPU 0, which still runs idle (its schedule not run yet)
        m.sched.schedule(m.pcpus.get(1), 0, new FakeMachine.Decision());
        assertThat(m.queue(0)).containsExactly("av0");
    }

    @Test
    void noStealYieldedSkipsAYielderQueuedAfterItsYield() {
        // reference 6.1 (4.18): the yield flag lasts while queued and load balancers skip it
        FakeMachine m = machine(2, "yieldFlag", "true", "noStealYielded", "true");
        FakeVcpu y = m.vcpu(m.domain("y", 256, 0), 0);
        FakeVcpu o = m.vcpu(m.domain("o", 256, 0), 0);
        wakeAndRun(m, y);
        m.sched.state(y).pri = UNDER;
        m.sched.state(o).pri = OVER;
        m.wake(o);
        m.sched.yield(y);
        assertThat(m.schedule(0)).isSameAs(o);
        assertThat(m.sched.state(y).yielding).isTrue();
        assertThat(m.schedule(1).isIdle()).isTrue();
        assertThat(m.queue(0)).containsExactly("yv0");
    }

    // ------------------------------------------------------------------ 4.1 tick

    @Test
    void tickDemotesBoostWithoutRescheduling() {
        // reference 4.1.1.a: BOOST -> UNDER at the tick; nothing reschedules
        FakeMachine m = machine(1);
        FakeVcpu a = m.vcpu(m.domain("a", 256, 0), 0);
        FakeVcpu b = m.vcpu(m.domain("b", 256, 0), 0);
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
        FakeMachine m = machine(1);
        FakeVcpu v = m.vcpu(m.domain("v", 256, 0), 0);
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
        FakeMachine m = machine(1);
        FakeVcpu a = m.vcpu(m.domain("a", 256, 0), 0);
        FakeVcpu b = m.vcpu(m.domain("b", 256, 0), 0);
        wakeAndRun(m, b);
        m.advanceTo(10 * MS); // b caught running: active, UNDER
        m.sched.accounting().start(m.sched.state(a)); // a active from an earlier run
        m.wake(a); // UNDER -> BOOST, queued (its tickle is not acted on here)
        assertThat(m.pri(a)).isEqualTo(BOOST);
        m.advanceTo(30 * MS); // ticks at 20, 30 ms, then accounting: a gets 0 + 150
        assertThat(m.pri(a)).isEqualTo(UNDER);
        assertThat(m.credit(a)).isEqualTo(150);
        assertThat(m.queue(0)).containsExactly("av0");
    }

    @Test
    void runqIsResortedAtTheFirstTickAfterAccountingKeepingRelativeOrder() {
        // reference 6.2: at the tick after csched_acct, UNDERs move ahead of OVERs, each group
        // keeping its order; not before that tick
        FakeMachine m = machine(1);
        FakeVcpu h = m.vcpu(m.domain("h", 256, 0), 0);
        FakeVcpu[] q = new FakeVcpu[4];
        wakeAndRun(m, h);
        for (int i = 0; i < 4; i++) {
            q[i] = m.vcpu(m.domain("q" + i, 256, 0), 0);
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
        FakeMachine m = new FakeMachine(Topology.regular(1, 2, 2, 1), "tickPhase", "aligned");
        FakeVcpu v = m.vcpu(m.domain("v", 256, 0), 0);
        FakeVcpu s = m.vcpu(m.domain("s", 256, 0), 1);
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
            FakeMachine m = new FakeMachine(Topology.regular(1, 2, 2, 1), "tickPhase", "aligned",
                    "noBoostOnMigrate", Boolean.toString(noBoost));
            FakeVcpu v = m.vcpu(m.domain("v", 256, 0), 0);
            FakeVcpu s = m.vcpu(m.domain("s", 256, 0), 1);
            wakeAndRun(m, v);
            wakeAndRun(m, s);
            m.advanceTo(20 * MS);
            assertThat(m.pri(v)).isEqualTo(UNDER);
            m.schedule(0); // descheduled; the fake migrates it through pick_cpu and wake
            assertThat(v.processor).isIn(2, 3);
            assertThat(m.pri(v)).as("noBoostOnMigrate=%s", noBoost).isEqualTo(noBoost ? UNDER : BOOST);
        }
    }

    // ------------------------------------------------------------------ 9.2 pick_cpu

    @Test
    void pickCpuCountsTheCurrentCpuAsIdleOnFlatTopologies() {
        // reference 9.2: 4.0 may keep the VCPU on its busy CPU when neighbour counts are equal
        FakeMachine m = machine(4);
        FakeVcpu v = m.vcpu(m.domain("v", 256, 0), 0);
        wakeAndRun(m, v);
        assertThat(m.sched.pickCpu(v, true)).isEqualTo(0);
    }

    @Test
    void pickCpuKeepsTheVcpuWhereItIsOnAQ6600() {
        // reference 9.2 and 13.10: the Q6600 is one socket of four single-thread cores (two L2
        // pairs, which 4.0's pick ignores); sibling counts are always 1 against 1, so pick_cpu
        // returns the VCPU's own CPU and the tick's migrate check never fires
        FakeMachine m = new FakeMachine(Topology.regular(1, 4, 1, 2), "tickPhase", "aligned");
        FakeVcpu v = m.vcpu(m.domain("v", 256, 0), 0);
        FakeVcpu w = m.vcpu(m.domain("w", 256, 0), 2);
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
        FakeMachine m = new FakeMachine(Topology.regular(2, 2, 1, 1), "tickPhase", "aligned");
        FakeVcpu v = m.vcpu(m.domain("v", 256, 0), 0);
        FakeVcpu w = m.vcpu(m.domain("w", 256, 0), 1);
        wakeAndRun(m, v);
        wakeAndRun(m, w);
        assertThat(m.sched.pickCpu(v, true)).isEqualTo(2);
        assertThat(m.sched.pickCpu(v, true)).isEqualTo(3);
        assertThat(m.sched.pickCpu(v, false)).isEqualTo(2);
        assertThat(m.sched.pickCpu(v, false)).isEqualTo(2); // no commit, no rotation
        v.affinity = CpuMask.of(0, 1, 3);
        assertThat(m.sched.pickCpu(v, true)).isEqualTo(3); // never outside the affinity
    }

    // ------------------------------------------------------------------ 5.3 caps

    @Test
    void cappedVcpuIsParkedAndUnparkedWithoutBoost() {
        // reference 5.3: below -ceil(cap credits / active VCPUs) at accounting -> paused and
        // PARKED; unpaused at the first pass with credit >= 0, waking as UNDER
        FakeMachine m = machine(1);
        FakeVcpu c = m.vcpu(m.domain("c", 256, 50), 0);
        wakeAndRun(m, c);
        CreditVcpu sc = m.sched.state(c);
        m.advanceTo(10 * MS); // activated
        sc.credit = -400; // as if it had overrun; the cap is ceil(50*300/100) = 150 per period
        m.clearTickles();
        m.advanceTo(30 * MS); // tick at 20 burns 100 -> -500; tick at 30 (before acct) -> -600; +150
        assertThat(m.sched.isParked(c)).isTrue();
        assertThat(c.isPaused()).isTrue();
        assertThat(m.credit(c)).isEqualTo(-300); // clipped after the park decision
        assertThat(m.tickles).contains(0);
        assertThat(m.schedule(0).isIdle()).isTrue();
        m.advanceTo(60 * MS); // -300 + 150 = -150: still parked
        assertThat(m.sched.isParked(c)).isTrue();
        m.advanceTo(90 * MS); // -150 + 150 = 0 -> UNDER, unparked, queued without boost
        assertThat(m.sched.isParked(c)).isFalse();
        assertThat(m.pri(c)).isEqualTo(UNDER);
        assertThat(m.queue(0)).containsExactly("cv0");
    }

    // ------------------------------------------------------------------ 8.2 rate limit

    @Test
    void ratelimitDefersABoostPreemptionByTheFullLimitBefore48() {
        // reference 8.2.1 (4.2-4.7): runtime 300 us < 1 ms -> cur continues for a full 1 ms
        FakeMachine m = machine(1, "xenVersion", "4.2");
        FakeVcpu h = m.vcpu(m.domain("h", 256, 0), 0);
        FakeVcpu b = m.vcpu(m.domain("b", 256, 0), 0);
        m.setNow(1 * MS);
        wakeAndRun(m, h);
        m.sched.state(h).pri = UNDER;
        m.setNow(1 * MS + 300 * US);
        m.wake(b);
        assertThat(m.schedule(0)).isSameAs(h);
        assertThat(m.pcpus.get(0).lastSlice).isEqualTo(1 * MS);
        m.setNow(2 * MS + 300 * US);
        assertThat(m.schedule(0)).isSameAs(b);
    }

    @Test
    void ratelimitRemainingDefersByTheRestOfTheLimitWithA100usFloor() {
        // reference 8.2.1 (4.8+): slice = 1 ms - 300 us = 700 us; at runtime 40 us, 100 us
        FakeMachine m = machine(1, "xenVersion", "4.13");
        FakeVcpu h = m.vcpu(m.domain("h", 256, 0), 0);
        FakeVcpu b = m.vcpu(m.domain("b", 256, 0), 0);
        m.setNow(1 * MS);
        wakeAndRun(m, h);
        m.sched.state(h).pri = UNDER;
        m.setNow(1 * MS + 40 * US);
        m.wake(b);
        assertThat(m.schedule(0)).isSameAs(h);
        assertThat(m.pcpus.get(0).lastSlice).isEqualTo(100 * US);
        m.setNow(1 * MS + 300 * US);
        assertThat(m.schedule(0)).isSameAs(h);
        assertThat(m.pcpus.get(0).lastSlice).isEqualTo(700 * US);
        m.setNow(2 * MS);
        assertThat(m.schedule(0)).isSameAs(b);
    }

    // ------------------------------------------------------------------ 3 tick stop / suspend

    @Test
    void tickStopOnIdleStopsAndRealignsTheTick() {
        // reference 3 / 8.2.5 (4.13+): stop on switching to idle, restart at the next multiple
        // of the tick period when leaving idle
        FakeMachine m = machine(1, "tickStopOnIdle", "true");
        FakeVcpu a = m.vcpu(m.domain("a", 256, 0), 0);
        m.setNow(3 * MS);
        wakeAndRun(m, a);
        FakeMachine.FakeTimer tick = m.timer("credit-tick-0");
        assertThat(tick.expiry).isEqualTo(10 * MS);
        m.setNow(4 * MS);
        m.block(a);
        assertThat(tick.armed).isFalse();
        m.setNow(27 * MS);
        wakeAndRun(m, a);
        assertThat(tick.armed).isTrue();
        assertThat(tick.expiry).isEqualTo(30 * MS);
        m.sched.tickSuspend(0); // not credit's business any more
        assertThat(tick.armed).isTrue();
    }

    @Test
    void tickResumeRealignsTheTickIn40() {
        // reference 3.1 (4.0): resume re-arms at the next multiple of 10 ms of system time
        FakeMachine m = new FakeMachine(1); // random phase
        FakeMachine.FakeTimer tick = m.timer("credit-tick-0");
        m.sched.tickSuspend(0);
        assertThat(tick.armed).isFalse();
        m.setNow(123 * MS + 4 * US);
        m.sched.tickResume(0);
        assertThat(tick.expiry).isEqualTo(130 * MS);
    }

    @Test
    void loadBalanceRatelimitSkipsBalancingWithinTheLimit() {
        // reference 8.2.3 (4.18): an idle PCPU balances only if it last did more than 1 ms ago
        // (init counts as a balance); otherwise it takes its local head, the idle VCPU
        FakeMachine m = machine(2, "loadBalanceRatelimitUs", "1000");
        FakeVcpu a = m.vcpu(m.domain("a", 256, 0), 0);
        FakeVcpu b = m.vcpu(m.domain("b", 256, 0), 0);
        wakeAndRun(m, a);
        m.wake(b); // queued on PCPU 0 behind the BOOST a
        m.setNow(500 * US);
        assertThat(m.schedule(1).isIdle()).isTrue();
        m.setNow(1500 * US);
        assertThat(m.schedule(1)).isSameAs(b);
        m.setNow(1600 * US);
        m.block(b);
        FakeVcpu c = m.vcpu(m.domain("c", 256, 0), 0);
        m.wake(c);
        m.setNow(2000 * US); // 500 us after the last balance
        assertThat(m.schedule(1).isIdle()).isTrue();
        assertThat(m.queue(0)).containsExactly("cv0");
    }

    @Test
    void yieldSkipsRatelimitLetsAYielderGoWithinTheLimit() {
        // reference 8.2.1 (4.8+): a yielding VCPU is not held by the rate limit
        for (boolean skip : new boolean[] {false, true}) {
            FakeMachine m = machine(1, "ratelimitUs", "1000", "yieldFlag", "true",
                    "yieldSkipsRatelimit", Boolean.toString(skip));
            FakeVcpu y = m.vcpu(m.domain("y", 256, 0), 0);
            FakeVcpu o = m.vcpu(m.domain("o", 256, 0), 0);
            m.wake(o);
            wakeAndRun(m, y); // o (BOOST, first) runs; then y is queued
            m.block(o);
            assertThat(m.current(0)).isSameAs(y);
            m.setNow(300 * US);
            m.wake(o); // BOOST queued ahead of the BOOST y; no preemption
            m.sched.yield(y);
            assertThat(m.schedule(0)).as("skip=%s", skip).isSameAs(skip ? o : y);
        }
    }

    @Test
    void tickPhasesAreRandomPerPcpuOrAligned() {
        // reference 3.1: independent phases in (0, 10 ms], or all at 10 ms
        FakeMachine r = new FakeMachine(4);
        java.util.Set<Long> phases = new java.util.HashSet<>();
        for (int c = 0; c < 4; c++) {
            long e = r.timer("credit-tick-" + c).expiry;
            assertThat(e).isBetween(1L, 10 * MS);
            phases.add(e);
        }
        assertThat(phases).hasSizeGreaterThan(1);
        FakeMachine a = machine(4);
        for (int c = 0; c < 4; c++) {
            assertThat(a.timer("credit-tick-" + c).expiry).isEqualTo(10 * MS);
        }
        assertThat(a.timer("credit-acct").expiry).isEqualTo(30 * MS);
        assertThat(a.timer("credit-acct").pcpu).isZero();
    }

    @Test
    void capAboveOneHundredPercentPerPcpuIsRejected() {
        FakeMachine m = machine(2);
        assertThatThrownBy(() -> m.domain("big", 256, 201))
                .isInstanceOf(io.github.vsched.api.InvalidParameterException.class)
                .hasMessageContaining("cap").hasMessageContaining("200");
    }
}
