package io.github.vsched.rtds;

import io.github.vsched.core.Simulation;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import org.junit.jupiter.api.Test;

import static io.github.vsched.rtds.RtdsSim.MS;
import static io.github.vsched.rtds.RtdsSim.busy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RTDS rules seen in the timing of small runs on the real engine, checked mode, cost-free
 * platform: every segment below is computed by hand from the reference's rules.
 */
class RtdsTimingTest {

    /**
     * Reference 3, 4 and 5: a CPU hog with 3 ms every 10 ms and no extratime runs exactly its
     * budget at the start of each period (its deadlines lie on multiples of the period from
     * time 0), is depleted, and runs again only when the replenishment timer refills it at
     * the deadline; the PCPU idles in between.
     */
    @Test
    void depletedVcpuWaitsForItsReplenishmentAndGetsExactlyItsBudgetPerPeriod() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = RtdsSim.on("budget", 1).duration(99 * MS)
                .domain("v", Guests.hog(), "10ms", "3ms", false)
                .build();
        sim.addListener(t);
        SimulationResult r = sim.run();
        assertThat(busy(t, 0)).startsWith("v/0[0,3000)", "v/0[10000,13000)", "v/0[20000,23000)");
        assertThat(busy(t, 0)).hasSize(10);
        assertThat(r.vcpu("v", 0).runningNs()).isEqualTo(30 * MS);
    }

    /**
     * Reference 2 and 6: global EDF on one PCPU. Three hogs without extratime, all runnable at
     * 0: b (2 ms / 10 ms, deadline 10), c (2 ms / 20 ms, deadline 20) and a (3 ms / 30 ms,
     * deadline 30) run in deadline order; at 10 ms b is refilled and runs alone; at 20 ms b
     * (deadline 30) and c (deadline 40) are refilled and b goes first; at 30 ms b (deadline 40)
     * runs before a (deadline 60).
     */
    @Test
    void earliestDeadlineRunsFirst() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = RtdsSim.on("edf", 1).duration(39 * MS)
                .domain("a", Guests.hog(), "30ms", "3ms", false)
                .domain("b", Guests.hog(), "10ms", "2ms", false)
                .domain("c", Guests.hog(), "20ms", "2ms", false)
                .build();
        sim.addListener(t);
        sim.run();
        assertThat(busy(t, 0)).containsExactly("b/0[0,2000)", "c/0[2000,4000)", "a/0[4000,7000)",
                "b/0[10000,12000)", "b/0[20000,22000)", "c/0[22000,24000)", "b/0[30000,32000)",
                "a/0[32000,35000)");
    }

    /**
     * Reference 5, 6 and 9: two hogs with Xen's default server (4 ms / 10 ms, extratime) on one
     * PCPU. a uses its budget (0-4), b its own (4-8); both then run at extratime level 1 with a
     * new budget, a first (8-12, as the queued VCPU wins a tie). The replenishment at 10 ms puts
     * both back at level 0 with deadline 20, a tie, so the running a is not preempted; at 12 ms
     * its slice ends and the tie goes to the queued b (12-16). a has 2 ms left (16-18), then
     * extratime alternates again (b 18-22, a 22-26, b 26-28 ...). Each gets half the PCPU.
     */
    @Test
    void equalServersShareThroughExtratimeAndTiesGoToTheQueuedVcpu() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = RtdsSim.on("ties", 1).duration(100 * MS)
                .domain("a", Guests.hog(), null, null, null)
                .domain("b", Guests.hog(), null, null, null)
                .build();
        sim.addListener(t);
        SimulationResult r = sim.run();
        assertThat(busy(t, 0)).startsWith("a/0[0,4000)", "b/0[4000,8000)", "a/0[8000,12000)", "b/0[12000,16000)",
                "a/0[16000,18000)", "b/0[18000,22000)", "a/0[22000,26000)", "b/0[26000,28000)", "a/0[28000,32000)");
        assertThat(r.vcpu("a", 0).runningNs() + r.vcpu("b", 0).runningNs()).isEqualTo(100 * MS);
        assertThat(r.vcpu("a", 0).runningNs()).isBetween(48 * MS, 52 * MS);
    }

    /**
     * Reference 9: extratime only takes time no budget claims. On one PCPU, b (6 ms / 10 ms, no
     * extratime) and a (2 ms / 10 ms, extratime) are hogs: each gets its budget at level 0, and a
     * alone takes the 2 ms left at level 1: 40% and 60%. Without extratime a gets its 20% and
     * the PCPU idles 20%.
     */
    @Test
    void extratimeVcpuTakesOnlyTheTimeNoBudgetClaims() {
        SimulationResult with = RtdsSim.on("extra", 1).duration(100 * MS)
                .domain("a", Guests.hog(), "10ms", "2ms", true)
                .domain("b", Guests.hog(), "10ms", "6ms", false)
                .build().run();
        assertThat(with.vcpu("a", 0).runningNs()).isEqualTo(40 * MS);
        assertThat(with.vcpu("b", 0).runningNs()).isEqualTo(60 * MS);

        SimulationResult without = RtdsSim.on("no-extra", 1).duration(100 * MS)
                .domain("a", Guests.hog(), "10ms", "2ms", false)
                .domain("b", Guests.hog(), "10ms", "6ms", false)
                .build().run();
        assertThat(without.vcpu("a", 0).runningNs()).isEqualTo(20 * MS);
        assertThat(without.vcpu("b", 0).runningNs()).isEqualTo(60 * MS);
    }

    /**
     * Reference 9: a VCPU still on its budget (level 0) runs before any VCPU at an extratime
     * level, whatever the deadlines. x (1 ms / 100 ms, extratime) is a hog; y (2 ms / 5 ms)
     * wakes every 5 ms to compute 1 ms. Once x has used its 1 ms budget, it runs at level 1, and
     * each of y's wake-ups (at 5, 10, ... 195 ms: 39 of them) preempts it at once, although
     * x's deadline (100 ms) is earlier than most of y's: y's wake-up latency is zero.
     */
    @Test
    void budgetedVcpuPreemptsExtratimeVcpu() {
        SimulationResult r = RtdsSim.on("levels", 1).duration(200 * MS)
                .domain("x", Guests.hog(), "100ms", "1ms", true)
                .domain("y", Guests.periodic(5 * MS, 1 * MS, 5 * MS), "5ms", "2ms", false)
                .build().run();
        assertThat(r.vcpu("y", 0).runningNs()).isEqualTo(39 * MS);
        assertThat(r.vcpu("y", 0).wakeLatency().max()).isZero();
        assertThat(r.vcpu("x", 0).runningNs()).isEqualTo(200 * MS - 39 * MS);
    }

    /**
     * Reference 6: on two PCPUs, global EDF runs the two earliest deadlines wherever they are.
     * Three hogs without extratime: p and q (4 ms / 10 ms) and r (8 ms / 20 ms): p and q run
     * first on the two PCPUs, r takes whichever frees first and, being global, r gets its whole
     * 8 ms per 20 ms on whichever PCPU is free.
     */
    @Test
    void globalQueueServesEveryPcpu() {
        SimulationResult r = RtdsSim.on("global", 2).duration(100 * MS)
                .domain("p", Guests.hog(), "10ms", "4ms", false)
                .domain("q", Guests.hog(), "10ms", "4ms", false)
                .domain("r", Guests.hog(), "20ms", "8ms", false)
                .build().run();
        assertThat(r.vcpu("p", 0).runningNs()).isEqualTo(40 * MS);
        assertThat(r.vcpu("q", 0).runningNs()).isEqualTo(40 * MS);
        assertThat(r.vcpu("r", 0).runningNs()).isEqualTo(40 * MS);
    }
}
