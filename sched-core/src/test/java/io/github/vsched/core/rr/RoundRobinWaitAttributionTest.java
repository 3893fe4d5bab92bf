package io.github.vsched.core.rr;

import io.github.vsched.api.VcpuView;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.WaitAttribution;
import io.github.vsched.core.metrics.WaitAttribution.Group;
import io.github.vsched.core.metrics.WaitAttribution.Situation;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.core.guest.Guests.compute;
import static io.github.vsched.core.guest.Guests.halt;
import static io.github.vsched.core.guest.Guests.sleepFor;
import static org.assertj.core.api.Assertions.assertThat;

/** Round-robin names a VCPU's place for the wait attribution: QUEUED in a FIFO, or RUNNING. */
class RoundRobinWaitAttributionTest {

    /**
     * One PCPU, no costs, 10 ms slice. v computes 1 ms, sleeps 5 ms, computes 1 ms; h is a hog.
     * v runs first (0-1 ms) and blocks; h runs from 1 ms for a full slice. v wakes at 6 ms into
     * the FIFO behind the running h and is dispatched when h's slice ends at 11 ms: one wait of
     * 5 ms, "QUEUED behind RUNNING". h stays RUNNING until it is switched out (although it is
     * already back in the FIFO then), so the wait is not reported as a demotion.
     */
    @Test
    void aWakeUpBehindTheCurrentVcpuIsQueuedBehindRunning() {
        Simulation sim = Simulations.create(Scenario.builder("rr-wait").platform(FixedCostPlatform.ideal(1))
                .duration(20 * MS).scheduler("round-robin", Map.of()).checked(true)
                .domain(DomainSpec.builder("v").workload("script", Guests.workload(i -> Guests.script(
                        compute(MS), sleepFor(5 * MS), compute(MS), halt()))).build())
                .domain(DomainSpec.builder("h").workload("script", Guests.workload(i -> Guests.hog())).build())
                .build());
        VcpuView v = sim.vcpu("v", 0);
        VcpuView h = sim.vcpu("h", 0);
        WaitAttribution waits = sim.waitAttribution(MS).watch(v);
        sim.addListener(waits);
        sim.run();

        assertThat(waits.groups(v)).containsExactly(new Group(
                new Situation(RoundRobinScheduler.QUEUED, RoundRobinScheduler.RUNNING, false, false, false),
                1, 5 * MS, 5 * MS));
        assertThat(waits.groups(v).get(0).situation().describe()).isEqualTo("QUEUED behind RUNNING, ran on its PCPU");
        // at the end: h holds the PCPU, v has halted and is in no FIFO
        assertThat(sim.scheduler().priorityName(h)).isEqualTo(RoundRobinScheduler.RUNNING);
        assertThat(sim.scheduler().priorityName(v)).isNull();
    }
}
