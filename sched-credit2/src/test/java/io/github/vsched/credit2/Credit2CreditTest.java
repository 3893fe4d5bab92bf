package io.github.vsched.credit2;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.vsched.credit2.Credit2Sim.MS;
import static io.github.vsched.credit2.Credit2Sim.US;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credit and the scheduling decision (reference sections 3 and 4): credit init, the weight
 * scaling of burnt credit (t2c/c2t), the floor, the reset, the slice between the min and max
 * timers, the rate limit and yield. Each test names the section it checks.
 */
class Credit2CreditTest {

    private static Credit2Runqueue runqueue(int maxWeight) {
        Credit2Runqueue rqd = new Credit2Runqueue(0, 1, 0);
        rqd.maxWeight = maxWeight;
        return rqd;
    }

    // ------------------------------------------------------------------ 3 credit

    /** Reference 3.1: a new VCPU has CSCHED2_CREDIT_INIT (10 ms) of credit, its domain's weight and half a load. */
    @Test
    void newVcpuStartsWithCreditInit() {
        Credit2Sim.Driven d = new Credit2Sim.Driven(FixedCostPlatform.ideal(1));
        VcpuView a = d.vcpu("a", 0);
        VcpuView b = d.vcpu("b", 0, "weight", "64");
        assertThat(d.svc(a).credit).isEqualTo(10_000_000);
        assertThat(d.svc(a).weight).isEqualTo(256);
        assertThat(d.svc(b).weight).isEqualTo(64);
        assertThat(d.svc(a).avgload).isEqualTo(1L << 17);
        assertThat(d.sched.pcpu(0).idleSvc.credit).isEqualTo(Credit2Config.CREDIT_MIN - 1);
        assertThat(d.sched.pcpu(0).rqd.maxWeight).isEqualTo(256);
    }

    /**
     * Reference 3.2 (t2c_update): burning {@code t} ns costs {@code t * max_weight / weight}
     * credits, the remainder carried to the next charge; c2t converts back at the same rate.
     */
    @Test
    void burnScalesByMaxWeightOverWeightAndCarriesTheRemainder() {
        Credit2Runqueue rqd = runqueue(256);
        Credit2Vcpu heavy = new Credit2Vcpu(null, new Credit2Domain(null, 256), CpuMask.all(1));
        Credit2Vcpu light = new Credit2Vcpu(null, new Credit2Domain(null, 128), CpuMask.all(1));
        Credit2Vcpu odd = new Credit2Vcpu(null, new Credit2Domain(null, 3), CpuMask.all(1));
        Credit2Scheduler.t2c(rqd, 1 * MS, heavy);
        Credit2Scheduler.t2c(rqd, 1 * MS, light);
        assertThat(heavy.credit).isEqualTo(10_000_000 - 1_000_000);
        assertThat(light.credit).isEqualTo(10_000_000 - 2_000_000);

        Credit2Scheduler.t2c(rqd, 1000, odd); // 256000 / 3 = 85333 remainder 1
        assertThat(odd.credit).isEqualTo(10_000_000 - 85_333);
        assertThat(odd.residual).isEqualTo(1);
        Credit2Scheduler.t2c(rqd, 1000, odd); // (256000 + 1) / 3 = 85333 remainder 2
        assertThat(odd.residual).isEqualTo(2);
        Credit2Scheduler.t2c(rqd, 1000, odd); // (256000 + 2) / 3 = 85334 remainder 0
        assertThat(odd.credit).isEqualTo(10_000_000 - 3 * 85_333 - 1);
        assertThat(odd.residual).isZero();

        assertThat(Credit2Scheduler.c2t(rqd, 2_000_000, light)).isEqualTo(1 * MS);
        assertThat(Credit2Scheduler.c2t(rqd, 2_000_000, heavy)).isEqualTo(2 * MS);
    }

