package io.github.vsched.arinc653;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.core.Adjustment;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.SchedulerDriver;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import io.github.vsched.testkit.Timelines;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.vsched.core.guest.Guests.compute;
import static io.github.vsched.core.guest.Guests.halt;
import static io.github.vsched.core.guest.Guests.script;
import static io.github.vsched.core.guest.Guests.sleepUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules of the ARINC 653 reference ({@code docs/xen-arinc653-reference.md}) on the real
 * engine in checked mode, on a cost-free platform so every time follows from the schedule.
 * Section numbers are the reference's. Busy segments are {@code vcpu[start,end)} in ms;
 * the engine handles the events at the run's end time, so a frame starting then shows as {@code [t,end)}.
 */
class Arinc653RulesTest {
    private static final long MS = 1_000_000L;

    private final Map<String, String> params = new LinkedHashMap<>();
    private final List<DomainSpec> domains = new ArrayList<>();
    private final PcpuTimeline timeline = new PcpuTimeline();

    private Arinc653RulesTest domain(String name, GuestModel model) {
        domains.add(DomainSpec.builder(name).workload("script", Guests.workload(i -> model)).build());
        return this;
    }

    private Arinc653RulesTest domain(String name, int vcpus, CpuMask affinity) {
        domains.add(DomainSpec.builder(name).vcpus(vcpus).affinity(affinity)
                .workload("hog", Guests.workload(i -> Guests.hog())).build());
        return this;
    }

    private Simulation sim(int pcpus, long duration) {
        Scenario.Builder b = Scenario.builder("arinc653-rule").seed(1).duration(duration).checked(true)
                .platform(FixedCostPlatform.ideal(pcpus)).scheduler(Arinc653SchedulerProvider.ID, params);
        domains.forEach(b::domain);
        Simulation s = Simulations.create(b.build());
        s.addListener(timeline);
        return s;
    }

    private List<String> busy(int pcpu) {
        return Timelines.busy(timeline, pcpu, MS);
    }

    // ------------------------------------------------------------------ 2 the schedule

    /**
     * Reference 2.3: with no schedule given, each VCPU of domain 0 gets a 10 ms minor frame in
     * creation order and the major frame is their sum; other domains never run.
     */
    @Test
    void defaultScheduleGivesEachDom0VcpuTenMilliseconds() {
        domain("ctl", 2, CpuMask.of(0)).domain("guest", 1, CpuMask.of(0));
        Simulation s = sim(1, 60 * MS);
        s.run();
        assertThat(busy(0)).containsExactly("ctl/0[0,10)", "ctl/1[10,20)", "ctl/0[20,30)", "ctl/1[30,40)",
                "ctl/0[40,50)", "ctl/1[50,60)", "ctl/0[60,end)");
        Arinc653Schedule sched = ((Arinc653Scheduler) s.scheduler()).schedule();
        assertThat(sched.majorFrame()).isEqualTo(20 * MS);
        assertThat(sched.entries()).hasToString("[ctl/0:10ms, ctl/1:10ms]");
    }

    /**
     * Reference 2.1 and 3.1: the minor frames run in order for their run times, the rest of the
     * major frame idles, and the schedule repeats from the first frame.
     */
    @Test
    void minorFramesRunInOrderAndTheMajorFrameRepeats() {
        params.put("schedule", "a/0:3ms,b/0:2ms");
        params.put("majorFrame", "10ms");
        domain("a", Guests.hog()).domain("b", Guests.hog());
        sim(1, 25 * MS).run();
        assertThat(busy(0)).containsExactly("a/0[0,3)", "b/0[3,5)", "a/0[10,13)", "b/0[13,15)", "a/0[20,23)",
                "b/0[23,25)");
    }

    /**
     * Reference 3.2: not work conserving. a blocks 1 ms into its 3 ms frame: the PCPU idles for the
     * rest of it although b is runnable; b runs only in its own frame.
     */
    @Test
    void aBlockedVcpusMinorFrameIdles() {
        params.put("schedule", "a/0:3ms,b/0:2ms");
        domain("a", script(compute(1 * MS), sleepUntil(100 * MS), halt())).domain("b", Guests.hog());
        sim(1, 10 * MS).run();
        assertThat(busy(0)).containsExactly("a/0[0,1)", "b/0[3,5)", "b/0[8,10)");
    }

    /**
     * Reference 3.1 and 4: a VCPU that wakes inside its own minor frame runs at once, for the
     * rest of the frame only.
     */
    @Test
    void aWakeUpInsideItsFrameRunsForTheRestOfTheFrame() {
        params.put("schedule", "a/0:4ms,b/0:4ms");
        domain("a", script(sleepUntil(9 * MS), compute(10 * MS), halt())).domain("b", Guests.hog());
        sim(1, 16 * MS).run();
        assertThat(busy(0)).containsExactly("b/0[4,8)", "a/0[9,12)", "b/0[12,16)", "a/0[16,end)");
    }

    /**
     * Reference 2.2: an entry naming a VCPU that does not exist is accepted, and its frame idles.
     */
    @Test
    void aFrameForAMissingVcpuIdles() {
        params.put("schedule", "a/0:2ms,ghost/3:2ms");
        domain("a", Guests.hog());
        sim(1, 8 * MS).run();
        assertThat(busy(0)).containsExactly("a/0[0,2)", "a/0[4,6)", "a/0[8,end)");
    }

    // ------------------------------------------------------------------ 5 more than one PCPU

