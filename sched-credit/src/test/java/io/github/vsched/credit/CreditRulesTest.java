package io.github.vsched.credit;

import static io.github.vsched.core.guest.Guests.compute;
import static io.github.vsched.core.guest.Guests.halt;
import static io.github.vsched.core.guest.Guests.script;
import static io.github.vsched.core.guest.Guests.sleepUntil;
import static io.github.vsched.credit.CreditPriority.BOOST;
import static io.github.vsched.credit.CreditPriority.OVER;
import static io.github.vsched.credit.CreditPriority.UNDER;
import static io.github.vsched.credit.CreditSim.MS;
import static io.github.vsched.credit.CreditSim.US;
import static io.github.vsched.credit.CreditSim.busy;
import static io.github.vsched.credit.CreditSim.credit;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.Topology;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The rules of the credit reference, sections 4-10, on the real engine in checked mode with
 * hand-computed schedules. The platform is cost-free and ticks are aligned (10, 20, 30 ms ...),
 * so every time below follows from the rules alone. At equal times the accounting timer (armed
 * first) runs before the ticks, and a slice timer armed earlier runs before a tick armed later.
 * Guests first run a zero-length step at boot (they block at once), so all are idle at 0+.
 */
class CreditRulesTest {

    private static List<Integer> pris(Simulation sim, List<Long> at, String domain) {
        List<Integer> out = new ArrayList<>();
        for (long t : at) {
            sim.at(t, s -> out.add(credit(s).priority(s.vcpu(domain, 0))));
        }
        return out;
    }

    // ------------------------------------------------------------------ 7.1 wake and tickle