    /** Reference 3.2 (4.14+): however long a VCPU ran, its credit stops at CSCHED2_CREDIT_MIN. */
    @Test
    void creditNeverFallsBelowCreditMin() {
        Credit2Runqueue rqd = runqueue(256);
        Credit2Vcpu v = new Credit2Vcpu(null, new Credit2Domain(null, 256), CpuMask.all(1));
        Credit2Scheduler.t2c(rqd, 25 * MS, v);
        assertThat(v.credit).isEqualTo(-10_000_000);
        assertThat(v.credit).isGreaterThan(Credit2Config.IDLE_CREDIT);
    }

    /**
     * Reference 3.2 and 9: on one PCPU, two hogs of weights 256 and 128 (max_weight 256): the
     * light one burns two credits per ns. Both wake at boot: a runs its 1 ms rate limit (10 ms to
     * 9 ms of credit), b runs until its credit is spent, 5 ms (its slice is its whole credit in
     * time, as a is not queued yet when b is chosen), a runs its 9 ms; at 15 ms both are at 0:
     * the reset gives both 10 ms, and a, which keeps the PCPU at equal credit, runs the min timer;
     * the cycle repeats (b 5 ms, a 9.5 ms and the reset's 0.5 ms). Over time the heavier domain
     * gets two thirds.
     */
    @Test
    void lighterVcpuBurnsFasterAndGetsLessTime() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = Credit2Sim.on("weights", 1).duration(31 * MS)
                .domain("a", Guests.hog())
                .domain("b", Guests.hog(), "weight", "128").build();
        sim.addListener(t);
        sim.run();
        assertThat(Credit2Sim.busy(t, 0)).containsExactly("a/0[0,1000)", "b/0[1000,6000)", "a/0[6000,15500)",
                "b/0[15500,20500)", "a/0[20500,30500)", "b/0[30500,end)");

