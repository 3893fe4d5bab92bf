package io.github.vsched.core;

import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static org.assertj.core.api.Assertions.assertThat;

/** The test guests do what their javadoc says. */
class GuestsTest {
    static List<Run> runs(io.github.vsched.api.GuestModel m, long duration) {
        Scenario s = Scenario.builder("guests").platform(FixedCostPlatform.ideal(1)).duration(duration).checked(true)
                .scheduler("round-robin", Map.of())
                .domain(DomainSpec.builder("g").workload("w", Guests.workload(i -> m)).build()).build();
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = Simulations.create(s);
        sim.addListener(t);
        sim.run();
        return Run.of(t.segments()).stream().filter(r -> r.vcpu().equals("g/0") && r.end() > r.start()).toList();
    }

    @Test
    void periodicReleasesAtItsPhaseAndEveryPeriodAfter() {
        assertThat(runs(Guests.periodic(10 * MS, MS, 5 * MS), 40 * MS)).extracting(Run::start, Run::end)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(5 * MS, 6 * MS),
                        org.assertj.core.groups.Tuple.tuple(15 * MS, 16 * MS),
                        org.assertj.core.groups.Tuple.tuple(25 * MS, 26 * MS),
                        org.assertj.core.groups.Tuple.tuple(35 * MS, 36 * MS));
    }

    @Test
    void periodicWithoutPhaseStartsAtOnce() {
        assertThat(runs(Guests.periodic(10 * MS, MS, 0), 25 * MS)).extracting(Run::start)
                .containsExactly(0L, 10 * MS, 20 * MS);
    }
}
