package io.github.vsched.cli.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vsched.cli.output.OutputDir;
import io.github.vsched.cli.report.TimelineCapture;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.guest.Guests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The names a scheduler gives its trace events' arguments ({@code traceEventType("replenish",
 * "deadline", "budget")}, RTDS) reach every output: Perfetto's args, the CSV trace's name
 * columns, the report timeline's markers; an unnamed argument is left out.
 */
class TraceArgumentNamesTest {
    private static final long MS = 1_000_000L;

    private static Simulation rtds() {
        return Simulations.create(Scenario.builder("names").duration(30 * MS).checked(true)
                .platform(FixedCostPlatform.ideal(1)).scheduler("rtds", Map.of())
                .domain(DomainSpec.builder("a").workload("h", Guests.workload(i -> Guests.hog())).build())
                .domain(DomainSpec.builder("b").workload("s", Guests.workload(i -> Guests.sleeper(MS, 3 * MS))).build())
                .build());
    }

    private static void write(TraceFormat format, Path dir, String name) {
        Simulation sim = rtds();
        TraceSink sink = TraceSink.open(format, OutputDir.prepare(dir), name, "t", sim);
        sim.addListener(sink);
        sim.run();
        sink.commit();
    }

    @Test
    void perfettoArgsAreNamedAsTheSchedulerNamedThem(@TempDir Path dir) throws IOException {
        write(TraceFormat.PERFETTO, dir, "t.json");
        JsonNode root = new ObjectMapper().readTree(dir.resolve("t.json").toFile());
        List<JsonNode> replenish = new ArrayList<>();
        List<JsonNode> tickle = new ArrayList<>();
        for (JsonNode e : root.get("traceEvents")) {
            if ("sched".equals(e.path("cat").asText())) {
                assertThat(e.get("args").has("arg0")).as("%s", e).isFalse();
                if (e.get("name").asText().equals("replenish")) {
                    replenish.add(e.get("args"));
                } else if (e.get("name").asText().equals("tickle")) {
                    tickle.add(e.get("args"));
                }
            }
        }
        assertThat(replenish).isNotEmpty().allSatisfy(a -> {
            assertThat(a.get("deadline").asLong()).isPositive();
            assertThat(a.get("budget").asLong()).isPositive();
        });
        // tickle names only its first argument: the second is unused and left out
        assertThat(tickle).isNotEmpty().allSatisfy(a -> assertThat(a.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("vcpu", "cpu"));
    }

    @Test
    void csvRowsCarryTheArgumentNames(@TempDir Path dir) throws IOException {
        write(TraceFormat.CSV, dir, "t.csv");
        List<String> lines = Files.readAllLines(dir.resolve("t.csv"));
        assertThat(lines).anyMatch(l -> l.matches("\\d+,replenish,-1,b/0,\\d+,\\d+,deadline,budget"));
        assertThat(lines).anyMatch(l -> l.matches("\\d+,burn,0,a/0,-?\\d+,\\d+,budget,level"));
        assertThat(lines).anyMatch(l -> l.matches("\\d+,tickle,0,b/0,0,0,cpu,"));
        assertThat(lines).anyMatch(l -> l.matches("\\d+,dispatch,0,b/0,1,0,after_wake,"));
    }

    @Test
    void timelineMarkersCarryTheArgumentNames() {
        Simulation sim = rtds();
        TimelineCapture tc = new TimelineCapture(sim.scheduler(), 0, 30 * MS, 10_000, 10_000)
                .traceEventTypes(sim.traceEventTypes());
        sim.addListener(tc);
        sim.run();
        // RTDS's hog leaves its budget for extratime: EDF -> EXTRA, told by burn (budget, level)
        assertThat(tc.markers()).anyMatch(m -> m.name().contains("(burn)") && "budget".equals(m.arg0Name())
                && "level".equals(m.arg1Name()));
    }
}
