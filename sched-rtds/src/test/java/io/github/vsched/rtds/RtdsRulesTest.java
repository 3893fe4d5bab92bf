package io.github.vsched.rtds;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.SchedulerDriver;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import io.github.vsched.core.observe.SimulationListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.vsched.rtds.RtdsSim.MS;
import static io.github.vsched.rtds.RtdsSim.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules of the RTDS reference, step by step on the real engine through
 * {@link SchedulerDriver} (checked mode), and the parameter rules. Each test names the
 * reference section it checks.
 */
class RtdsRulesTest {

    /** An RTDS machine driven step by step, with the PCPUs its {@code runq_tickle} kicked. */
    static final class Driven {
        final SchedulerDriver driver;
        final RtdsScheduler sched;
        final List<Integer> tickles = new ArrayList<>();
        final int pcpus;

        Driven(FixedCostPlatform platform) {
            pcpus = platform.topology().pcpus();
            driver = SchedulerDriver.create(platform, new RtdsSchedulerProvider(), Map.of(), 7, true);
            sched = (RtdsScheduler) driver.scheduler();
            driver.addListener(new SimulationListener() {
                @Override
                public boolean wantsTrace() {
                    return true;
                }

                @Override
                public void onTrace(long now, int type, String typeName, int pcpu, VcpuView vcpu, long arg0,
                                    long arg1) {
                    if (typeName.equals("tickle")) {
                        tickles.add((int) arg0);
                    }
                }
            });
        }

        /** A blocked one-VCPU domain placed on {@code pcpu}, then free to run anywhere. */
        VcpuView vcpu(String name, int pcpu) {
            VcpuView v = driver.addDomain(name, List.of(CpuMask.of(pcpu)), Map.of()).vcpus().get(0);
            driver.setAffinity(v, CpuMask.all(pcpus));
            return v;
        }

        List<String> queued(int pcpu) {
            List<String> out = new ArrayList<>();
            sched.forEachQueued(pcpu, v -> out.add(v.name()));
            return out;
        }
    }

    // ------------------------------------------------------------------ 1 parameters

