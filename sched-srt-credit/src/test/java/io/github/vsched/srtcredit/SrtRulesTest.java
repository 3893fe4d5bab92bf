package io.github.vsched.srtcredit;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.GuestModel;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import io.github.vsched.credit.CreditPriority;
import io.github.vsched.credit.CreditScheduler;
import io.github.vsched.testkit.Timelines.Run;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.US;
import static io.github.vsched.core.guest.Guests.compute;
import static io.github.vsched.core.guest.Guests.halt;
import static io.github.vsched.core.guest.Guests.sleepUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test per rule of srt-credit, with hand-computed schedules on cost-free PCPUs and aligned
 * 10 ms ticks (so no tick falls in the first 10 ms). "rt" is the soft real-time VCPU
 * (SBT 60 us, USBT 2.3 ms unless said otherwise). Every guest wakes at boot (t = 0), which is
 * rt's first LL-boost; so the tests start at 3 ms, when rt is eligible again.
 */
class SrtRulesTest {

    static DomainSpec.Builder dom(String name, GuestModel m) {
        return DomainSpec.builder(name).workload("w", Guests.workload(i -> m));
    }

    static DomainSpec rt(GuestModel m, String... extra) {
        DomainSpec.Builder b = dom("rt", m).vcpuSchedulerParam(0, "llBoost", "true")
                .vcpuSchedulerParam(0, "sbt", "60us").vcpuSchedulerParam(0, "usbt", "2.3ms");
        for (int i = 0; i < extra.length; i += 2) {
            b.vcpuSchedulerParam(0, extra[i], extra[i + 1]);
        }
        return b.build();
    }