    /**
     * Reference 5: one position in the schedule serves every PCPU, and a VCPU runs only on its own
     * PCPU. a is on PCPU 0 and b on PCPU 1: each PCPU runs its VCPU only in that VCPU's frame and
     * idles the rest of the time, so never more than one VCPU runs at a time.
     */
    @Test
    void morePcpusShareOneScheduleAndEachRunsOnlyItsOwnVcpus() {
        params.put("schedule", "a/0:5ms,b/0:5ms");
        domain("a", 1, CpuMask.of(0)).domain("b", 1, CpuMask.of(1));
        sim(2, 20 * MS).run();
        assertThat(busy(0)).containsExactly("a/0[0,5)", "a/0[10,15)", "a/0[20,end)");
        assertThat(busy(1)).containsExactly("b/0[5,10)", "b/0[15,20)");
    }

    // ------------------------------------------------------------------ 6 replacing the schedule

    /**
     * Reference 6: a new schedule restarts the major frame at the next schedule of the PCPU,
     * without a tickle. At 12 ms, while b runs its 10-20 ms frame, the schedule becomes a alone for
     * 1 ms in 2 ms; b keeps the PCPU until its frame's timer at 20 ms, then the new frames begin.
     */
    @Test
    void aNewScheduleStartsAtTheNextSchedule() {
        params.put("schedule", "a/0:10ms,b/0:10ms");
        domain("a", Guests.hog()).domain("b", Guests.hog());
        Simulation s = sim(1, 25 * MS);
        s.at(12 * MS, x -> ((Arinc653Scheduler) x.scheduler())
                .setSchedule(Arinc653Schedule.parse("a/0:1ms", 2 * MS, 1_000_000_000L)));
        s.run();
        assertThat(busy(0)).containsExactly("a/0[0,10)", "b/0[10,20)", "a/0[20,21)", "a/0[22,23)", "a/0[24,25)");
    }

    /**
     * Reference 6, reached as Xen reaches it: {@code XEN_SYSCTL_SCHEDOP_putinfo}
     * ({@code a653sched_adjust_global}) as a timed adjustment of the scenario, the same timeline.
     */
    @Test
    void aScheduleReplacedByAScenarioAdjustmentStartsAtTheNextSchedule() {
        params.put("schedule", "a/0:10ms,b/0:10ms");
        domain("a", Guests.hog()).domain("b", Guests.hog());
        Scenario.Builder b = Scenario.builder("arinc653-rule").seed(1).duration(25 * MS).checked(true)
                .platform(FixedCostPlatform.ideal(1)).scheduler(Arinc653SchedulerProvider.ID, params)
                .adjust(Adjustment.scheduler(12 * MS, Map.of("schedule", "a/0:1ms", "majorFrame", "2ms")));
        domains.forEach(b::domain);
        Simulation s = Simulations.create(b.build());
        s.addListener(timeline);
        s.run();
        assertThat(busy(0)).containsExactly("a/0[0,10)", "b/0[10,20)", "a/0[20,21)", "a/0[22,23)", "a/0[24,25)");
        assertThat(s.parametersInForce().scheduler().text("schedule")).isEqualTo("a/0:1ms");
    }

    /** Reference 2.1 at run time: a replacement Xen refuses leaves the schedule in force. */
    @Test
    void aRefusedReplacementLeavesTheScheduleInForce() {
        params.put("schedule", "a/0:10ms,b/0:10ms");
        domain("a", Guests.hog()).domain("b", Guests.hog());
        Simulation s = sim(1, 25 * MS);
        s.runUntil(5 * MS);
        assertThatThrownBy(() -> s.adjustScheduler(Map.of("schedule", "a/0:3ms,b/0:3ms", "majorFrame", "5ms")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("majorFrame");
        assertThatThrownBy(() -> s.adjustScheduler(Map.of("schedule", "")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("no call back to the default");
        s.run();
        assertThat(busy(0)).containsExactly("a/0[0,10)", "b/0[10,20)", "a/0[20,end)");
    }

    // ------------------------------------------------------------------ 2.1 validation

    /**
     * Reference 2.1: Xen's checks on a schedule, each refused with the entry or value and what is
     * allowed.
     */
    @Test
    void invalidSchedulesAreRefusedNamingTheEntry() {
        assertThatThrownBy(() -> create(Map.of("schedule", "dom0/0:5ms,winxp:2ms")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("winxp:2ms")
                .hasMessageContaining("DOMAIN/VCPU:RUNTIME");
        assertThatThrownBy(() -> create(Map.of("schedule", "dom0/0:0ms")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("dom0/0:0ms");
        assertThatThrownBy(() -> create(Map.of("schedule", "dom0/x:1ms")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("dom0/x:1ms");
        assertThatThrownBy(() -> create(Map.of("schedule", "a/0:3ms,b/0:3ms", "majorFrame", "5ms")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("majorFrame")
                .hasMessageContaining("6ms");
        String many = String.join(",", java.util.Collections.nCopies(65, "a/0:1ms"));
        assertThatThrownBy(() -> create(Map.of("schedule", many)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("65 minor frames")
                .hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> create(Map.of("majorFrame", "5ms")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("majorFrame");
        String sixtyFour = String.join(",", java.util.Collections.nCopies(64, "a/0:1ms"));
        assertThat(Arinc653Schedule.parse(sixtyFour, 0, 1).majorFrame()).isEqualTo(64 * MS);
    }

    private static void create(Map<String, String> p) {
        SchedulerDriver.create(FixedCostPlatform.ideal(1), new Arinc653SchedulerProvider(), p, 1, true);
    }
}