    /** Reference 1.1: a new VCPU gets 4 ms every 10 ms with extratime, as rt_alloc_udata gives it. */
    @Test
    void newVcpuGetsXensDefaultServer() {
        RtdsSchedulerProvider p = new RtdsSchedulerProvider();
        // the domain's server (xl sched-rtds -d) has Xen's defaults; a VCPU's period and budget inherit it
        assertThat(p.domainParameters()).extracting(ParameterSpec::name, ParameterSpec::defaultValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("period", "10ms"),
                        org.assertj.core.groups.Tuple.tuple("budget", "4ms"));
        assertThat(p.vcpuParameters()).extracting(ParameterSpec::name, ParameterSpec::shownDefault)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("period", "inherited"),
                        org.assertj.core.groups.Tuple.tuple("budget", "inherited"),
                        org.assertj.core.groups.Tuple.tuple("extratime", "true"));
        Driven d = new Driven(FixedCostPlatform.ideal(1));
        VcpuView v = d.vcpu("a", 0);
        RtdsVcpu s = d.sched.state(v);
        assertThat(s.period).isEqualTo(10 * MS);
        assertThat(s.budget).isEqualTo(4 * MS);
        assertThat(s.hasExtratime()).isTrue();
    }

    /**
     * Reference 1.2: what rt_dom_cntl (and xl sched-rtds) refuses: period or budget below
     * 10 us, budget above period, values that are not whole microseconds. The message names
     * the parameter, the value and the allowed range.
     */
    @Test
    void refusesWhatXenRefuses() {
        assertThatThrownBy(() -> new RtdsVcpuParameters(10 * MS, 11 * MS, true))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'budget'").hasMessageContaining("11ms").hasMessageContaining("[10us, 10ms]");
        assertThatThrownBy(() -> new RtdsVcpuParameters(9 * US, 9 * US, true))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("'period'");
        assertThatThrownBy(() -> new RtdsVcpuParameters(10 * MS, 9 * US, true))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("'budget'");
        assertThatThrownBy(() -> new RtdsVcpuParameters(10 * MS, 2_500_500, true))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("whole number of microseconds");
        assertThat(new RtdsVcpuParameters(10 * US, 10 * US, false).budgetNs()).isEqualTo(10 * US);

        // from a scenario: the VCPU is refused when the domain is created
        assertThatThrownBy(() -> RtdsSim.on("bad", 1).duration(MS)
                .domain("v", Guests.hog(), "5ms", "6ms", true).build().run())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("rtds.budget").hasMessageContaining("6ms");
        // below the minimum: refused by the parameter's own range
        assertThatThrownBy(() -> RtdsSim.on("tiny", 1).duration(MS)
                .domain("v", Guests.hog(), "5us", null, true).build())
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("period");
    }

    /**
     * Reference 10: adjustVcpu stores the new server and changes nothing else: the present
     * period keeps its budget (3 ms in [10, 20) ms), the new budget (5 ms) applies from the
     * replenishment at 20 ms. A budget above the period is refused, and the VCPU keeps its
     * parameters.
     */
    @Test
    void adjustedServerTakesEffectAtTheNextReplenishmentAndInvalidOnesAreRefused() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = RtdsSim.on("adjust", 1).duration(39 * MS)
                .domain("v", Guests.hog(), "10ms", "3ms", false).build();
        sim.addListener(t);
        sim.at(15 * MS, s -> s.adjustVcpu("v", 0, Map.of("budget", "5ms")));
        List<Throwable> refused = new ArrayList<>();
        List<Long> budgetAfter = new ArrayList<>();
        sim.at(16 * MS, s -> {
            try {
                s.adjustVcpu("v", 0, Map.of("budget", "12ms"));
            } catch (InvalidParameterException e) {
                refused.add(e);
            }
            budgetAfter.add(s.vcpu("v", 0).schedulerParameters().duration("budget"));
        });
        sim.run();
        assertThat(RtdsSim.busy(t, 0)).containsExactly("v/0[0,3000)", "v/0[10000,13000)", "v/0[20000,25000)",
                "v/0[30000,35000)");
        assertThat(refused).singleElement().asString().contains("budget", "12ms", "10ms");
        assertThat(budgetAfter).containsExactly(5 * MS);
    }

    // ------------------------------------------------------------------ 3 deadlines

    /**
     * Reference 3: deadlines lie on the grid of the period from time 0 (rt_unit_insert starts
     * from deadline 0); a VCPU waking after its deadline gets the first deadline after now and
     * a full budget, one waking before keeps what it had.
     */
    @Test
    void wakeAfterTheDeadlineMovesItOnTheGridAndRefills() {
        Driven d = new Driven(FixedCostPlatform.ideal(1));
        VcpuView v = d.vcpu("a", 0);
        assertThat(d.sched.deadline(v)).isEqualTo(10 * MS);
        d.driver.advanceTo(25 * MS);
        d.driver.wake(v);
        assertThat(d.sched.deadline(v)).isEqualTo(30 * MS);
        assertThat(d.sched.budgetLeft(v)).isEqualTo(4 * MS);
        d.driver.advanceTo(26 * MS);
        d.driver.block(v);
        assertThat(d.sched.budgetLeft(v)).isEqualTo(3 * MS);
        d.driver.advanceTo(28 * MS);
        d.driver.wake(v);
        assertThat(d.sched.deadline(v)).isEqualTo(30 * MS);
        assertThat(d.sched.budgetLeft(v)).isEqualTo(3 * MS);
    }

    // ------------------------------------------------------------------ 4 replenishment

    /**
     * Reference 4: the replenishment queue holds every runnable VCPU, running ones included, and
     * the timer fires at the front's deadline: a VCPU running past its deadline is refilled
     * there, its budget counted afresh from the replenishment.
     */
    @Test
    void replenishmentTimerRefillsARunningVcpuAtItsDeadline() {
        Driven d = new Driven(FixedCostPlatform.ideal(1));
        VcpuView v = d.vcpu("a", 0);
        d.driver.wake(v);
        assertThat(d.driver.pcpu(0).current()).isSameAs(v);
        assertThat(d.sched.replenishmentQueue().first()).isSameAs(d.sched.state(v));
        d.driver.advanceTo(3 * MS);
        d.driver.schedule(0); // charge 3 ms
        assertThat(d.sched.budgetLeft(v)).isEqualTo(1 * MS);
        d.driver.advanceTo(10 * MS); // the slice (1 ms) ended at 4 ms: extratime level 1; at 10 ms refilled
        assertThat(d.sched.deadline(v)).isEqualTo(20 * MS);
        assertThat(d.sched.priorityLevel(v)).isZero();
        d.driver.advanceTo(11 * MS);
        d.driver.schedule(0);
        assertThat(d.sched.budgetLeft(v)).isEqualTo(3 * MS);
    }

    // ------------------------------------------------------------------ 5, 6 burn and schedule

    /**
     * Reference 5 and 9: burn_budget charges the time since the VCPU's last start; at zero a
     * VCPU without extratime is depleted and goes to the depleted queue once switched out; one
     * with extratime moves one level down with a full budget.
     */
    @Test
    void burnBudgetDepletesOrMovesToTheNextExtratimeLevel() {
        Driven d = new Driven(FixedCostPlatform.ideal(1));
        VcpuView a = d.vcpu("a", 0);
        d.sched.state(a).apply(new RtdsVcpuParameters(10 * MS, 4 * MS, false));
        d.driver.wake(a);
        d.driver.advanceTo(4 * MS); // slice = budget: rescheduled at 4 ms
        RtdsVcpu s = d.sched.state(a);
        assertThat(s.curBudget).isZero();
        assertThat(s.has(RtdsVcpu.DEPLETED)).isTrue();
        assertThat(s.onQueue()).isTrue();
        assertThat(d.sched.runQueue().onRunQueue(s)).isFalse();
        assertThat(d.driver.pcpu(0).isIdle()).isTrue();
        assertThat(d.sched.priorityName(a)).isEqualTo("DEPLETED");
        assertThat(d.queued(0)).containsExactly("a/0");

        Driven e = new Driven(FixedCostPlatform.ideal(1));
        VcpuView b = e.vcpu("b", 0);
        e.driver.wake(b);
        e.driver.advanceTo(4 * MS);
        assertThat(e.sched.priorityLevel(b)).isEqualTo(1);
        assertThat(e.sched.budgetLeft(b)).isEqualTo(4 * MS);
        assertThat(e.driver.pcpu(0).current()).isSameAs(b);
        assertThat(e.sched.priorityName(b)).isEqualTo("EXTRA");
    }

    /**
     * Reference 6: the slice is the budget left, not capped (the 1 ms quantum went with Xen
     * 4.7): a VCPU with 9 ms every 10 ms runs 9 ms in one go, then the other runs.
     */
    @Test
    void sliceIsTheBudgetLeft() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = RtdsSim.on("slice", 1).duration(19 * MS)
                .domain("a", Guests.hog(), "10ms", "9ms", false)
                .domain("b", Guests.hog(), "20ms", "1ms", false).build();
        sim.addListener(t);
        sim.run();
        assertThat(RtdsSim.busy(t, 0)).containsExactly("a/0[0,9000)", "b/0[9000,10000)", "a/0[10000,19000)");
    }

    // ------------------------------------------------------------------ 7 tickle

    /**
     * Reference 7: a wake-up tickles its own PCPU first if idle, else the next idle one; PCPUs
     * already tickled are skipped; with none idle, the PCPU running the lowest-priority VCPU,
     * only if that is lower than the woken one.
     */
    @Test
    void runqTickleKicksAnIdlePcpuOrTheLatestDeadline() {
        Driven d = new Driven(FixedCostPlatform.ideal(3).withIpi(10 * US));
        VcpuView a = d.vcpu("a", 1);
        VcpuView b = d.vcpu("b", 1);
        d.driver.wake(a);
        d.driver.wake(b); // PCPU 1 is tickled already: the next idle one, 2
        assertThat(d.tickles).containsExactly(1, 2);
        d.driver.advanceTo(50 * US);
        assertThat(d.driver.pcpu(1).current()).isSameAs(a);
        assertThat(d.driver.pcpu(2).current()).isSameAs(b);

        VcpuView c = d.vcpu("c", 0);
        d.driver.wake(c);
        d.driver.advanceTo(100 * US);
        assertThat(d.driver.pcpu(0).current()).isSameAs(c);
        // all busy; give b the latest deadline, a the earliest
        d.sched.state(a).curDeadline = 5 * MS;
        d.sched.state(b).curDeadline = 30 * MS;
        d.sched.state(c).curDeadline = 20 * MS;
        d.tickles.clear();
        VcpuView late = d.vcpu("late", 0);
        d.driver.wake(late); // deadline 10 ms: earlier than b's 30 ms
        assertThat(d.tickles).containsExactly(2);
        d.driver.advanceTo(200 * US);
        assertThat(d.driver.pcpu(2).current()).isSameAs(late);
        assertThat(d.queued(2)).containsExactly("b/0");

        d.tickles.clear();
        VcpuView last = d.vcpu("last", 0);
        d.sched.state(last).apply(new RtdsVcpuParameters(100 * MS, 4 * MS, true));
        d.sched.state(last).curDeadline = 0; // wakes with deadline 100 ms: lower than all running
        d.driver.wake(last);
        assertThat(d.tickles).isEmpty();
    }

    // ------------------------------------------------------------------ 8 flags

    /**
     * Reference 8: a VCPU that blocks and wakes again while its context is still being saved is
     * not queued but flagged (RTDS_scheduled and RTDS_delayed_runq_add); it is reported as
     * queued meanwhile; context_saved puts it on the run queue and tickles for it, and it runs
     * again.
     */
    @Test
    void wakeDuringContextSaveIsDelayedUntilContextSaved() {
        Driven d = new Driven(FixedCostPlatform.ideal(1).withContextSwitch(2 * US));
        VcpuView a = d.vcpu("a", 0);
        d.driver.wake(a);
        d.driver.advanceTo(100 * US);
        assertThat(d.driver.pcpu(0).current()).isSameAs(a);
        d.driver.block(a);
        RtdsVcpu s = d.sched.state(a);
        assertThat(s.has(RtdsVcpu.SCHEDULED)).isTrue();
        assertThat(s.onReplq).isTrue();
        d.driver.wake(a);
        assertThat(s.has(RtdsVcpu.DELAYED_RUNQ_ADD)).isTrue();
        assertThat(s.onQueue()).isFalse();
        assertThat(d.queued(0)).containsExactly("a/0");
        d.tickles.clear();
        d.driver.advanceTo(110 * US); // saved at 102 us, queued, tickled, picked again
        assertThat(s.has(RtdsVcpu.DELAYED_RUNQ_ADD)).isFalse();
        assertThat(s.onQueue()).isFalse();
        assertThat(d.tickles).containsExactly(0);
        assertThat(d.driver.pcpu(0).current()).isSameAs(a);
    }

    /**
     * Reference 8: a VCPU that blocks leaves the replenishment queue when its context is saved
     * (and the timer follows the new front); a sleeping queued VCPU leaves both queues.
     */
    @Test
    void blockedVcpuLeavesTheReplenishmentQueue() {
        Driven d = new Driven(FixedCostPlatform.ideal(1));
        VcpuView a = d.vcpu("a", 0);
        VcpuView b = d.vcpu("b", 0);
        d.driver.wake(a);
        d.driver.wake(b);
        assertThat(d.sched.replenishmentQueue().size()).isEqualTo(2);
        assertThat(d.sched.runQueue().first()).isSameAs(d.sched.state(b));
        d.driver.advanceTo(MS);
        d.driver.block(a);
        assertThat(d.sched.replenishmentQueue().size()).isEqualTo(1);
        assertThat(d.driver.pcpu(0).current()).isSameAs(b);
        assertThat(d.sched.runQueue().runSize()).isZero();
    }

    // ------------------------------------------------------------------ 11 placement

    /** Reference 11: rt_res_pick keeps the VCPU's PCPU if allowed, else the next allowed one. */
    @Test
    void pickCpuKeepsItsPcpuOrCyclesToTheNextAllowed() {
        Driven d = new Driven(FixedCostPlatform.ideal(4));
        VcpuView a = d.vcpu("a", 2);
        assertThat(d.sched.pickCpu(a, false)).isEqualTo(2);
        d.driver.setAffinity(a, CpuMask.of(0, 1));
        assertThat(a.processor()).isZero();
        d.driver.setAffinity(a, CpuMask.of(1, 3));
        assertThat(a.processor()).isEqualTo(1);
    }

    /**
     * Reference 2 and 9: three hogs with extratime on two PCPUs keep both busy all the time; checked
     * mode verifies after every event that each queued VCPU is reported once, under its processor.
     */
    @Test
    void globalQueueKeepsEveryPcpuBusyAndIsReportedUnderEachProcessor() {
        SimulationResult r = RtdsSim.on("report", 2).duration(50 * MS)
                .domain("a", Guests.hog(), null, null, null)
                .domain("b", Guests.hog(), null, null, null)
                .domain("c", Guests.hog(), null, null, null)
                .build().run();
        assertThat(r.vcpu("a", 0).runningNs() + r.vcpu("b", 0).runningNs() + r.vcpu("c", 0).runningNs())
                .isEqualTo(100 * MS);
    }
}
