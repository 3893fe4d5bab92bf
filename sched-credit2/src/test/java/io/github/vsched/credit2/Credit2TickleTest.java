package io.github.vsched.credit2;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.Topology;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.vsched.credit2.Credit2Sim.MS;
import static io.github.vsched.credit2.Credit2Sim.US;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Placement within a runqueue and tickling (reference sections 5, 6 and 10): which PCPU a wake-up
 * tickles, the migrate resistance and compensation, the reservation a tickle makes, and the
 * flags around a context switch. Each test names the section it checks.
 */
class Credit2TickleTest {

    /** Runs three pinned VCPUs, one per PCPU 0-2, for 2 ms, then sets their credits (charged up to now). */
    private static VcpuView[] busy(Credit2Sim.Driven d, int... credits) {
        VcpuView[] x = new VcpuView[credits.length];
        for (int i = 0; i < credits.length; i++) {
            x[i] = d.pinned("x" + i, i);
            d.driver.wake(x[i]);
        }
        d.driver.advanceTo(2 * MS);
        for (int i = 0; i < credits.length; i++) {
            d.svc(x[i]).credit = credits[i];
            d.svc(x[i]).startTime = d.driver.now();
        }
        d.tickles.clear();
        return x;
    }

    // ------------------------------------------------------------------ 6 runq_tickle

    /**
     * Reference 6.1: with idle PCPUs, a wake-up tickles the VCPU's own PCPU if it is idle and not
     * tickled, else the next such PCPU after it, cyclically.
     */
    @Test
    void runqTickleTriesIdlePcpusOwnFirstThenCyclically() {
        Credit2Sim.Driven d = new Credit2Sim.Driven(FixedCostPlatform.ideal(4));
        VcpuView a = d.vcpu("a", 2);
        VcpuView b = d.vcpu("b", 2);
        VcpuView c = d.vcpu("c", 3);
        d.driver.wake(a);
        d.driver.wake(b);
        d.driver.wake(c);
        assertThat(d.tickles).containsExactly(2, 3, 0);
        assertThat(d.current(2)).isSameAs(a);
        assertThat(d.current(3)).isSameAs(b);
        assertThat(d.current(0)).isSameAs(c);
        assertThat(c.processor()).isZero();
    }

    /**
     * Reference 6.1 (smt_idle): on a machine with two threads per core, a wake-up prefers a core
     * whose threads are all idle to an idle thread of a busy core; with sched_smt_power_savings it
     * prefers the idle thread of the busy core.
     */
    @Test
    void runqTicklePrefersWhollyIdleCoresUnlessSmtPowerSavings() {
        FixedCostPlatform smt = FixedCostPlatform.ideal(4).withTopology(Topology.regular(1, 2, 2, 1));
        for (boolean savings : new boolean[] {false, true}) {
            Credit2Sim.Driven d = new Credit2Sim.Driven(smt, Map.of("smtPowerSavings", Boolean.toString(savings)));
            VcpuView a = d.vcpu("a", 0);
            VcpuView b = d.vcpu("b", 1);
            d.driver.wake(a);
            assertThat(d.sched.pcpu(0).rqd.smtIdle.toString()).isEqualTo("{2,3}");
            d.driver.wake(b);
            assertThat(d.tickles).containsExactly(0, savings ? 1 : 2);
        }
    }

    /**
     * Reference 6.2 (tickle_score): with every PCPU busy, the PCPU whose running VCPU scores best:
     * the waker's credit minus the running one's, minus the migrate resistance (500 us) for a PCPU
     * other than the waker's own, plus CSCHED2_CREDIT_INIT for a PCPU in the waker's soft affinity
     * (all PCPUs by default). Nobody is tickled if no score is positive. The PCPU chosen takes the
     * waker from the shared runq, which pays it the migration compensation.
     */
    @Test
    void runqTicklePreemptsTheLowestCreditBelowTheWakerLessTheMigrateResistance() {
        Credit2Sim.Driven d = new Credit2Sim.Driven(FixedCostPlatform.ideal(3));
        busy(d, 9_000_000, 3_000_000, 6_000_000);
        VcpuView w = d.vcpu("w", 0);
        d.svc(w).credit = 8_000_000;
        d.driver.wake(w); // PCPU 0: -1 ms; PCPU 1: 8-3-0.5 = 4.5 ms; PCPU 2: 1.5 ms
        assertThat(d.tickles).containsExactly(1);
        assertThat(d.current(1)).isSameAs(w);
        assertThat(d.svc(w).credit).isEqualTo(8_050_000);

        d.tickles.clear();
        VcpuView low = d.vcpu("low", 2);
        d.svc(low).credit = 6_400_000;
        d.driver.wake(low); // its own PCPU needs no resistance: 6.4-6 = 0.4 ms; elsewhere nothing positive
        assertThat(d.tickles).containsExactly(2);

        d.tickles.clear();
        VcpuView lower = d.vcpu("lower", 0);
        d.svc(lower).credit = 3_200_000;
        d.driver.wake(lower);
        assertThat(d.tickles).isEmpty();
        assertThat(d.runq(0)).contains("lower/0");
    }