    static Simulation sim(String scheduler, int pcpus, long duration, Map<String, String> params, DomainSpec... ds) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put("tickPhase", "aligned");
        Scenario.Builder b = Scenario.builder("srt").platform(FixedCostPlatform.ideal(pcpus)).duration(duration)
                .checked(true).scheduler(scheduler, p);
        for (DomainSpec d : ds) {
            b.domain(d);
        }
        return Simulations.create(b.build());
    }

    static List<Run> segments(Simulation s, String vcpu) {
        PcpuTimeline t = new PcpuTimeline();
        s.addListener(t);
        s.run();
        return t.segments().stream().map(Run::of).filter(x -> x.vcpu().equals(vcpu) && x.end() > x.start()).toList();
    }

    /**
     * LL-boost preempts BOOST (paper mechanism 1). io wakes at 3 ms (BOOST) and computes 5 ms;
     * rt wakes at 4 ms: LL-boosted, it preempts io at once. Under credit rt is only BOOST,
     * BOOST does not preempt BOOST, and it waits for io's burst to end at 8 ms.
     */
    @Test
    void llBoostPreemptsBoost() {
        GuestModel io = Guests.script(sleepUntil(3 * MS), compute(5 * MS), halt());
        GuestModel r = Guests.script(sleepUntil(4 * MS), compute(60 * US), halt());
        List<Run> srt = segments(sim("srt-credit", 1, 9 * MS, Map.of(), dom("io", io).build(), rt(r)), "rt/0");
        assertThat(srt).containsExactly(new Run(0, "rt/0", 4 * MS, 4 * MS + 60 * US));

        GuestModel io2 = Guests.script(sleepUntil(3 * MS), compute(5 * MS), halt());
        GuestModel r2 = Guests.script(sleepUntil(4 * MS), compute(60 * US), halt());
        List<Run> credit = segments(sim("credit", 1, 9 * MS, Map.of(), dom("io", io2).build(),
                dom("rt", r2).build()), "rt/0");
        assertThat(credit).containsExactly(new Run(0, "rt/0", 8 * MS, 8 * MS + 60 * US));
    }

    /**
     * An LL-boosted VCPU is dispatched ahead of a queue of BOOSTed I/O VCPUs: three I/O VCPUs
     * wake at 3 ms and compute 1 ms each (one runs, two wait, all BOOST); rt wakes at 3.1 ms and
     * runs at once instead of at 6 ms.
     */
    @Test
    void llBoostGoesAheadOfQueuedBoost() {
        List<Run> s = segments(sim("srt-credit", 1, 6 * MS, Map.of(),
                dom("io", Guests.script(sleepUntil(3 * MS), compute(MS), halt())).vcpus(3).build(),
                rt(Guests.script(sleepUntil(3100 * US), compute(60 * US), halt()))), "rt/0");
        assertThat(s).containsExactly(new Run(0, "rt/0", 3100 * US, 3160 * US));
    }

    /**
     * SBT exhaustion: rt wakes at 3 ms and wants 200 us; after its 60 us of LL-boost it drops to
     * the priority credit gave it at the wake (BOOST), so the hog it preempted, BOOST since boot
     * and queued first, gets the PCPU back (FIFO within BOOST) and rt waits.
     */
    @Test
    void sbtExhaustionDropsToThePriorityCreditGives() {
        Simulation s = sim("srt-credit", 1, 5 * MS, Map.of(), dom("hog", Guests.hog()).build(),
                rt(Guests.script(sleepUntil(3 * MS), compute(200 * US), halt())));
        s.runUntil(3 * MS + 30 * US);
        CreditScheduler c = (CreditScheduler) s.scheduler();
        SrtCreditExtension e = SrtCreditExtension.of(c);
        assertThat(c.priority(s.vcpu("rt", 0))).isEqualTo(SrtCreditExtension.LL_BOOST);
        assertThat(s.pcpu(0).current().name()).isEqualTo("rt/0");
        s.runUntil(3 * MS + 61 * US);
        assertThat(e.isLlBoosted(s.vcpu("rt", 0))).isFalse();
        assertThat(c.priority(s.vcpu("rt", 0))).isEqualTo(CreditPriority.BOOST);
        assertThat(s.pcpu(0).current().name()).isEqualTo("hog/0");
        assertThat(e.counters(s.vcpu("rt", 0)).exhausted()).isEqualTo(1);
    }

    /**
     * USBT blocks a second LL-boost: rt is LL-boosted at 3 ms, blocks, and wakes again at 4 ms,
     * 1 ms after the grant (USBT 2.3 ms): it is only BOOST then, so it waits behind the running
     * BOOSTed I/O VCPU. Without promotion it stays so until io's burst ends at 8 ms.
     */
    @Test
    void usbtBlocksASecondLlBoostUntilItExpires() {
        Simulation s = sim("srt-credit", 1, 9 * MS, Map.of("promoteOnUsbtExpiry", "false"),
                dom("io", Guests.script(sleepUntil(3500 * US), compute(4500 * US), halt())).build(),
                rt(Guests.script(sleepUntil(3 * MS), compute(60 * US), sleepUntil(4 * MS), compute(60 * US), halt())));
        List<Run> r = segments(s, "rt/0");
        assertThat(r).containsExactly(new Run(0, "rt/0", 3 * MS, 3 * MS + 60 * US),
                new Run(0, "rt/0", 8 * MS, 8 * MS + 60 * US));
        // boot and 3 ms; not 4 ms
        assertThat(SrtCreditExtension.of(s.scheduler()).counters(s.vcpu("rt", 0)).grants()).isEqualTo(2);
    }

    /**
     * Promotion at USBT expiry: the same, with promotion on (the default). rt, runnable behind
     * io since 4 ms, is LL-boosted when its USBT expires at 3 ms + 2.3 ms and preempts io.
     */
    @Test
    void promotionAtUsbtExpiry() {
        Simulation s = sim("srt-credit", 1, 9 * MS, Map.of(),
                dom("io", Guests.script(sleepUntil(3500 * US), compute(4500 * US), halt())).build(),
                rt(Guests.script(sleepUntil(3 * MS), compute(60 * US), sleepUntil(4 * MS), compute(60 * US), halt())));
        List<Run> r = segments(s, "rt/0");
        assertThat(r).containsExactly(new Run(0, "rt/0", 3 * MS, 3 * MS + 60 * US),
                new Run(0, "rt/0", 5300 * US, 5360 * US));
        assertThat(SrtCreditExtension.of(s.scheduler()).counters(s.vcpu("rt", 0)).promotions()).isEqualTo(1);
    }

    /**
     * Steal order prefers LL-boosted VCPUs (mechanism 4). Placement puts z, z2, z3 on pcpu0, u
     * and h1 on pcpu1, r1, r2 and h2 on pcpu2; u, r1 and r2 block at boot until 5 ms. pcpu0 goes
     * idle at 4 ms. At 5 ms u wakes on busy pcpu1 (BOOST, behind the BOOST hog h1) and tickles
     * pcpu0; r1 and r2 wake on pcpu2, both LL-boosted: r1 preempts h2, r2 waits. pcpu0
     * load-balances visiting pcpu1 first: with mechanism 4 it takes r2 from pcpu2; without, u from
     * pcpu1, as credit would.
     */
    @Test
    void stealOrderPrefersLlBoostedVcpus() {
        for (boolean llFirst : new boolean[] {true, false}) {
            GuestModel halter = Guests.script(halt());
            Simulation s = sim("srt-credit", 3, 7 * MS, Map.of("mechanismLlMigration", Boolean.toString(llFirst)),
                    dom("z", Guests.script(compute(4 * MS), halt())).affinity(CpuMask.of(0)).build(),
                    dom("z2", halter).affinity(CpuMask.of(0)).build(),
                    dom("z3", Guests.script(halt())).affinity(CpuMask.of(0)).build(),
                    dom("u", Guests.script(sleepUntil(5 * MS), compute(10 * MS))).affinity(CpuMask.of(0, 1)).build(),
                    dom("h1", Guests.hog()).affinity(CpuMask.of(1)).build(),
                    rtOn("r1", CpuMask.of(0, 2)), rtOn("r2", CpuMask.of(0, 2)),
                    dom("h2", Guests.hog()).affinity(CpuMask.of(2)).build());
            assertThat(s.vcpu("u", 0).processor()).isEqualTo(1);
            assertThat(s.vcpu("r2", 0).processor()).isEqualTo(2);
            PcpuTimeline t = new PcpuTimeline();
            s.addListener(t);
            s.runUntil(5 * MS + US);
            String first = t.segments().isEmpty() ? "" : s.pcpu(0).current().name();
            assertThat(first).as("LL-first stealing %s", llFirst).isEqualTo(llFirst ? "r2/0" : "u/0");
        }
    }

    static DomainSpec rtOn(String name, CpuMask affinity) {
        return dom(name, Guests.script(sleepUntil(5 * MS), compute(MS), halt())).affinity(affinity)
                .vcpuSchedulerParam(0, "llBoost", "true").vcpuSchedulerParam(0, "sbt", "2ms")
                .vcpuSchedulerParam(0, "usbt", "4ms").build();
    }
}
