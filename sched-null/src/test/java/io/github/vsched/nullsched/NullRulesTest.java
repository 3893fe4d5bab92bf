package io.github.vsched.nullsched;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.SchedulerDriver;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.guest.Guests;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The rules of the null reference ({@code docs/xen-null-reference.md}), each on the real engine in
 * checked mode: exact states through {@link SchedulerDriver} on a cost-free platform, and short
 * runs of scripted guests. Section numbers are the reference's.
 */
class NullRulesTest {
    private static final long MS = 1_000_000L;

    private static SchedulerDriver driver(int pcpus) {
        return SchedulerDriver.create(FixedCostPlatform.ideal(pcpus), new NullSchedulerProvider(), Map.of(), 1, true);
    }

    private static NullScheduler nul(SchedulerDriver d) {
        return (NullScheduler) d.scheduler();
    }

    private static SimulationResult run(int pcpus, long duration, DomainSpec... domains) {
        Scenario.Builder b = Scenario.builder("null-rule").seed(1).duration(duration).checked(true)
                .platform(FixedCostPlatform.ideal(pcpus).withIpi(2_000).withContextSwitch(1_000))
                .scheduler(NullSchedulerProvider.ID, Map.of());
        Arrays.stream(domains).forEach(b::domain);
        return Simulations.create(b.build()).run();
    }

    private static DomainSpec hogs(String name, int vcpus) {
        return DomainSpec.builder(name).vcpus(vcpus).workload("hog", Guests.workload(i -> Guests.hog())).build();
    }


    // ------------------------------------------------------------------ 2 insert and pick_res

    /**
     * Reference 2.1: a new VCPU keeps the PCPU it was created on when that PCPU is free, and
     * otherwise gets the lowest-numbered free PCPU of its affinity. On four PCPUs the engine
     * creates a/0 on PCPU 3, a/1 on 0, b/0 on 2 and b/1 on 3 again (Xen's creation-time placement:
     * VCPU 0 on the least loaded PCPU, the next ones cycling on). The first three keep theirs;
     * b/1 finds PCPU 3 taken and gets PCPU 1.
     */
    @Test
    void insertKeepsTheCreationPcpuIfFreeElseTakesTheLowestFreeOne() {
        SchedulerDriver d = driver(4);
        DomainView a = d.addDomain("a", 2, Map.of());
        DomainView b = d.addDomain("b", 2, Map.of());
        NullScheduler s = nul(d);
        assertThat(List.of(a.vcpus().get(0).processor(), a.vcpus().get(1).processor(),
                b.vcpus().get(0).processor(), b.vcpus().get(1).processor())).containsExactly(3, 0, 2, 3);
        assertThat(s.assignedTo(3)).isSameAs(a.vcpus().get(0));
        assertThat(s.assignedTo(0)).isSameAs(a.vcpus().get(1));
        assertThat(s.assignedTo(2)).isSameAs(b.vcpus().get(0));
        assertThat(s.assignedTo(1)).isSameAs(b.vcpus().get(1));
        assertThat(s.waitingCount()).isZero();
    }

    /**
     * Reference 2.1 and 2.2: free PCPUs outside the affinity do not count; with none free inside
     * it, the VCPU joins the waiting list. x is pinned to PCPU 2; z, pinned to 2 as well, waits
     * although PCPUs 0, 1 and 3 are free; a VCPU allowed on {2, 3} gets 3.
     */
    @Test
    void insertWithNoFreePcpuInTheAffinityWaits() {
        SchedulerDriver d = driver(4);
        VcpuView x = d.addDomain("x", List.of(CpuMask.of(2)), Map.of()).vcpus().get(0);
        VcpuView z = d.addDomain("z", List.of(CpuMask.of(2)), Map.of()).vcpus().get(0);
        VcpuView y = d.addDomain("y", List.of(CpuMask.of(2, 3)), Map.of()).vcpus().get(0);
        NullScheduler s = nul(d);
        assertThat(s.assignedTo(2)).isSameAs(x);
        assertThat(s.isWaiting(z)).isTrue();
        assertThat(s.priorityName(z)).isEqualTo(NullScheduler.WAITING);
        assertThat(s.assignedTo(3)).isSameAs(y);
        assertThat(s.assignedTo(0)).isNull();
        assertThat(s.assignedTo(1)).isNull();
    }

    // ------------------------------------------------------------------ 3 schedule

