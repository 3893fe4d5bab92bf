package io.github.vsched.credit;

import io.github.vsched.api.IoKind;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform.IoCosts;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import io.github.vsched.testkit.Timelines.Run;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.US;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guest's PV disk read when dom0 shares the only PCPU with a CPU hog, under credit: the I/O
 * completion is delayed by what credit decides (reference section 13.1).
 */
class CreditIoPathTest {

    /**
     * Every VCPU boots BOOST. g issues its read at 0 (5 us event-channel notification) and
     * blocks; dom0, BOOST too, cannot preempt the BOOSTed hog h (BOOST never preempts BOOST),
     * which runs from 5 us. The tick at 10 ms demotes h to UNDER without rescheduling, so h keeps
     * the PCPU until its 30 ms slice ends at 30.005 ms. dom0 then runs blkback (20 us), the disk
     * takes 1 ms, and the completion at 31.025 ms wakes dom0, still BOOST, which preempts the
     * UNDER (or OVER) hog, spends 3 + 20 us and notifies g (5 us): g, BOOST, preempts h at
     * 31.053 ms. Under round-robin the same read completes at 20.053 ms (sched-core's IoPathTest).
     */
    @Test
    void busyDom0DelaysTheCompletionByCreditsDecisions() {
        FixedCostPlatform p = FixedCostPlatform.ideal(1)
                .withIo(new IoCosts(MS, 300 * US, 20 * US, 100 * US, 4, 3 * US), 2 * US, 5 * US);
        Scenario s = Scenario.builder("credit-io").platform(p).duration(40 * MS).checked(true)
                .scheduler("credit", Map.of("tickPhase", "aligned"))
                .domain(DomainSpec.builder("dom0").workload("b", Guests.workload(i -> Guests.backend())).build())
                .domain(DomainSpec.builder("g").workload("g", Guests.workload(i ->
                        Guests.ioLoop(IoKind.DISK_READ, 4096, 50 * MS))).build())
                .domain(DomainSpec.builder("h").workload("h", Guests.workload(i -> Guests.hog())).build())
                .build();
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = Simulations.create(s);
        sim.addListener(t);
        sim.run();
        List<Run> g = Run.of(t.segments()).stream().filter(x -> x.vcpu().equals("g/0") && x.end() > x.start()).toList();
        List<Run> dom0 = Run.of(t.segments()).stream().filter(x -> x.vcpu().equals("dom0/0") && x.end() > x.start()).toList();
        assertThat(g.get(0).end()).isEqualTo(5 * US);
        assertThat(dom0.get(0)).isEqualTo(new Run(0, "dom0/0", 30 * MS + 5 * US, 30 * MS + 25 * US));
        assertThat(g.get(1).start()).isEqualTo(31 * MS + 53 * US);
    }
}
