package io.github.vsched.core;

import io.github.vsched.api.Topology;
import io.github.vsched.core.guest.Guests;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.US;
import static org.assertj.core.api.Assertions.assertThat;

class DeterminismTest {

    static Scenario randomGuests(long seed) {
        Scenario.Builder b = Scenario.builder("mixed").seed(seed).duration(1000 * MS).checked(true)
                .platform(FixedCostPlatform.ideal(4).withTopology(Topology.regular(1, 4, 1, 2))
                        .withContextSwitch(2 * US).withIpi(5 * US).withCrossCacheMigration(20 * US))
                .scheduler("round-robin", Map.of("slice", "3ms"));
        for (int i = 0; i < 6; i++) {
            b.domain(DomainSpec.builder("io" + i).workload("io", Guests.workload(v -> Guests.ioWaker(300 * US, 2 * MS)))
                    .build());
        }
        b.domain(DomainSpec.builder("hogs").vcpus(2).workload("hog", Guests.workload(v -> Guests.hog())).build());
        return b.build();
    }

    @Test
    void sameScenarioAndSeedGiveIdenticalEventSequences() {
        SimulationResult a = Simulations.create(randomGuests(7)).run();
        SimulationResult b = Simulations.create(randomGuests(7)).run();
        assertThat(a.events()).isGreaterThan(5_000);
        assertThat(b.eventHash()).isEqualTo(a.eventHash());
        assertThat(b.events()).isEqualTo(a.events());
        assertThat(b.vcpus()).extracting(VcpuStats::runningNs).isEqualTo(a.vcpus().stream().map(VcpuStats::runningNs).toList());
    }

    @Test
    void anotherSeedGivesAnotherRun() {
        SimulationResult a = Simulations.create(randomGuests(7)).run();
        SimulationResult c = Simulations.create(randomGuests(8)).run();
        assertThat(c.eventHash()).isNotEqualTo(a.eventHash());
    }

    @Test
    void randomStreamsAreIndependentOfEachOther() {
        long x = RandomStreams.stream(1, "workload:a").nextLong();
        assertThat(RandomStreams.stream(1, "workload:a").nextLong()).isEqualTo(x);
        assertThat(RandomStreams.stream(1, "workload:b").nextLong()).isNotEqualTo(x);
        assertThat(RandomStreams.stream(2, "workload:a").nextLong()).isNotEqualTo(x);
    }
}
