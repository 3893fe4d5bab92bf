package io.github.vsched.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vsched.cli.TestScenarios;
import io.github.vsched.cli.exec.Job;
import io.github.vsched.cli.exec.ProgressBar;
import io.github.vsched.cli.exec.RunOutput;
import io.github.vsched.cli.exec.Runner;
import io.github.vsched.cli.result.ResultSet;
import io.github.vsched.cli.result.RunRecord;
import io.github.vsched.cli.result.SweepInfo;
import io.github.vsched.scenario.ResolvedScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResultJsonTest {

    private static ResultSet resultSet() {
        ResolvedScenario r = TestScenarios.resolved("two-pcpus");
        RunOutput o = new Runner(TestScenarios.FACTORY, 1, null).runOne(new Job(r, r.scenario(),
                Map.of("round-robin.slice", "5ms"), false, false, null), ProgressBar.create(false, System.err, "", 1, 1));
        return new ResultSet("two-pcpus", 7, r.scenario().durationNs(), "test-smp", List.of("round-robin"), List.of(7L),
                r.focus(), 0.95, 0, 1_000_000, new SweepInfo(List.of("round-robin.slice=5ms"), 1, 1, 1), List.of(o.record()));
    }

    @Test
    void theFileHasTheDocumentedFields() throws IOException {
        StringWriter w = new StringWriter();
        ResultJson.write(resultSet(), w);
        JsonNode root = new ObjectMapper().readTree(w.toString());
        assertThat(root.get("scenario").asText()).isEqualTo("two-pcpus");
        assertThat(root.get("seed").asLong()).isEqualTo(7);
        assertThat(root.get("durationNs").asLong()).isEqualTo(300_000_000L);
        JsonNode run = root.get("runs").get(0);
        assertThat(run.get("scheduler").asText()).isEqualTo("round-robin");
        assertThat(run.get("seed").asLong()).isEqualTo(7);
        JsonNode vcpu = run.get("vcpus").get(0);
        assertThat(vcpu.get("domain").asText()).isEqualTo("player");
        assertThat(vcpu.get("vcpu").asInt()).isZero();
        assertThat(vcpu.get("cpuShare").asDouble()).isBetween(0.01, 0.2);
        for (String d : new String[]{"wakeLatencyUs", "dispatchIntervalUs", "runLengthUs"}) {
            for (String s : new String[]{"p50", "p90", "p99", "max", "mean", "count"}) {
                assertThat(vcpu.get(d).has(s)).as(d + "." + s).isTrue();
            }
        }
        // the player wakes every 2 ms, so it is dispatched after wake-ups at most that often
        assertThat(vcpu.get("dispatchIntervalUs").get("p50").asDouble()).isGreaterThan(1900.0);
        assertThat(vcpu.get("dispatchIntervalUs").get("count").asLong()).isGreaterThan(10);
        JsonNode workload = run.get("workloads").get(0);
        assertThat(workload.get("domain").asText()).isEqualTo("player");
        assertThat(workload.get("metrics").get("bursts").asDouble()).isGreaterThan(30);
    }

    @Test
    void whatIsWrittenReadsBackTheSame(@TempDir Path dir) throws IOException {
        ResultSet set = resultSet();
        Path f = OutputDir.prepare(dir).write("result.json", w -> ResultJson.write(set, w));
        ResultSet back = ResultJson.read(f);
        assertThat(back).usingRecursiveComparison()
                .withComparatorForType(Double::compare, Double.class) // NaN (no period) reads back as NaN
                .isEqualTo(set);
        RunRecord r = back.runs().get(0);
        assertThat(r.params()).containsEntry("round-robin.slice", "5ms");
        assertThat(Files.readString(f)).endsWith("}\n");
    }
}