    /**
     * Reference 3.1 and 3.2: schedule returns the assigned VCPU or idle, and no slice: a hog alone
     * on its PCPU is dispatched once and runs the whole run (no timer ever reschedules it).
     */
    @Test
    void scheduleReturnsTheAssignedVcpuWithNoSlice() {
        SimulationResult r = run(2, 500 * MS, hogs("h", 2));
        for (int i = 0; i < 2; i++) {
            assertThat(r.vcpu("h", i).dispatches()).as("dispatches of h/%d", i).isEqualTo(1);
            assertThat(r.vcpu("h", i).migrations()).isZero();
            assertThat(r.vcpu("h", i).runningNs()).isGreaterThan(499 * MS);
        }
    }

    /**
     * Reference 3.1 and 4.2: not work conserving. One PCPU: a is assigned, b waits. With a blocked
     * and b runnable, the PCPU stays idle; when a wakes it runs, and b never does.
     */
    @Test
    void aBlockedAssignedVcpuLeavesItsPcpuIdleWhileOthersWait() {
        SchedulerDriver d = driver(1);
        VcpuView a = d.addDomain("a", 1, Map.of()).vcpus().get(0);
        VcpuView b = d.addDomain("b", 1, Map.of()).vcpus().get(0);
        NullScheduler s = nul(d);
        assertThat(s.assignedTo(0)).isSameAs(a);
        d.wake(b);
        d.advanceTo(1 * MS);
        assertThat(d.pcpu(0).isIdle()).isTrue();
        assertThat(b.isRunnable()).isTrue();
        assertThat(s.priorityName(b)).isEqualTo(NullScheduler.WAITING);
        d.wake(a);
        d.advanceTo(2 * MS);
        assertThat(d.pcpu(0).current()).isSameAs(a);
        d.block(a);
        d.advanceTo(3 * MS);
        assertThat(d.pcpu(0).isIdle()).isTrue();
        assertThat(s.assignedTo(0)).isSameAs(a);
    }

    /**
     * Reference 3.3: a free PCPU that schedules takes the first waiter its affinity allows. b waits
     * for PCPU 0 (pinned there, behind a); its affinity is widened to {0,1} without moving it (its
     * PCPU stays in the mask, so the engine does not migrate it, see reference 6.2); when PCPU 1
     * schedules, it assigns b to itself and runs it.
     */
    @Test
    void aFreePcpuTakesTheFirstAllowedWaiterWhenItSchedules() {
        SchedulerDriver d = driver(2);
        VcpuView a = d.addDomain("a", List.of(CpuMask.of(0)), Map.of()).vcpus().get(0);
        VcpuView b = d.addDomain("b", List.of(CpuMask.of(0)), Map.of()).vcpus().get(0);
        NullScheduler s = nul(d);
        assertThat(s.isWaiting(b)).isTrue();
        assertThat(s.assignedTo(1)).isNull();
        d.wake(a);
        d.wake(b);
        d.advanceTo(1 * MS);
        assertThat(d.pcpu(1).isIdle()).isTrue();
        d.setAffinity(b, CpuMask.of(0, 1));
        assertThat(s.isWaiting(b)).isTrue();
        d.schedule(1);
        d.advanceTo(2 * MS);
        assertThat(s.assignedTo(1)).isSameAs(b);
        assertThat(d.pcpu(1).current()).isSameAs(b);
        assertThat(d.pcpu(0).current()).isSameAs(a);
    }

    // ------------------------------------------------------------------ 4 wake, sleep, yield

    /**
     * Reference 4.1: a wake-up of an assigned VCPU tickles its own PCPU, which runs it at once; a
     * wake-up of a waiting VCPU changes nothing.
     */
    @Test
    void wakeTicklesTheAssignedPcpuOnly() {
        SchedulerDriver d = driver(2);
        VcpuView a = d.addDomain("a", List.of(CpuMask.of(1)), Map.of()).vcpus().get(0);
        VcpuView w = d.addDomain("w", List.of(CpuMask.of(1)), Map.of()).vcpus().get(0);
        d.wake(w);
        assertThat(d.pcpu(0).isIdle()).isTrue();
        assertThat(d.pcpu(1).isIdle()).isTrue();
        d.wake(a);
        assertThat(d.pcpu(1).current()).isSameAs(a);
        assertThat(d.pcpu(0).isIdle()).isTrue();
    }

