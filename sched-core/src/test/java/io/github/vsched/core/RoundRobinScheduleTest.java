package io.github.vsched.core;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.Topology;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.US;
import static io.github.vsched.core.guest.Guests.compute;
import static io.github.vsched.core.guest.Guests.halt;
import static io.github.vsched.core.guest.Guests.sleepFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hand-computed schedules under the round-robin plugin (10 ms slice), checked segment by
 * segment. Each test states the expected schedule and why.
 */
class RoundRobinScheduleTest {

    static Scenario.Builder scenario(FixedCostPlatform platform, long duration) {
        return Scenario.builder("hand").platform(platform).duration(duration)
                .scheduler("round-robin", Map.of()).checked(true);
    }

    static DomainSpec domain(String name, GuestModel model) {
        return DomainSpec.builder(name).workload("script", Guests.workload(i -> model)).build();
    }

    static DomainSpec pinned(String name, CpuMask mask, GuestModel model) {
        return DomainSpec.builder(name).affinity(mask).workload("script", Guests.workload(i -> model)).build();
    }

    static Run seg(int pcpu, String vcpu, long start, long end) {
        return new Run(pcpu, vcpu, start, end);
    }

    /**
     * 2 PCPUs, 3 VCPUs, no costs. Placement: a -> pcpu1, b -> pcpu0, c -> pcpu1 (least
     * populated, ties to the highest-numbered, as Xen's default_vcpu0_location). c waits behind a
     * until b blocks at 5 ms; pcpu0 then steals c. b wakes at 15 ms on pcpu0 behind c; c's slice
     * ends at 15 ms, so b runs until it halts at 20 ms and c resumes. a is alone on pcpu1 and
     * keeps going, slice after slice.
     */
    @Test
    void twoPcpusThreeVcpusEventByEvent() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = Simulations.create(scenario(FixedCostPlatform.ideal(2), 40 * MS)
                .domain(domain("a", Guests.hog()))
                .domain(domain("b", Guests.script(compute(5 * MS), sleepFor(10 * MS), compute(5 * MS), halt())))
                .domain(domain("c", Guests.hog()))
                .build());
        sim.addListener(t);
        SimulationResult r = sim.run();

