package io.github.vsched.credit2;

import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.vsched.credit2.Credit2Sim.MS;
import static io.github.vsched.credit2.Credit2Sim.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Caps (reference section 8): the budget per period, the quota each VCPU grabs, parking and
 * unparking, the replenishment timer, overruns, and setting or removing a cap during a run.
 * Each test names the section it checks.
 */
class Credit2CapTest {

    /**
     * Reference 8.1, 8.3 and 8.5: a one-VCPU domain capped at 30% gets a budget of 3 ms every
     * 10 ms period (credit2_cap_period_ms): it runs 3 ms, is parked (paused, offline) until the
     * replenishment timer refills the pool, and runs 3 ms again.
     */
    @Test
    void capLimitsADomainToItsBudgetEveryPeriod() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = Credit2Sim.on("cap", 1).duration(35 * MS).domain("a", Guests.hog(), "cap", "30").build();
        sim.addListener(t);
        SimulationResult r = sim.run();
        assertThat(Credit2Sim.busy(t, 0)).containsExactly("a/0[0,3000)", "a/0[10000,13000)", "a/0[20000,23000)",
                "a/0[30000,33000)");
        assertThat(r.vcpu("a", 0).offlineNs()).isEqualTo(35 * MS - 12 * MS);
        Simulation parked = Credit2Sim.on("cap", 1).duration(5 * MS).domain("a", Guests.hog(), "cap", "30").build();
        parked.run();
        assertThat(parked.scheduler().priorityName(parked.vcpu("a", 0))).isEqualTo(Credit2Scheduler.PARKED);