    /**
     * Reference 4.3: yield has no hook; the PCPU reschedules and gets its assigned VCPU back. A
     * yielder alone on its PCPU is never switched out, and the waiting hog never runs.
     */
    @Test
    void yieldKeepsTheAssignedVcpuOnItsPcpu() {
        SimulationResult r = run(1, 200 * MS,
                DomainSpec.builder("y").workload("y", Guests.workload(i -> Guests.yielder(300_000))).build(),
                hogs("h", 1));
        assertThat(r.vcpu("y", 0).dispatches()).isEqualTo(1);
        assertThat(r.vcpu("h", 0).runningNs()).isZero();
    }

    // ------------------------------------------------------------------ 5 more VCPUs than PCPUs

    /**
     * Reference 5: with more VCPUs than PCPUs, the ones that found no free PCPU never run. One
     * PCPU and three hogs (the contract's first scenario): h/0 runs all the time, h/1 and h/2 wait
     * the whole run.
     */
    @Test
    void vcpusBeyondThePcpusWaitForever() {
        SimulationResult r = run(1, 1_000 * MS, hogs("h", 3));
        assertThat(r.vcpu("h", 0).runningNs()).isGreaterThan(999 * MS);
        assertThat(r.vcpu("h", 1).runningNs()).isZero();
        assertThat(r.vcpu("h", 2).runningNs()).isZero();
        assertThat(r.vcpu("h", 1).runnableNs()).isGreaterThan(999 * MS);
    }

    // ------------------------------------------------------------------ 6 migration and affinity

    /**
     * Reference 6.1: an affinity change that moves a VCPU to a free PCPU reassigns it there; its
     * old PCPU becomes free.
     */
    @Test
    void affinityChangeMovesTheAssignmentToAFreePcpu() {
        SchedulerDriver d = driver(3);
        VcpuView a = d.addDomain("a", List.of(CpuMask.of(0)), Map.of()).vcpus().get(0);
        NullScheduler s = nul(d);
        assertThat(s.assignedTo(0)).isSameAs(a);
        d.setAffinity(a, CpuMask.of(2));
        assertThat(s.assignedTo(2)).isSameAs(a);
        assertThat(s.assignedTo(0)).isNull();
        d.wake(a);
        assertThat(d.pcpu(2).current()).isSameAs(a);
    }

    /**
     * Reference 6.1 and 2.3 (unit_deassign): a VCPU that leaves its PCPU hands it to the first
     * waiter whose affinity allows it, in list order, and joins the list itself if its new PCPU
     * is taken. PCPU 0: a; PCPU 1: b. c (pinned to 0) and then e (anywhere) wait. a is sent to
     * PCPU 1: PCPU 0 goes to c, and a waits behind e. Then b is sent to PCPU 0: PCPU 1 goes to e
     * (first in the list, though a is allowed there too), and b waits behind a.
     */
    @Test
    void aFreedPcpuGoesToTheFirstWaiterItsAffinityAllows() {
        SchedulerDriver d = driver(2);
        VcpuView a = d.addDomain("a", List.of(CpuMask.of(0)), Map.of()).vcpus().get(0);
        VcpuView b = d.addDomain("b", List.of(CpuMask.of(1)), Map.of()).vcpus().get(0);
        VcpuView c = d.addDomain("c", List.of(CpuMask.of(0)), Map.of()).vcpus().get(0);
        VcpuView e = d.addDomain("e", List.of(CpuMask.of(0, 1)), Map.of()).vcpus().get(0);
        NullScheduler s = nul(d);
        assertThat(s.isWaiting(c)).isTrue();
        assertThat(s.isWaiting(e)).isTrue();
        d.setAffinity(a, CpuMask.of(1));
        assertThat(s.assignedTo(0)).isSameAs(c);
        assertThat(s.assignedTo(1)).isSameAs(b);
        assertThat(s.isWaiting(a)).isTrue();
        d.setAffinity(b, CpuMask.of(0));
        assertThat(s.assignedTo(1)).isSameAs(e);
        assertThat(s.isWaiting(a)).isTrue();
        assertThat(s.isWaiting(b)).isTrue();
        assertThat(s.waitingCount()).isEqualTo(2);
        // the new owners run once woken; the waiters do not
        for (VcpuView v : List.of(a, b, c, e)) {
            d.wake(v);
        }
        d.advanceTo(1 * MS);
        assertThat(d.pcpu(0).current()).isSameAs(c);
        assertThat(d.pcpu(1).current()).isSameAs(e);
    }
}
