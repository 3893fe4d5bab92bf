package io.github.vsched.cli.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vsched.cli.TestScenarios;
import io.github.vsched.cli.output.OutputDir;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.metrics.PcpuTimeline;
import io.github.vsched.core.observe.SimulationListener;
import io.github.vsched.scenario.ResolvedScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TraceSinkTest {

    /** Runs 50 ms of the two-pcpus scenario with a trace of {@code format} written to {@code name} in {@code dir}. */
    private static SimulationResult run(TraceFormat format, Path dir, String name, String title,
                                        SimulationListener... others) {
        ResolvedScenario r = TestScenarios.resolved("two-pcpus");
        Simulation sim = TestScenarios.FACTORY.create(r.scenario().withDuration(50_000_000L));
        TraceSink sink = TraceSink.open(format, OutputDir.prepare(dir), name, title, sim);
        sim.addListener(sink);
        for (SimulationListener l : others) {
            sim.addListener(l);
        }
        SimulationResult result = sim.run();
        sink.commit();
        return result;
    }

    @Test
    void perfettoTraceHasATrackPerPcpuWithNonOverlappingVcpuSlicesAndWakeInstants(@TempDir Path dir)
            throws IOException {
        SimulationResult result = run(TraceFormat.PERFETTO, dir, "t.json", "test \"title\"");
        JsonNode root = new ObjectMapper().readTree(dir.resolve("t.json").toFile());
        assertThat(root.get("displayTimeUnit").asText()).isEqualTo("ns");
        Set<String> tracks = new HashSet<>();
        Map<Integer, Double> lastEnd = new HashMap<>();
        int slices = 0;
        int wakes = 0;
        long busyNs = 0;
        for (JsonNode e : root.get("traceEvents")) {
            String ph = e.get("ph").asText();
            if (ph.equals("M") && e.get("name").asText().equals("thread_name")) {
                tracks.add(e.get("args").get("name").asText());
            } else if (ph.equals("X")) {
                slices++;
                int tid = e.get("tid").asInt();
                double ts = e.get("ts").asDouble();
                double end = ts + e.get("dur").asDouble();
                assertThat(ts).isGreaterThanOrEqualTo(lastEnd.getOrDefault(tid, 0.0) - 1e-6);
                lastEnd.put(tid, end);
                busyNs += Math.round(e.get("dur").asDouble() * 1000);
                assertThat(e.get("name").asText()).matches("(player|hog)/\\d");
            } else if (ph.equals("i") && e.get("name").asText().equals("wake")) {
                wakes++;
                assertThat(e.get("args").get("vcpu").asText()).isNotEmpty();
            }
        }
        assertThat(tracks).containsExactlyInAnyOrder("PCPU 0", "PCPU 1");
        assertThat(slices).isGreaterThan(10);
        assertThat(wakes).isGreaterThan(10);
        long expectedBusy = result.pcpuBusyNs()[0] + result.pcpuBusyNs()[1];
        assertThat((double) busyNs).isCloseTo(expectedBusy, org.assertj.core.data.Offset.offset(expectedBusy * 0.01));
    }

    /** The trace's slices are the guests' segments of the PCPU timeline, in the order they closed. */
    @Test
    void perfettoSlicesAreTheTimelinesGuestSegments(@TempDir Path dir) throws IOException {
        PcpuTimeline timeline = PcpuTimeline.builder().guestsOnly().build();
        run(TraceFormat.PERFETTO, dir, "t.json", "t", timeline);
        List<String> slices = new ArrayList<>();
        for (JsonNode e : new ObjectMapper().readTree(dir.resolve("t.json").toFile()).get("traceEvents")) {
            if (e.get("ph").asText().equals("X")) {
                slices.add(e.get("tid").asInt() + " " + e.get("name").asText() + " "
                        + Math.round(e.get("ts").asDouble() * 1000) + "+" + Math.round(e.get("dur").asDouble() * 1000));
            }
        }
        assertThat(slices).isNotEmpty().containsExactlyElementsOf(timeline.segments().stream()
                .map(s -> s.pcpu() + " " + s.vcpu() + " " + s.start() + "+" + s.lengthNs()).toList());
    }

    /** Each segment of the timeline is a dispatch row and a deschedule row of the CSV trace, on its PCPU. */
    @Test
    void csvDispatchAndDescheduleRowsBoundTheTimelinesSegments(@TempDir Path dir) throws IOException {
        PcpuTimeline timeline = PcpuTimeline.builder().guestsOnly().build();
        run(TraceFormat.CSV, dir, "t.csv", "t", timeline);
        Set<String> rows = new HashSet<>(Files.readAllLines(dir.resolve("t.csv")));
        assertThat(timeline.segments()).hasSizeGreaterThan(10).allSatisfy(s -> {
            assertThat(rows).anyMatch(l -> l.startsWith(s.start() + ",dispatch," + s.pcpu() + "," + s.vcpu() + ","));
            if (s.ended() != PcpuTimeline.End.RUN_END) {
                assertThat(rows).contains(s.end() + ",deschedule," + s.pcpu() + "," + s.vcpu() + ",0,0,,");
            }
        });
    }

    @Test
    void csvTraceHasOneRowPerEventWithTheDocumentedColumns(@TempDir Path dir) throws IOException {
        run(TraceFormat.CSV, dir, "t.csv", "t");
        List<String> lines = Files.readAllLines(dir.resolve("t.csv"));
        assertThat(lines.get(0)).isEqualTo("time_ns,event,pcpu,vcpu,arg0,arg1,arg0_name,arg1_name");
        assertThat(lines).anyMatch(l -> l.contains(",wake,") && l.contains("player/0"));
        assertThat(lines).anyMatch(l -> l.contains(",dispatch,"));
        long prev = -1;
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            assertThat(f).hasSize(8);
            long t = Long.parseLong(f[0]);
            assertThat(t).isGreaterThanOrEqualTo(prev);
            prev = t;
        }
    }

    @Test
    void microsecondsAreExact() {
        StringBuilder sb = new StringBuilder();
        TextTraceSink.appendMicros(sb, 1_234_567L);
        sb.append(' ');
        TextTraceSink.appendMicros(sb, 5L);
        assertThat(sb).hasToString("1234.567 0.005");
    }
}
