package io.github.vsched.credit;

import io.github.vsched.api.Durations;
import io.github.vsched.core.Adjustment;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.guest.Guests;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root README's example of timed adjustments runs as shown: the tslice shortened at 200 ms,
 * then domain a's weight doubled at 300 ms, after which a gets about two thirds of the PCPU.
 */
class CreditReadmeAdjustmentTest {

    @Test
    void theReadmesAdjustmentExampleRunsAsShown() throws IOException {
        Scenario s = Scenario.builder("adjusted").duration(600 * Durations.MS).platform(FixedCostPlatform.ideal(1))
                .scheduler("credit", Map.of("xenVersion", "4.2"))
                .domain(DomainSpec.builder("a").workload("hog", Guests.workload(i -> Guests.hog())).build())
                .domain(DomainSpec.builder("b").workload("hog", Guests.workload(i -> Guests.hog())).build())
                .adjust(Adjustment.scheduler(200 * Durations.MS, Map.of("tsliceMs", "10"))) // xl sched-credit -s -t 10
                .adjust(Adjustment.domain(300 * Durations.MS, "a", Map.of("weight", "512"))) // xl sched-credit -d a -w 512
                .build();
        SimulationResult r = Simulations.create(s).run();

        // equal until 300 ms, then 2:1: a ahead of b by about a third of the last 300 ms
        long lead = r.vcpu("a", 0).runningNs() - r.vcpu("b", 0).runningNs();
        assertThat(lead).isBetween(60 * Durations.MS, 140 * Durations.MS);
        String readme = Files.readString(Path.of("../README.md"));
        for (String line : new String[]{
            "Scenario s = Scenario.builder(\"adjusted\").duration(600 * Durations.MS).platform(FixedCostPlatform.ideal(1))",
            ".adjust(Adjustment.scheduler(200 * Durations.MS, Map.of(\"tsliceMs\", \"10\"))) // xl sched-credit -s -t 10",
            ".adjust(Adjustment.domain(300 * Durations.MS, \"a\", Map.of(\"weight\", \"512\"))) // xl sched-credit -d a -w 512",
            "SimulationResult r = Simulations.create(s).run();"}) {
            assertThat(readme).as("the README shows %s", line).contains(line);
        }
    }
}