    /**
     * Reference 6.2: the waker's own PCPU is taken at once if its score is positive and it is in
     * the waker's soft affinity, even if another PCPU would score more.
     */
    @Test
    void ownPcpuIsTakenFirstWhenItsScoreIsPositive() {
        Credit2Sim.Driven d = new Credit2Sim.Driven(FixedCostPlatform.ideal(3));
        busy(d, 1_000_000, 9_000_000, 6_000_000);
        VcpuView w = d.vcpu("w", 2);
        d.svc(w).credit = 7_000_000; // PCPU 2: 1 ms; PCPU 0 would be 5.5 ms
        d.driver.wake(w);
        assertThat(d.tickles).containsExactly(2);
    }

    /**
     * Reference 6.4: a PCPU in the waker's soft affinity earns CSCHED2_CREDIT_INIT, a PCPU outside
     * the running VCPU's soft affinity earns it too; among idle PCPUs, those of the soft affinity
     * are tried first.
     */
    @Test
    void softAffinityBonusesAndIdlePcpusOfTheSoftAffinityFirst() {
        Credit2Sim.Driven d = new Credit2Sim.Driven(FixedCostPlatform.ideal(3));
        VcpuView[] x = busy(d, 5_000_000, 3_000_000, 5_000_000);
        VcpuView w = d.vcpu("w", 0);
        d.svc(w).credit = 8_000_000;
        d.svc(w).soft = CpuMask.of(2);
        d.driver.wake(w); // PCPU 0: 3 ms; 1: 4.5 ms; 2: 2.5 + 10 ms
        assertThat(d.tickles).containsExactly(2);

        Credit2Sim.Driven e = new Credit2Sim.Driven(FixedCostPlatform.ideal(3));
        VcpuView[] y = busy(e, 5_000_000, 3_000_000, 5_000_000);
        e.svc(y[1]).soft = CpuMask.of(0); // PCPU 1 is outside its running VCPU's soft affinity
        VcpuView v = e.vcpu("v", 0);
        e.svc(v).credit = 8_000_000;
        e.svc(v).soft = CpuMask.of(2);
        e.driver.wake(v); // PCPU 1: 4.5 + 10 ms beats PCPU 2's 12.5 ms
        assertThat(e.tickles).containsExactly(1);

        Credit2Sim.Driven f = new Credit2Sim.Driven(FixedCostPlatform.ideal(4));
        VcpuView s = f.vcpu("s", 1);
        f.svc(s).soft = CpuMask.of(3);
        f.driver.wake(s); // its own PCPU 1 idles, but PCPU 3 is in its soft affinity
        assertThat(f.tickles).containsExactly(3);
        assertThat(x).hasSize(3);
    }

    /** Reference 6.5: a VCPU pinned to one PCPU tickles that PCPU if it idles untickled. */
    @Test
    void pinnedVcpuTicklesItsOwnIdlePcpu() {
        Credit2Sim.Driven d = new Credit2Sim.Driven(FixedCostPlatform.ideal(4));
        VcpuView p = d.pinned("p", 3);
        assertThat(d.svc(p).pinned()).isTrue();
        d.driver.wake(p);
        assertThat(d.tickles).containsExactly(3);
        assertThat(d.current(3)).isSameAs(p);
    }