        SimulationResult r = Credit2Sim.on("weights", 1).duration(400 * MS)
                .domain("heavy", Guests.hog(), "weight", "512")
                .domain("light", Guests.hog(), "weight", "256").build().run();
        double share = (double) r.vcpu("heavy", 0).runningNs() / (400 * MS);
        assertThat(share).isBetween(0.64, 0.69);
    }

    /**
     * Reference 3.3 (reset_credit): when the best credit is used up, every VCPU assigned to the
     * runqueue, blocked ones included, gets CSCHED2_CREDIT_INIT more, clipped at CREDIT_INIT +
     * CARRYOVER_MAX (10.5 ms); VCPUs of other runqueues are untouched.
     */
    @Test
    void creditResetAddsCreditInitToEveryVcpuOfTheRunqueue() {
        Credit2Sim.Driven d = new Credit2Sim.Driven(FixedCostPlatform.ideal(2), Map.of("runqueue", "cpu"));
        VcpuView a = d.pinned("a", 0);
        VcpuView b = d.pinned("b", 0);
        VcpuView sleeping = d.pinned("sleeping", 0);
        VcpuView other = d.pinned("other", 1);
        d.driver.wake(a); // alone when chosen: a slice of its whole credit, 10 ms
        d.driver.wake(b);
        // b runs its 10 ms from 10 ms; at 20 ms both are at 0
        d.driver.advanceTo(20 * MS - 1);
        assertThat(d.svc(a).credit).isZero();
        assertThat(d.sched.priorityName(a)).isEqualTo(Credit2Scheduler.SPENT);
        assertThat(d.svc(sleeping).credit).isEqualTo(10_000_000);
        d.driver.advanceTo(20 * MS);
        assertThat(d.sched.priorityName(a)).isEqualTo(Credit2Scheduler.CREDIT);
        assertThat(d.svc(a).credit).isEqualTo(10_000_000);
        assertThat(d.svc(b).credit).isEqualTo(10_000_000);
        assertThat(d.svc(sleeping).credit).isEqualTo(10_500_000);
        assertThat(d.svc(other).credit).isEqualTo(10_000_000);
        assertThat(d.svc(other).rqd).isNotSameAs(d.svc(a).rqd);
    }

    /**
     * Reference 3.3: a chosen VCPU at the floor (CSCHED2_CREDIT_MIN) makes the reset add twice
     * CSCHED2_CREDIT_INIT, so it is positive again.
     */
    @Test
    void resetAddsTwiceCreditInitWhenTheChosenVcpuIsAtTheFloor() {
        Credit2Sim.Driven d = new Credit2Sim.Driven(FixedCostPlatform.ideal(1));
        VcpuView a = d.vcpu("a", 0);
        VcpuView idle = d.vcpu("blocked", 0);
        d.svc(idle).credit = -5_000_000;
        d.driver.wake(a);
        d.svc(a).credit = Credit2Config.CREDIT_MIN;
        d.driver.schedule(0); // a keeps the PCPU (rate limit); its credit is the best: reset
        assertThat(d.svc(a).credit).isEqualTo(10_000_000);
        assertThat(d.svc(idle).credit).isEqualTo(10_500_000); // -5 ms + 20 ms, clipped
    }

    /**
     * Reference 3.3 (4.14+): the reset condition is the best credit of the runqueue, that of the
     * chosen VCPU or of the runq's head, whichever is higher: a chosen VCPU at 0 with a queued one
     * above (here one not allowed on this PCPU) does not reset.
     */
    @Test
    void resetOnlyWhenTheBestCreditOfTheRunqueueIsUsedUp() {
        Credit2Sim.Driven d = new Credit2Sim.Driven(FixedCostPlatform.ideal(2), Map.of("ratelimitUs", "0"));
        VcpuView a = d.pinned("a", 0);
        VcpuView busy = d.pinned("busy", 1);
        VcpuView waiting = d.pinned("waiting", 1);
        d.driver.wake(a);
        d.driver.wake(busy);
        d.svc(waiting).credit = 3_000_000;
        d.driver.wake(waiting); // below busy's 10 ms: queued for PCPU 1
        assertThat(d.runq(0)).containsExactly("waiting/0");
        d.svc(a).credit = -1000;
        d.svc(a).startTime = d.driver.now();
        d.driver.schedule(0);
        assertThat(d.current(0)).isSameAs(a);
        assertThat(d.svc(a).credit).isEqualTo(-1000);
        assertThat(d.svc(waiting).credit).isEqualTo(3_000_000);

        d.svc(waiting).credit = 0; // the queue's best is now at 0 too: reset
        d.driver.schedule(0);
        assertThat(d.svc(a).credit).isEqualTo(10_000_000 - 1000);
        assertThat(d.svc(waiting).credit).isEqualTo(10_000_000);
    }

    // ------------------------------------------------------------------ 4 the decision and the slice

    /**
     * Reference 4.4 (csched2_runtime): the slice is the time until the chosen VCPU's credit falls
     * to the runq head's (to 0 if the head has none), at its burn rate, at least CSCHED2_MIN_TIMER
     * (500 us) and at most CSCHED2_MAX_TIMER (10 ms).
     */
    @Test
    void sliceIsTheCreditDifferenceWithinMinAndMaxTimer() {
        Credit2Sim.Driven d = new Credit2Sim.Driven(FixedCostPlatform.ideal(1), Map.of("ratelimitUs", "0"));
        VcpuView a = d.vcpu("a", 0);
        VcpuView b = d.vcpu("b", 0, "weight", "128");
        Credit2Runqueue rqd = d.sched.pcpu(0).rqd;
        Credit2Vcpu sa = d.svc(a);
        Credit2Vcpu sb = d.svc(b);
        long now = d.driver.now();
        // nobody waits: the whole credit, capped at 10 ms
        sa.credit = 10_500_000;
        assertThat(d.sched.runtime(rqd, sa, now)).isEqualTo(10 * MS);
        sa.credit = 4_000_000;
        assertThat(d.sched.runtime(rqd, sa, now)).isEqualTo(4 * MS);
        // a waits with 4 ms of credit behind b (5 ms): b's slices, in its time at weight 128
        sb.credit = 5_000_000;
        d.driver.wake(b);
        d.driver.wake(a);
        assertThat(d.current(0)).isSameAs(b);
        assertThat(d.runq(0)).containsExactly("a/0");
        sb.credit = 8_000_000;
        assertThat(d.sched.runtime(rqd, sb, now)).isEqualTo(2 * MS); // 4 ms of credit, half as much time
        sb.credit = 4_100_000;
        assertThat(d.sched.runtime(rqd, sb, now)).isEqualTo(500 * US); // 50 us raised to the min timer
        sb.credit = -2_000_000;
        assertThat(d.sched.runtime(rqd, sb, now)).isEqualTo(500 * US);
        sa.credit = -1; // a head without credit is not waited for: b runs on its own credit
        sb.credit = 3_000_000;
        assertThat(d.sched.runtime(rqd, sb, now)).isEqualTo(1500 * US);
    }

    /**
     * Reference 4.2 and 6.3 (sched_ratelimit_us = 1000): a VCPU that has run less than the rate
     * limit is not tickled for (is_preemptable, until 50 us before the limit), keeps its PCPU when
     * it reschedules (runq_candidate), and its new slice is at least the min timer and what is
     * left of the limit (csched2_runtime). Without a rate limit the waker preempts at once.
     */
    @Test
    void ratelimitKeepsTheCurrentVcpuForItsFirstMillisecond() {
        Credit2Sim.Driven d = new Credit2Sim.Driven(FixedCostPlatform.ideal(1));
        VcpuView a = d.vcpu("a", 0);
        VcpuView b = d.vcpu("b", 0);
        VcpuView c = d.vcpu("c", 0);
        d.svc(a).credit = 2_000_000;
        d.driver.wake(a); // alone: a 2 ms slice
        d.tickles.clear();
        d.driver.advanceTo(200 * US);
        d.driver.wake(b); // 10 ms of credit against 2 ms, but a ran only 200 us: nobody tickled
        assertThat(d.tickles).isEmpty();
        d.driver.advanceTo(960 * US);
        d.driver.wake(c); // within 50 us of the limit: tickled; a keeps the PCPU for 500 us more
        assertThat(d.tickles).containsExactly(0);
        assertThat(d.current(0)).isSameAs(a);
        d.driver.advanceTo(1460 * US - 1);
        assertThat(d.current(0)).isSameAs(a);
        d.driver.advanceTo(1460 * US);
        assertThat(d.current(0)).isSameAs(b);

        Credit2Sim.Driven off = new Credit2Sim.Driven(FixedCostPlatform.ideal(1), Map.of("ratelimitUs", "0"));
        VcpuView x = off.vcpu("x", 0);
        VcpuView y = off.vcpu("y", 0);
        off.svc(x).credit = 2_000_000;
        off.driver.wake(x);
        off.driver.advanceTo(200 * US);
        off.driver.wake(y);
        assertThat(off.current(0)).isSameAs(y);
    }

    /**
     * Reference 4.5 (csched2_unit_yield, runq_candidate): a VCPU that yields is not held by the
     * rate limit, and the runq is scanned past credit order: a queued VCPU with less credit runs.
     */
    @Test
    void yieldingVcpuGivesWayToALowerCreditVcpu() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = Credit2Sim.on("yield", 1).duration(2 * MS)
                .domain("yielder", Guests.script(Guests.compute(300 * US), Guests.yieldCpu(), Guests.compute(5 * MS)))
                .domain("hog", Guests.hog()).build();
        sim.at(0, s -> Credit2Sim.credit2(s).state(s.vcpu("hog", 0)).credit = 1_000_000);
        sim.addListener(t);
        sim.run();
        // the hog runs its 1 ms (its credit, 1 ms, is then spent) and the yielder comes back
        assertThat(Credit2Sim.busy(t, 0)).containsExactly("yielder/0[0,300)", "hog/0[300,1300)",
                "yielder/0[1300,end)");
    }
}