    /**
     * Reference 7.1: preemption needs strictly higher priority. a wakes at 1 ms (BOOST) and
     * runs; b wakes at 2 ms, also BOOST, and only queues; it runs when a blocks at 6 ms.
     */
    @Test
    void boostNeverPreemptsBoost() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = CreditSim.on("boost-boost", 1).duration(20 * MS)
                .domain("a", script(sleepUntil(1 * MS), compute(5 * MS), halt()))
                .domain("b", script(sleepUntil(2 * MS), compute(1 * MS), halt()))
                .build();
        sim.addListener(t);
        List<Integer> bPri = pris(sim, List.of(3 * MS), "b");
        SimulationResult r = sim.run();
        assertThat(busy(t, 0)).containsExactly("a/0[1000,6000)", "b/0[6000,7000)");
        assertThat(bPri).containsExactly(BOOST);
        assertThat(r.vcpu("b", 0).wakeLatency().max()).isBetween(4 * MS - 40 * US, 4 * MS + 40 * US);
    }

    /**
     * Reference 4.1.1.a and 7.1: a runs BOOST from 1 ms; b wakes at 5 ms (BOOST, queued). The
     * tick at 10 ms demotes a to UNDER but does not reschedule, so b still waits. c wakes at
     * 12 ms, BOOST > UNDER: it preempts a, but FIFO within BOOST runs b first (12-13 ms), then
     * c (13-14 ms), then a for its remaining 9 ms (14-23 ms).
     */
    @Test
    void tickDemotesWithoutReschedulingAndBoostPreemptsUnderInFifoOrder() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = CreditSim.on("tick-demote", 1).duration(40 * MS)
                .domain("a", script(sleepUntil(1 * MS), compute(20 * MS), halt()))
                .domain("b", script(sleepUntil(5 * MS), compute(1 * MS), halt()))
                .domain("c", script(sleepUntil(12 * MS), compute(1 * MS), halt()))
                .build();
        sim.addListener(t);
        List<Integer> aPri = pris(sim, List.of(9 * MS, 11 * MS), "a");
        List<String> runningAt11 = new ArrayList<>();
        sim.at(11 * MS, s -> runningAt11.add(s.pcpu(0).current().name()));
        sim.run();
        assertThat(aPri).containsExactly(BOOST, UNDER);
        assertThat(runningAt11).containsExactly("a/0");
        assertThat(busy(t, 0)).containsExactly("a/0[1000,12000)", "b/0[12000,13000)", "c/0[13000,14000)",
                "a/0[14000,23000)");
    }

    /**
     * Reference 7.1: an OVER VCPU wakes as OVER, not boosted, and does not preempt UNDER.
     * v runs 0-15 ms (caught by the 10 ms tick: active); h, queued since boot, runs from 15 ms
     * (active from 20 ms). v's credit is set to -1000 at 29 ms and h's to -5000 at 59 ms, so the
     * passes make v OVER from 30 ms and h OVER from 60 ms (h is UNDER, 100, after the 30 ms
     * pass). v wakes at 50 ms as OVER: no preemption of the UNDER h. h keeps the PCPU until its
     * slice, renewed at 45 ms, ends at 75 ms; both are OVER then and v, queued first, runs.
     */
    @Test
    void wakingOverVcpuIsNotBoosted() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = CreditSim.on("over-wake", 1).duration(90 * MS)
                .domain("v", script(compute(15 * MS), sleepUntil(50 * MS), compute(1 * MS), halt()))
                .domain("h", Guests.hog())
                .build();
        sim.addListener(t);
        sim.at(29 * MS, s -> credit(s).state(s.vcpu("v", 0)).credit = -1000);
        sim.at(59 * MS, s -> credit(s).state(s.vcpu("h", 0)).credit = -5000);
        List<Integer> vPri = pris(sim, List.of(31 * MS, 50 * MS + 1), "v");
        List<Integer> hPri = pris(sim, List.of(50 * MS + 1, 61 * MS), "h");
        sim.run();
        assertThat(vPri).containsExactly(OVER, OVER);
        assertThat(hPri).containsExactly(UNDER, OVER);
        assertThat(busy(t, 0)).startsWith("v/0[0,15000)", "h/0[15000,75000)", "v/0[75000,76000)");
    }

    private static final long Guests_S = 1_000 * MS;

    /**
     * Reference 5.3 and 7.1: a capped VCPU is unparked at an accounting pass as UNDER (the flag
     * is cleared after the unpause), so it is not boosted, yet UNDER preempts OVER. One PCPU,
     * c (cap 50) runs 0-30 ms, h (hog) queued behind it. At 29 ms h is made active and the
     * credits are set so that the 30 ms pass parks c (-1000 + 150, below -150) and makes h OVER;
     * h's credit is pushed down again at 59 and 89 ms so it stays OVER whatever share it gets.
     * At 89 ms c's credit is set to -10: the 90 ms pass brings it to >= 0, unparks it as UNDER,
     * and its wake preempts the OVER h at once.
     */
    @Test
    void underPreemptsOverWhenACappedVcpuIsUnparked() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = CreditSim.on("unpark", 1).duration(100 * MS)
                .domain("c", Guests.hog(), "cap", "50")
                .domain("h", Guests.hog())
                .build();
        sim.addListener(t);
        sim.at(29 * MS, s -> {
            CreditScheduler cs = credit(s);
            cs.state(s.vcpu("c", 0)).credit = -1000;
            CreditVcpu h = cs.state(s.vcpu("h", 0));
            cs.accounting().start(h);
            h.credit = -5000;
        });
        sim.at(59 * MS, s -> credit(s).state(s.vcpu("h", 0)).credit = -5000);
        sim.at(89 * MS, s -> {
            credit(s).state(s.vcpu("h", 0)).credit = -5000;
            credit(s).state(s.vcpu("c", 0)).credit = -10;
        });
        List<Integer> cPri = pris(sim, List.of(31 * MS, 90 * MS + 1), "c");
        List<Integer> hPri = pris(sim, List.of(31 * MS, 89 * MS), "h");
        List<Boolean> parked = new ArrayList<>();
        for (long at : new long[] {31 * MS, 89 * MS, 91 * MS}) {
            sim.at(at, s -> parked.add(credit(s).isParked(s.vcpu("c", 0))));
        }
        sim.run();
        assertThat(parked).containsExactly(true, true, false);
        assertThat(hPri).containsExactly(OVER, OVER);
        assertThat(cPri).containsExactly(OVER, UNDER);
        assertThat(busy(t, 0)).containsExactly("c/0[0,30000)", "h/0[30000,90000)", "c/0[90000,end)");
    }

    // ------------------------------------------------------------------ 4 tick and burn

    /**
     * Reference 4.1.1.c and 4.2: v runs 2 ms every 10 ms, from 11 ms on, never at a tick
     * (ticks at 10, 20, 30 ms ...). It never becomes active, gets nothing from accounting, keeps
     * BOOST, and is charged exactly 20 credits a run: 29 runs by 300 ms. The hog h is active
     * and is credited.
     */
    @Test
    void vcpuNeverCaughtByATickStaysInactiveAndIsStillCharged() {
        Simulation sim = CreditSim.on("never-caught", 1).duration(300 * MS)
                .domain("v", Guests.periodic(10 * MS, 2 * MS, 11 * MS))
                .domain("h", Guests.hog())
                .build();
        SimulationResult r = sim.run();
        CreditScheduler cs = credit(sim);
        VcpuView v = sim.vcpu("v", 0);
        assertThat(cs.isActive(v)).isFalse();
        assertThat(cs.priority(v)).isEqualTo(BOOST);
        assertThat(cs.credit(v)).isEqualTo(-29 * 20);
        assertThat(cs.isActive(sim.vcpu("h", 0))).isTrue();
        assertThat(r.vcpu("v", 0).runningNs()).isEqualTo(29 * 2 * MS);
        assertThat(r.vcpu("v", 0).wakeLatency().max()).isLessThan(50 * US); // BOOST preempts h
    }

    // ------------------------------------------------------------------ 5 accounting, 6 runq

    /**
     * Reference 5.1 and 13.6: accounting overwrites BOOST on active VCPUs, queued ones too.
     * w runs 1-13 ms (active from the 10 ms tick), h from 13 ms (active from 20 ms). b wakes
     * at 28 ms and preempts h; w wakes at 29 ms as BOOST and queues behind the running b. The
     * 30 ms pass (W = 512, 150 each) makes w UNDER (-120 + 150 = 30) and h UNDER (0); the tick
     * then demotes the running b. c wakes at 31 ms (BOOST): it preempts b and queues ahead of
     * w, which lost its BOOST; without the pass it would have queued behind w. So c runs
     * 31-32 ms, then w 32-37 ms.
     */
    @Test
    void accountingTurnsAQueuedBoostVcpuIntoUnder() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = CreditSim.on("acct-boost", 1).duration(40 * MS)
                .domain("w", script(sleepUntil(1 * MS), compute(12 * MS), sleepUntil(29 * MS), compute(5 * MS), halt()))
                .domain("h", script(sleepUntil(2 * MS), compute(Guests_S)))
                .domain("b", script(sleepUntil(28 * MS), compute(5 * MS), halt()))
                .domain("c", script(sleepUntil(31 * MS), compute(1 * MS), halt()))
                .build();
        sim.addListener(t);
        List<Integer> wPri = pris(sim, List.of(29 * MS + 1, 30 * MS + 1), "w");
        List<Integer> wCredit = new ArrayList<>();
        sim.at(30 * MS + 1, s -> wCredit.add(credit(s).credit(s.vcpu("w", 0))));
        sim.run();
        assertThat(wPri).containsExactly(BOOST, UNDER);
        assertThat(wCredit).containsExactly(30);
        assertThat(busy(t, 0)).startsWith("w/0[1000,13000)", "h/0[13000,28000)", "b/0[28000,31000)",
                "c/0[31000,32000)", "w/0[32000,37000)");
    }

    /**
     * Reference 6.2: the re-sort runs at the first tick after an accounting pass and keeps the
     * relative order of the UNDERs and of the OVERs. Five hogs on one PCPU: h runs, q0-q3 queue
     * in that order (BOOST from boot, never run). At 25 ms they are made active with credits
     * -1000, 0, -1000, 0; the 30 ms pass (W = 1280, 60 each) makes q0, q2 OVER and q1, q3
     * UNDER in place, and h OVER (-200 + 60). At 30 ms one timer interrupt runs the pass, h's
     * slice timer (which only raises the softirq) and the tick, whose sort gives q1 q3 q0 q2;
     * then schedule requeues h (OVER) at the tail of the OVERs and runs q1.
     */
    @Test
    void resortAfterAccountingKeepsRelativeOrder() {
        CreditSim b = CreditSim.on("resort", 1).duration(31 * MS).domain("h", Guests.hog());
        for (int i = 0; i < 4; i++) {
            b.domain("q" + i, Guests.hog());
        }
        Simulation sim = b.build();
        sim.at(25 * MS, s -> {
            CreditScheduler cs = credit(s);
            int[] credits = {-1000, 0, -1000, 0};
            for (int i = 0; i < 4; i++) {
                CreditVcpu q = cs.state(s.vcpu("q" + i, 0));
                cs.accounting().start(q);
                q.credit = credits[i];
            }
        });
        List<List<String>> queues = new ArrayList<>();
        sim.at(30 * MS, s -> queues.add(queue(s, 0)));
        sim.at(30 * MS + 1, s -> queues.add(queue(s, 0)));
        List<String> current = new ArrayList<>();
        sim.at(30 * MS + 1, s -> current.add(s.pcpu(0).current().name()));
        List<Integer> pri = new ArrayList<>();
        sim.at(30 * MS + 1, s -> {
            for (int i = 0; i < 4; i++) {
                pri.add(credit(s).priority(s.vcpu("q" + i, 0)));
            }
        });
        sim.run();
        assertThat(queues.get(0)).containsExactly("q0/0", "q1/0", "q2/0", "q3/0");
        assertThat(pri).containsExactly(OVER, UNDER, OVER, UNDER);
        assertThat(current).containsExactly("q1/0");
        assertThat(queues.get(1)).containsExactly("q3/0", "q0/0", "q2/0", "h/0");
    }

    private static List<String> queue(Simulation s, int pcpu) {
        List<String> l = new ArrayList<>();
        s.scheduler().forEachQueued(pcpu, v -> l.add(v.name()));
        return l;
    }

    // ------------------------------------------------------------------ 8.3 load balancing

    /**
     * Reference 8.3: stealing does not go through wake, so the stolen VCPU keeps its priority.
     * v (hog) runs on PCPU 0 from 1 ms, UNDER after the 10 ms tick. w/1, on PCPU 0 (both pinned
     * there until 2 ms so that they start there; widening a running VCPU's affinity does not move it), wakes at 15 ms as BOOST: it preempts v and
     * tickles the idle PCPU 1, which steals the requeued v: v runs on PCPU 1 from 15 ms, UNDER
     * (a wake would have boosted it).
     */
    @Test
    void stolenVcpuKeepsItsPriority() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = CreditSim.on("steal", 2).duration(20 * MS)
                .domain("v", 1, i -> script(sleepUntil(1 * MS), compute(Guests_S)), List.of(CpuMask.of(0)))
                .domain("w", 2, i -> i == 0 ? script(halt()) : script(sleepUntil(15 * MS), compute(1 * MS), halt()),
                        List.of(CpuMask.all(2), CpuMask.of(0)))
                .build();
        sim.addListener(t);
        sim.at(2 * MS, s -> {
            s.setAffinity("v", 0, CpuMask.all(2));
            s.setAffinity("w", 1, CpuMask.all(2));
        });
        List<Integer> vPri = pris(sim, List.of(16 * MS), "v");
        SimulationResult r = sim.run();
        assertThat(busy(t, 0)).containsExactly("v/0[1000,15000)", "w/1[15000,16000)");
        assertThat(busy(t, 1)).containsExactly("v/0[15000,end)");
        assertThat(vPri).containsExactly(UNDER);
        assertThat(r.vcpu("v", 0).migrations()).isEqualTo(1);
    }

    /**
     * Reference 8.3: a PCPU whose runq head is OVER steals only strictly higher priority. h
     * runs on PCPU 0 from boot with q queued behind it (both are pinned to PCPU 0 until 2 ms, so
     * that they start there and the idle PCPU 1 cannot take q at boot); g runs on PCPU 1 from 5 ms. At 29 ms q is made
     * active and credits are set so that the 30 ms pass (W = 768, 200 each) makes g OVER, h
     * UNDER, and q OVER or UNDER. At 30 ms h's slice ends: h runs on if q is OVER; otherwise q
     * (UNDER, ahead of h) runs and h queues. At 35 ms g's slice ends with g OVER at its head:
     * it steals the queued UNDER h, but never the queued OVER q.
     */
    @Test
    void overPcpuStealsOnlyStrictlyHigherPriority() {
        for (boolean qOver : new boolean[] {true, false}) {
            Simulation sim = CreditSim.on("steal-over", 2).duration(40 * MS)
                    .domain("h", 1, i -> Guests.hog(), List.of(CpuMask.of(0)))
                    .domain("g", 1, i -> script(sleepUntil(5 * MS), compute(Guests_S)), List.of(CpuMask.of(1)))
                    .domain("q", 1, i -> Guests.hog(), List.of(CpuMask.of(0)))
                    .build();
            sim.at(2 * MS, s -> {
                s.setAffinity("h", 0, CpuMask.all(2));
                s.setAffinity("q", 0, CpuMask.all(2));
            });
            sim.at(29 * MS, s -> {
                CreditScheduler cs = credit(s);
                CreditVcpu q = cs.state(s.vcpu("q", 0));
                cs.accounting().start(q);
                q.credit = qOver ? -1000 : 0;
                cs.state(s.vcpu("h", 0)).credit = 0;
                cs.state(s.vcpu("g", 0)).credit = -1000;
            });
            List<String> at36 = new ArrayList<>();
            sim.at(36 * MS, s -> {
                at36.add(s.pcpu(0).current().name());
                at36.add(s.pcpu(1).current().name());
            });
            sim.run();
            if (qOver) {
                assertThat(at36).as("q OVER").containsExactly("h/0", "g/0");
            } else {
                assertThat(at36).as("q UNDER").containsExactly("q/0", "h/0");
            }
        }
    }

    // ------------------------------------------------------------------ 5.3 caps

    /**
     * Reference 5.3: a capped domain (cap 50 = 150 credits a period) alone on one PCPU. Hand
     * computation: it burns 100 a tick from 0. Pass 30 ms: -200 + 150 = -50, OVER, not below
     * -150. Pass 60 ms: -350 + 150 = -200 < -150: parked (the balance was -50, so the peak
     * grows, but the cap bounds it). Pass 90 ms: -300 (burned up to the park) + 150 = -150: still
     * parked. Pass 120 ms: -150 + 150 = 0: unparked, UNDER, not boosted. So it runs 0-60 ms
     * and again from 120 ms.
     */
    @Test
    void cappedDomainIsParkedAndUnparkedAtAccountingPasses() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = CreditSim.on("cap", 1).duration(130 * MS)
                .domain("c", Guests.hog(), "cap", "50")
                .build();
        sim.addListener(t);
        List<Boolean> parked = new ArrayList<>();
        for (long at : new long[] {59 * MS, 61 * MS, 119 * MS, 121 * MS}) {
            sim.at(at, s -> parked.add(credit(s).isParked(s.vcpu("c", 0))));
        }
        List<Integer> cPri = pris(sim, List.of(121 * MS), "c");
        List<Integer> cCredit = new ArrayList<>();
        for (long at : new long[] {61 * MS, 91 * MS, 120 * MS + 1}) {
            sim.at(at, s -> cCredit.add(credit(s).credit(s.vcpu("c", 0))));
        }
        sim.run();
        assertThat(parked).containsExactly(false, true, true, false);
        assertThat(cCredit).containsExactly(-300, -150, 0);
        assertThat(cPri).containsExactly(UNDER);
        assertThat(busy(t, 0)).containsExactly("c/0[0,60000)", "c/0[120000,end)");
    }

    // ------------------------------------------------------------------ 7.2, 9.2 migration

    /**
     * Reference 4.1.1.d, 9.2 and 7.2: on one socket of two cores with two threads each, a and b
     * run on the sibling threads 0 and 1 (pinned there until 2 ms, so that they start there). At 20 ms (active since 10 ms), the tick's pick_cpu
     * finds core 1 idler (2 idle threads against 1, the VCPU's own counting as idle) and sets
     * a migrating: a moves to PCPU 2. The wake that completes the move boosts a in Xen 4.0, and
     * not with noBoostOnMigrate (4.7). b's check at 20 ms then sees equal counts and stays.
     */
    @Test
    void migrationReboostsIn40AndNotWithNoBoostOnMigrate() {
        for (boolean noBoost : new boolean[] {false, true}) {
            PcpuTimeline t = new PcpuTimeline();
            Simulation sim = CreditSim.on("migrate", 4).topology(Topology.regular(1, 2, 2, 1))
                    .param("noBoostOnMigrate", Boolean.toString(noBoost)).duration(25 * MS)
                    .domain("a", 1, i -> Guests.hog(), List.of(CpuMask.of(0)))
                    .domain("b", 1, i -> Guests.hog(), List.of(CpuMask.of(1)))
                    .build();
            sim.addListener(t);
            sim.at(2 * MS, s -> {
                s.setAffinity("a", 0, CpuMask.all(4));
                s.setAffinity("b", 0, CpuMask.all(4));
            });
            List<Integer> aPri = pris(sim, List.of(19 * MS, 20 * MS + 1), "a");
            SimulationResult r = sim.run();
            assertThat(busy(t, 0)).containsExactly("a/0[0,20000)");
            assertThat(busy(t, 2)).containsExactly("a/0[20000,end)");
            assertThat(busy(t, 1)).containsExactly("b/0[0,end)");
            assertThat(aPri).as("noBoostOnMigrate=%s", noBoost).containsExactly(UNDER, noBoost ? UNDER : BOOST);
            assertThat(r.vcpu("a", 0).migrations()).isEqualTo(1);
        }
    }

    /**
     * Reference 9.2 and 13.9: on one socket without SMT (the Q6600: 1 x 4 x 1) every PCPU is its
     * own sibling group, so pick_cpu compares 1 idler with 1 and keeps the VCPU where it is. The
     * tick's migrate check therefore never moves a running hog, and never re-boosts it, although
     * two PCPUs stay idle throughout (the same hogs on two SMT cores do move, see above).
     */
    @Test
    void tickMigrateCheckNeverMovesAHogOnOneSocketWithoutSmt() {
        Simulation sim = CreditSim.on("q6600", 4).topology(Topology.regular(1, 4, 1, 2)).duration(100 * MS)
                .domain("a", 1, i -> Guests.hog(), List.of(CpuMask.of(0)))
                .domain("b", 1, i -> Guests.hog(), List.of(CpuMask.of(1)))
                .build();
        PcpuTimeline t = new PcpuTimeline();
        sim.addListener(t);
        sim.at(2 * MS, s -> {
            s.setAffinity("a", 0, CpuMask.all(4));
            s.setAffinity("b", 0, CpuMask.all(4));
        });
        List<Long> after = List.of(25 * MS, 50 * MS, 75 * MS, 99 * MS);
        List<Integer> aPri = pris(sim, after, "a");
        List<Integer> bPri = pris(sim, after, "b");
        SimulationResult r = sim.run();
        assertThat(busy(t, 0)).containsExactly("a/0[0,end)");
        assertThat(busy(t, 1)).containsExactly("b/0[0,end)");
        assertThat(busy(t, 2)).isEmpty();
        assertThat(busy(t, 3)).isEmpty();
        assertThat(r.vcpu("a", 0).migrations()).isZero();
        assertThat(r.vcpu("b", 0).migrations()).isZero();
        assertThat(aPri).doesNotContain(BOOST);
        assertThat(bPri).doesNotContain(BOOST);
    }

    /** Reference 7.2 (4.7): an affinity change migrates the running VCPU; 4.0 boosts it on arrival. */
    @Test
    void affinityChangeMigrationBoostsIn40Only() {
        for (boolean noBoost : new boolean[] {false, true}) {
            Simulation sim = CreditSim.on("pin", 2).param("noBoostOnMigrate", Boolean.toString(noBoost))
                    .duration(20 * MS)
                    .domain("v", Guests.hog())
                    .build();
            // v starts on PCPU 1 (default_vcpu0_location: the higher of two idle PCPUs)
            sim.at(15 * MS, s -> s.setAffinity("v", 0, CpuMask.of(0)));
            List<Integer> vPri = pris(sim, List.of(14 * MS, 15 * MS + 1), "v");
            List<Integer> where = new ArrayList<>();
            sim.at(15 * MS + 1, s -> where.add(s.vcpu("v", 0).processor()));
            sim.run();
            assertThat(where).containsExactly(0);
            assertThat(vPri).containsExactly(UNDER, noBoost ? UNDER : BOOST);
        }
    }

    // ------------------------------------------------------------------ 8.2 rate limit

    /**
     * Reference 8.2.1: h runs from 1 ms; c (BOOST) preempts it at 15 ms and blocks at 15.2 ms,
     * so h is switched in again at 15.2 ms. b wakes at 15.5 ms (BOOST > UNDER) but h has run
     * only 300 us of the 1 ms rate limit: 4.2-4.7 keep h for a full 1 ms (b runs at 16.5 ms),
     * 4.8+ for the remaining 700 us (b runs at 16.2 ms).
     */
    @Test
    void ratelimitDefersABoostPreemptionByTheRightAmount() {
        for (String version : new String[] {"4.2", "4.13"}) {
            PcpuTimeline t = new PcpuTimeline();
            Simulation sim = CreditSim.on("ratelimit", 1).param("xenVersion", version).duration(20 * MS)
                    .domain("h", script(sleepUntil(1 * MS), compute(Guests_S)))
                    .domain("c", script(sleepUntil(15 * MS), compute(200 * US), halt()))
                    .domain("b", script(sleepUntil(15 * MS + 500 * US), compute(100 * US), halt()))
                    .build();
            sim.addListener(t);
            SimulationResult r = sim.run();
            long start = version.equals("4.2") ? 16_500 : 16_200;
            assertThat(busy(t, 0)).as(version).containsExactly("h/0[1000,15000)", "c/0[15000,15200)",
                    "h/0[15200," + start + ")", "b/0[" + start + "," + (start + 100) + ")",
                    "h/0[" + (start + 100) + ",end)");
            assertThat(r.vcpu("b", 0).wakeLatency().max()).as(version)
                    .isBetween((start - 15_500) * US - 20 * US, (start - 15_500) * US + 20 * US);
        }
    }

    /** Reference 8.2.1: without a rate limit (Xen 4.0) the same BOOST wake preempts at once. */
    @Test
    void noRatelimitIn40() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = CreditSim.on("no-ratelimit", 1).duration(20 * MS)
                .domain("h", script(sleepUntil(1 * MS), compute(Guests_S)))
                .domain("c", script(sleepUntil(15 * MS), compute(200 * US), halt()))
                .domain("b", script(sleepUntil(15 * MS + 500 * US), compute(100 * US), halt()))
                .build();
        sim.addListener(t);
        sim.run();
        assertThat(busy(t, 0)).containsExactly("h/0[1000,15000)", "c/0[15000,15200)", "h/0[15200,15500)",
                "b/0[15500,15600)", "h/0[15600,end)");
    }

    // ------------------------------------------------------------------ 10 yield, block

    /**
     * Reference 10 and 6.1: in 4.0 a yield only reschedules, so the yielder goes behind VCPUs
     * of its own priority only; with yieldFlag (4.1) also behind one lower-priority VCPU. y
     * computes 1 ms and yields, forever; o is a hog. y runs 0-1 ms, o (queued since boot) 1-31
     * ms; o's credit is set at 29 ms so the 30 ms pass makes it OVER, while y (never caught by a
     * tick) keeps BOOST. From 31 ms y runs; at each yield 4.0 requeues it ahead of the OVER o,
     * so o starves until the 60 ms pass; with yieldFlag o runs from y's first yield at 32 ms.
     */
    @Test
    void yieldGivesWayToLowerPriorityOnlyWithTheYieldFlag() {
        for (boolean flag : new boolean[] {false, true}) {
            Simulation sim = CreditSim.on("yield", 1).param("yieldFlag", Boolean.toString(flag)).duration(60 * MS)
                    .domain("y", Guests.yielder(1 * MS))
                    .domain("o", Guests.hog())
                    .build();
            sim.at(29 * MS, s -> credit(s).state(s.vcpu("o", 0)).credit = -2000);
            List<Integer> oPri = pris(sim, List.of(31 * MS), "o");
            SimulationResult r = sim.run();
            assertThat(oPri).containsExactly(OVER);
            assertThat(r.vcpu("o", 0).runningNs()).as("yieldFlag=%s", flag).isEqualTo(flag ? 58 * MS : 30 * MS);
        }
    }

    /** Reference 10: a VCPU's credits are burned up to the block, its priority kept. */
    @Test
    void blockBurnsCreditsAndKeepsPriority() {
        Simulation sim = CreditSim.on("block", 1).duration(10 * MS)
                .domain("a", script(sleepUntil(1 * MS), compute(3 * MS), sleepUntil(9 * MS + 500 * US), halt()))
                .build();
        List<Integer> c = new ArrayList<>();
        sim.at(5 * MS, s -> {
            c.add(credit(s).credit(s.vcpu("a", 0)));
            c.add(credit(s).priority(s.vcpu("a", 0)));
        });
        sim.run();
        assertThat(c).containsExactly(-30, BOOST);
    }

    /** {@code xl sched-credit -d dom -w W} during a run changes the global weight. */
    @Test
    void adjustDomainWeightDuringARun() {
        Simulation sim = CreditSim.on("adjust", 1).duration(100 * MS)
                .domain("a", Guests.hog())
                .domain("b", Guests.hog())
                .build();
        sim.at(50 * MS, s -> s.adjustDomain("a", Map.of("weight", "768")));
        long[] w = new long[2];
        sim.at(49 * MS, s -> w[0] = credit(s).totalWeight());
        sim.at(51 * MS, s -> w[1] = credit(s).totalWeight());
        sim.run();
        assertThat(w).containsExactly(512, 1024);
    }
}
