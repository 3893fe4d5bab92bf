package io.github.vsched.core;

import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.US;
import static io.github.vsched.core.guest.Guests.compute;
import static io.github.vsched.core.guest.Guests.halt;
import static io.github.vsched.core.guest.Guests.sleepUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Xen 4.0's timer coalescing (timer.c, timer_softirq_action): timers expiring at 100, 130 and
 * 160 us on one PCPU with a 50 us slop. The first batch takes 100 (window ends 150) and 130
 * (inside it), not 160, and fires at 130; 160 fires on its own.
 */
class TimerSlopTest {

    static List<Run> run(long slop) {
        Scenario s = Scenario.builder("slop").platform(FixedCostPlatform.ideal(1).withTimerSlop(slop))
                .duration(MS).checked(true).scheduler("round-robin", Map.of())
                .domain(DomainSpec.builder("a").workload("s", Guests.workload(i ->
                        Guests.script(sleepUntil(100 * US), compute(US), halt()))).build())
                .domain(DomainSpec.builder("b").workload("s", Guests.workload(i ->
                        Guests.script(sleepUntil(130 * US), compute(US), halt()))).build())
                .domain(DomainSpec.builder("c").workload("s", Guests.workload(i ->
                        Guests.script(sleepUntil(160 * US), compute(US), halt()))).build())
                .build();
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = Simulations.create(s);
        sim.addListener(t);
        sim.run();
        return Run.of(t.busySegments(0).stream().filter(x -> x.start() > 0).toList());
    }

    @Test
    void timersWithinTheSlopFireTogetherAtTheLastExpiryOfTheBatch() {
        assertThat(run(50 * US)).containsExactly(
                new Run(0, "a/0", 130 * US, 131 * US),
                new Run(0, "b/0", 131 * US, 132 * US),
                new Run(0, "c/0", 160 * US, 161 * US));
    }

    @Test
    void withoutSlopEveryTimerFiresOnTime() {
        assertThat(run(0)).containsExactly(
                new Run(0, "a/0", 100 * US, 101 * US),
                new Run(0, "b/0", 130 * US, 131 * US),
                new Run(0, "c/0", 160 * US, 161 * US));
    }
}