        PcpuTimeline t5 = new PcpuTimeline();
        Simulation five = Credit2Sim.on("cap-period", 1).duration(12 * MS).param("capPeriodMs", "5")
                .domain("a", Guests.hog(), "cap", "30").build();
        five.addListener(t5);
        five.run();
        assertThat(Credit2Sim.busy(t5, 0)).containsExactly("a/0[0,1500)", "a/0[5000,6500)", "a/0[10000,11500)");
    }

    /**
     * Reference 8.2 (unit_grab_budget, csched2_dom_cntl): each VCPU grabs its quota, the period's
     * budget divided by the domain's VCPUs but at least CSCHED2_MIN_TIMER, from the domain's pool:
     * two VCPUs capped at 50% together run 2.5 ms each per period; with four VCPUs at 10% the quota
     * is raised to 500 us and only two of them get one (without a rate limit, which would stretch
     * their slices to 1 ms: see overrunIsTakenFromTheNextPeriodsBudget).
     */
    @Test
    void eachVcpuGrabsItsQuotaFromTheDomainsPool() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = Credit2Sim.on("quota", 2).duration(15 * MS)
                .domain("d", 2, null, Guests.hog(), "cap", "50").build();
        sim.addListener(t);
        sim.run();
        // the engine places VCPU 0 on the last PCPU (Xen 4.0's default_vcpu0_location), VCPU 1 next
        assertThat(Credit2Sim.busy(t, 1)).containsExactly("d/0[0,2500)", "d/0[10000,12500)");
        assertThat(Credit2Sim.busy(t, 0)).containsExactly("d/1[0,2500)", "d/1[10000,12500)");
        Credit2Domain sdom = Credit2Sim.credit2(sim).domain(sim.domain("d"));
        assertThat(sdom.totBudget).isEqualTo(5 * MS);
        assertThat(sdom.vcpus).allMatch(s -> s.budgetQuota == 2500 * US);

        PcpuTimeline t4 = new PcpuTimeline();
        Simulation four = Credit2Sim.on("quota4", 4).duration(8 * MS).param("ratelimitUs", "0")
                .domain("d", 4, null, Guests.hog(), "cap", "10").build();
        four.addListener(t4);
        four.run();
        Credit2Domain d4 = Credit2Sim.credit2(four).domain(four.domain("d"));
        assertThat(d4.vcpus).allMatch(s -> s.budgetQuota == 500 * US);
        long ran = 0;
        for (int cpu = 0; cpu < 4; cpu++) {
            ran += t4.busySegments(cpu).stream().mapToLong(PcpuTimeline.Segment::lengthNs).sum();
        }
        assertThat(ran).isEqualTo(1 * MS); // two quotas of 500 us; the other two were parked at once
    }

    /**
     * Reference 8.2 and 4.4: a slice is at least the min timer and what is left of the rate limit,
     * even with less budget: the overrun comes out of the pool, so the next period's budget is
     * smaller by as much. Here a capped hog is preempted by a sleeper with 0.1 ms of budget left,
     * grabs that, runs its 1 ms rate limit (0.9 ms over) and gets 2.1 ms in the next period.
     */
    @Test
    void overrunIsTakenFromTheNextPeriodsBudget() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = Credit2Sim.on("overrun", 1).duration(40 * MS)
                .domain("a", Guests.hog(), "cap", "30")
                .domain("b", Guests.sleeper(300 * US, 3 * MS)).build();
        sim.addListener(t);
        sim.run();
        List<String> a = new ArrayList<>();
        for (String seg : Credit2Sim.busy(t, 0)) {
            if (seg.startsWith("a/0")) {
                a.add(seg);
            }
        }
        assertThat(a).containsSequence("a/0[20000,22900)", "a/0[23200,24200)", "a/0[30000,32100)");
    }

    /**
     * Reference 8.6: removing the cap (cap 0) stops the timer, ends budget accounting and unparks
     * the parked VCPUs at once.
     */
    @Test
    void removingTheCapUnparksAtOnce() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = Credit2Sim.on("uncap", 1).duration(20 * MS).domain("a", Guests.hog(), "cap", "30").build();
        sim.addListener(t);
        sim.at(5 * MS, s -> s.adjustDomain("a", Map.of("cap", "0")));
        sim.run();
        assertThat(Credit2Sim.busy(t, 0)).containsExactly("a/0[0,3000)", "a/0[5000,end)");
        Credit2Vcpu svc = Credit2Sim.credit2(sim).state(sim.vcpu("a", 0));
        assertThat(svc.hasCap()).isFalse();
        assertThat(svc.sdom.replTimer.armed()).isFalse();
    }

    /**
     * Reference 8.6: capping a running domain charges its running VCPU so far without budget,
     * reschedules it, and from then on it runs on budget: the pool is full at once (2 ms at 20%)
     * and the first replenishment is a period after the change.
     */
    @Test
    void cappingARunningDomainStartsItsBudgetNow() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = Credit2Sim.on("cap-later", 1).duration(28 * MS).domain("a", Guests.hog()).build();
        sim.addListener(t);
        sim.at(5 * MS, s -> s.adjustDomain("a", Map.of("cap", "20")));
        sim.run();
        assertThat(Credit2Sim.busy(t, 0)).containsExactly("a/0[0,7000)", "a/0[15000,17000)", "a/0[25000,27000)");
    }

    /**
     * Reference 1.4 and 8.6: a cap above 100 per VCPU of the domain is refused (libxl refuses it
     * before asking Xen), at creation and during a run, and leaves the domain as it was.
     */
    @Test
    void capAboveOneHundredPerVcpuIsRefused() {
        assertThatThrownBy(() -> Credit2Sim.on("bad", 2).duration(MS).domain("a", Guests.hog(), "cap", "150").build()
                .run())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("cap").hasMessageContaining("150").hasMessageContaining("[0, 100]");
        Simulation sim = Credit2Sim.on("adjust", 2).duration(10 * MS)
                .domain("a", 2, null, Guests.hog(), "cap", "150").build();
        List<Throwable> refused = new ArrayList<>();
        sim.at(2 * MS, s -> {
            try {
                s.adjustDomain("a", Map.of("cap", "250", "weight", "512"));
            } catch (InvalidParameterException e) {
                refused.add(e);
            }
        });
        sim.run();
        assertThat(refused).singleElement().asString().contains("250", "[0, 200]");
        VcpuView v = sim.vcpu("a", 0);
        assertThat(Credit2Sim.credit2(sim).state(v).sdom.cap).isEqualTo(150);
        assertThat(Credit2Sim.credit2(sim).state(v).weight).isEqualTo(256);
    }
}