        assertThat(Run.of(t.busySegments(1))).containsExactly(seg(1, "a/0", 0, Long.MAX_VALUE));
        assertThat(Run.of(t.busySegments(0))).containsExactly(
                seg(0, "b/0", 0, 5 * MS),
                seg(0, "c/0", 5 * MS, 15 * MS),
                seg(0, "b/0", 15 * MS, 20 * MS),
                seg(0, "c/0", 20 * MS, Long.MAX_VALUE));
        assertThat(r.vcpu("a", 0).runningNs()).isEqualTo(40 * MS);
        assertThat(r.vcpu("b", 0).runningNs()).isEqualTo(10 * MS);
        assertThat(r.vcpu("b", 0).blockedNs()).isEqualTo(10 * MS);
        assertThat(r.vcpu("b", 0).offlineNs()).isEqualTo(20 * MS);
        assertThat(r.vcpu("c", 0).runningNs()).isEqualTo(30 * MS);
        assertThat(r.vcpu("c", 0).runnableNs()).isEqualTo(10 * MS);
        assertThat(r.vcpu("c", 0).migrations()).isEqualTo(1);
        // b's wake at 15 ms was served at once: its slice-mate c had just expired
        assertThat(r.vcpu("b", 0).wakeLatency().max()).isZero();
        assertThat(r.vcpu("b", 0).dispatchInterval().count()).isEqualTo(1);
        assertThat(r.vcpu("b", 0).dispatchInterval().max()).isBetween(15 * MS - 150 * US, 15 * MS + 150 * US);
    }

    /**
     * Preemption by the slice timer, with a 100 us context switch: a and b share one PCPU.
     * a runs [0, 10 ms); b is switched in at 10 ms but starts computing only at 10.1 ms, so its
     * 5 ms burst ends at 15.1 ms, when it halts and a comes back.
     */
    @Test
    void slicePreemptionWithContextSwitchCost() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = Simulations.create(scenario(FixedCostPlatform.ideal(1).withContextSwitch(100 * US), 30 * MS)
                .domain(domain("a", Guests.hog()))
                .domain(domain("b", Guests.script(compute(5 * MS), halt())))
                .build());
        sim.addListener(t);
        SimulationResult r = sim.run();
        assertThat(Run.of(t.busySegments(0))).containsExactly(
                seg(0, "a/0", 0, 10 * MS),
                seg(0, "b/0", 10 * MS, 15 * MS + 100 * US),
                seg(0, "a/0", 15 * MS + 100 * US, Long.MAX_VALUE));
        assertThat(r.vcpu("b", 0).overheadNs()).isEqualTo(100 * US);
        assertThat(r.vcpu("a", 0).overheadNs()).isEqualTo(200 * US);
        assertThat(r.vcpu("b", 0).runLength().max()).isBetween(5 * MS, 5 * MS + 200 * US);
    }

    /**
     * IPI delay: b is placed on pcpu2 (the highest of the least populated) and wakes at 1 ms there,
     * busy with c (pinned there); round-robin tickles the idle pcpu1, whose softirq runs one IPI
     * latency (50 us) later and steals b. With a zero IPI latency b runs at 1 ms exactly.
     */
    @Test
    void remoteTickleWaitsForTheIpi() {
        for (long ipi : new long[] {50 * US, 0}) {
            PcpuTimeline t = new PcpuTimeline();
            FixedCostPlatform p = FixedCostPlatform.ideal(3).withIpi(ipi);
            Simulation sim = Simulations.create(scenario(p, 5 * MS)
                    .domain(pinned("a", CpuMask.of(0), Guests.hog()))
                    .domain(domain("b", Guests.script(sleepFor(1 * MS), compute(1 * MS), halt())))
                    .domain(pinned("c", CpuMask.of(2), Guests.hog()))
                    .build());
            sim.addListener(t);
            SimulationResult r = sim.run();
            assertThat(Run.of(t.busySegments(1))).containsExactly(seg(1, "b/0", MS + ipi, 2 * MS + ipi));
            // the boot wake-up is served at once; the 1 ms one waits for the IPI
            assertThat(r.vcpu("b", 0).wakeLatency().count()).isEqualTo(2);
            assertThat(r.vcpu("b", 0).wakeLatency().max()).isBetween(ipi, ipi + ipi / 50);
        }
    }

    /**
     * Migration through an affinity change (Xen's vcpu_set_affinity -> vcpu_migrate): a runs on
     * pcpu1 (where it was placed); at 3 ms it is pinned to pcpu0. It is descheduled at once, its
     * context is saved, pick_cpu chooses pcpu0, and it is woken and run there at 3 ms.
     */
    @Test
    void affinityChangeMigratesTheRunningVcpu() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = Simulations.create(scenario(FixedCostPlatform.ideal(2), 6 * MS)
                .domain(domain("a", Guests.hog()))
                .build());
        sim.addListener(t);
        sim.at(3 * MS, s -> s.setAffinity("a", 0, CpuMask.of(0)));
        SimulationResult r = sim.run();
        assertThat(Run.of(t.busySegments(1))).containsExactly(seg(1, "a/0", 0, 3 * MS));
        assertThat(Run.of(t.busySegments(0))).containsExactly(seg(0, "a/0", 3 * MS, Long.MAX_VALUE));
        assertThat(r.vcpu("a", 0).migrations()).isEqualTo(1);
        assertThat(r.vcpu("a", 0).runningNs()).isEqualTo(6 * MS);
    }

    /** A cross-cache move costs the platform's refill; a move within a shared cache does not. */
    @Test
    void crossCacheMigrationIsChargedAsOverhead() {
        Topology twoPairs = Topology.regular(1, 4, 1, 2); // caches {0,1} and {2,3}
        for (int target : new int[] {1, 2}) {
            FixedCostPlatform p = FixedCostPlatform.ideal(4).withTopology(twoPairs).withCrossCacheMigration(30 * US);
            Simulation sim = Simulations.create(scenario(p, 6 * MS)
                    .domain(pinned("a", CpuMask.of(0), Guests.hog()))
                    .build());
            sim.at(3 * MS, s -> s.setAffinity("a", 0, CpuMask.of(target)));
            SimulationResult r = sim.run();
            assertThat(r.vcpu("a", 0).overheadNs()).as("move 0 -> %d", target).isEqualTo(target == 1 ? 0 : 30 * US);
        }
    }
}