    /**
     * Reference 6 with the soft affinity given as a per-VCPU parameter in a scenario: the VCPU is
     * woken onto the idle PCPU of its soft affinity and stays there.
     */
    @Test
    void softAffinityParameterSteersWakeUps() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = Credit2Sim.on("soft", 4).duration(20 * MS)
                .domain("s", Guests.sleeper(300 * US, 2 * MS)).build();
        sim.addListener(t);
        sim.adjustVcpu("s", 0, Map.of("softAffinity", "3"));
        sim.run();
        assertThat(t.busySegments(3)).isNotEmpty();
        for (int cpu = 0; cpu < 3; cpu++) {
            assertThat(t.busySegments(cpu)).as("PCPU %d", cpu).allMatch(seg -> seg.lengthNs() == 0);
        }
    }

    // ------------------------------------------------------------------ 5 placement within a runqueue

    /**
     * Reference 5.2 (tickled_cpu): a VCPU a tickle reserved for another PCPU that has not scheduled
     * yet is left for it; once that PCPU has scheduled, any PCPU may take it.
     */
    @Test
    void vcpuReservedByATickleIsLeftToTheTickledPcpu() {
        Credit2Sim.Driven d = new Credit2Sim.Driven(FixedCostPlatform.ideal(2), Map.of("ratelimitUs", "0"));
        VcpuView a = d.pinned("a", 0);
        VcpuView b = d.pinned("b", 1);
        d.driver.wake(a);
        d.driver.wake(b);
        d.driver.advanceTo(2 * MS);
        d.svc(a).credit = 1_000_000;
        d.svc(a).startTime = d.driver.now();
        VcpuView w = d.vcpu("w", 1);
        d.svc(w).credit = 500_000;
        d.driver.wake(w); // below both: queued, no tickle
        assertThat(d.runq(0)).containsExactly("w/0");
        d.svc(w).credit = 9_000_000;
        Credit2Runqueue rqd = d.sched.pcpu(0).rqd;
        d.svc(w).tickledCpu = 1;
        rqd.tickled.set(1); // as if PCPU 1 had been tickled for w and its softirq were on its way
        d.driver.schedule(0);
        assertThat(d.current(0)).isSameAs(a);
        rqd.tickled.clear(1);
        d.driver.schedule(0);
        assertThat(d.current(0)).isSameAs(w);
    }

    /**
     * Reference 5.3 and 5.4: a PCPU takes a queued VCPU that last ran on another PCPU only if its
     * credit beats what the PCPU would run otherwise by more than the migrate resistance (500 us);
     * the VCPU then gets CSCHED2_MIGRATE_COMPENSATION (50 us) of credit.
     */
    @Test
    void migrateResistKeepsAVcpuOnItsPcpuUnlessItBeatsTheBaselineBy500us() {
        for (int resistUs : new int[] {500, 0}) {
            Credit2Sim.Driven d = new Credit2Sim.Driven(FixedCostPlatform.ideal(2),
                    Map.of("ratelimitUs", "0", "migrateResistUs", Integer.toString(resistUs)));
            VcpuView a = d.pinned("a", 0);
            VcpuView b = d.pinned("b", 1);
            d.driver.wake(a);
            d.driver.wake(b);
            d.driver.advanceTo(2 * MS);
            d.svc(a).credit = 1_000_000;
            d.svc(a).startTime = d.driver.now();
            VcpuView w = d.vcpu("w", 1);
            d.svc(w).credit = 500_000;
            d.driver.wake(w);
            d.svc(w).credit = 1_400_000; // 0.4 ms above a's credit
            d.driver.schedule(0);
            if (resistUs == 500) {
                assertThat(d.current(0)).isSameAs(a);
                d.svc(w).credit = 1_600_000;
                d.driver.schedule(0);
            }
            assertThat(d.current(0)).isSameAs(w);
            assertThat(w.processor()).isZero();
            assertThat(d.svc(w).credit).isEqualTo(resistUs == 500 ? 1_650_000 : 1_450_000);
        }
    }

    // ------------------------------------------------------------------ 10 wake, sleep, context_saved

    /**
     * Reference 10: a VCPU woken while it is still being switched out is not queued but flagged
     * (CSFLAG_delayed_runq_add), reported as queued meanwhile, and queued and tickled for when its
     * context is saved; a running VCPU put to sleep has its PCPU tickled.
     */
    @Test
    void wakeDuringContextSaveIsQueuedWhenTheContextIsSaved() {
        Credit2Sim.Driven d = new Credit2Sim.Driven(FixedCostPlatform.ideal(1).withContextSwitch(2 * US));
        VcpuView a = d.vcpu("a", 0);
        d.driver.wake(a);
        d.driver.advanceTo(100 * US);
        assertThat(d.current(0)).isSameAs(a);
        d.driver.block(a);
        Credit2Vcpu s = d.svc(a);
        assertThat(s.has(Credit2Vcpu.SCHEDULED)).isTrue();
        d.driver.wake(a);
        assertThat(s.has(Credit2Vcpu.DELAYED_RUNQ_ADD)).isTrue();
        assertThat(s.onRunq).isFalse();
        assertThat(d.queued(0)).containsExactly("a/0");
        d.tickles.clear();
        d.driver.advanceTo(110 * US); // saved at 102 us: queued, tickled, picked again
        assertThat(s.has(Credit2Vcpu.DELAYED_RUNQ_ADD)).isFalse();
        assertThat(d.tickles).containsExactly(0);
        assertThat(d.current(0)).isSameAs(a);
    }
}
