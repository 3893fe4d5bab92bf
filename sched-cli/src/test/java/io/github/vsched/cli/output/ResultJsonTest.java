package io.github.vsched.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vsched.cli.UserInputException;
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
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultJsonTest {

    private static ResultSet resultSet() {
        ResolvedScenario r = TestScenarios.resolved("two-pcpus");
        RunOutput o = new Runner(TestScenarios.FACTORY, 1, null).runOne(new Job(r, r.scenario(),
                Map.of("round-robin.slice", "5ms"), false, false, null), ProgressBar.create(false, System.err, "", 1, 1));
        return new ResultSet("two-pcpus", 7, r.scenario().durationNs(), "test-smp", List.of("round-robin"), List.of(7L),
                r.focus(), 0.95, 0, 1_000_000, new SweepInfo(List.of("round-robin.slice=5ms"), 1, 1, 1, "0123456789abcdef", "dev+0123456789abcdef"), List.of(o.record()));
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

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode schema() throws IOException {
        try (InputStream in = ResultJson.class.getResourceAsStream(ResultJson.SCHEMA_RESOURCE)) {
            assertThat(in).as("the published schema %s", ResultJson.SCHEMA_RESOURCE).isNotNull();
            return MAPPER.readTree(in);
        }
    }

    /** A result.json written before the layout moved to records: a sweep point with a period and late waits. */
    private static Path earlierFile() throws Exception {
        return Path.of(ResultJsonTest.class.getResource("/output/result-v1.json").toURI());
    }

    @Test
    void aFileWithRefusalsAndCpupoolsMatchesThePublishedSchema(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        JsonNode schema = schema();
        for (String scenario : new String[] {"src/test/resources/admission/rtds-admission.yaml",
            "../scenarios/paper-compile-pools.yaml"}) {
            Path out = tmp.resolve(Path.of(scenario).getFileName().toString());
            io.github.vsched.cli.CliRun r = io.github.vsched.cli.CliRun.of("run", scenario, "--duration", "200ms",
                    "--no-progress", "--out", out.toString());
            assertThat(r.code()).as(r.toString()).isZero();
            JsonNode doc = MAPPER.readTree(Files.readString(out.resolve("result.json")));
            assertThat(doc.at("/runs/0").has("refusals") || doc.at("/runs/0").has("pools")).as(scenario).isTrue();
            assertThat(SchemaCheck.errors(schema, doc)).as(scenario).isEmpty();
        }
    }

    @Test
    void aFreshFileMatchesThePublishedSchema() throws Exception {
        JsonNode schema = schema();
        assertThat(schema.at("/properties/schemaVersion/const").asInt()).isEqualTo(ResultJson.SCHEMA_VERSION);
        StringWriter w = new StringWriter();
        ResultJson.write(resultSet(), w);
        JsonNode fresh = MAPPER.readTree(w.toString());
        assertThat(SchemaCheck.errors(schema, fresh)).isEmpty();
        // the optional fields too: a period (inPeriod) and waits over the threshold (lateWaits)
        JsonNode earlier = MAPPER.readTree(Files.readString(earlierFile()));
        assertThat(earlier.at("/runs/0/vcpus").findValues("inPeriod")).isNotEmpty();
        assertThat(earlier.at("/runs/0/vcpus").findValues("situation")).isNotEmpty();
        assertThat(SchemaCheck.errors(schema, earlier)).isEmpty();
    }

    @Test
    void theSchemaCheckSeesMissingFieldsWrongTypesAndUnknownFields() throws Exception {
        ObjectNode doc = (ObjectNode) MAPPER.readTree(Files.readString(earlierFile()));
        ObjectNode vcpu = (ObjectNode) doc.at("/runs/0/vcpus/0");
        vcpu.remove("cpuShare");
        vcpu.put("dispatches", "many");
        ((ObjectNode) doc.at("/runs/0")).put("colour", "blue");
        doc.put("schemaVersion", 2);
        assertThat(SchemaCheck.errors(schema(), doc)).containsExactlyInAnyOrder(
                "$.schemaVersion: 2 where the schema wants 1",
                "$.runs[0]: field 'colour' is not in the schema",
                "$.runs[0].vcpus[0]: missing required field 'cpuShare'",
                "$.runs[0].vcpus[0].dispatches: STRING where the schema wants \"integer\"");
    }

    @Test
    void aFileWrittenBeforeReadsAndWritesBackUnchanged() throws Exception {
        String before = Files.readString(earlierFile());
        ResultSet set = ResultJson.read(earlierFile());
        assertThat(set.sweep().params()).containsExactly("scheduler=credit");
        assertThat(set.runs().get(0).vcpu("winxp/0").lateWaits()).isNotEmpty();
        StringWriter w = new StringWriter();
        ResultJson.write(set, w);
        String generator = "\"generator\" : \"[^\"]*\"";
        // numbers the earlier writer put in scientific notation come back as plain decimals
        String plain = java.util.regex.Pattern.compile("-?[0-9.]+E-?[0-9]+").matcher(before)
                .replaceAll(m -> new java.math.BigDecimal(m.group()).toPlainString());
        assertThat(plain).isNotEqualTo(before);
        assertThat(w.toString().replaceFirst(generator, "")).isEqualTo(plain.replaceFirst(generator, ""));
    }

    @Test
    void anotherSchemaVersionIsRefusedNamingBothVersions(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("result.json");
        Files.writeString(f, Files.readString(earlierFile()).replace("\"schemaVersion\" : 1,", "\"schemaVersion\" : 2,"));
        assertThatThrownBy(() -> ResultJson.read(f)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("schemaVersion 2").hasMessageContaining("reads schemaVersion 1");
    }

    @Test
    void aMissingFieldIsNamedWithWhereItIs(@TempDir Path dir) throws Exception {
        ObjectNode doc = (ObjectNode) MAPPER.readTree(Files.readString(earlierFile()));
        ((ObjectNode) doc.at("/runs/0/vcpus/1")).remove("runLengthUs");
        Path f = dir.resolve("result.json");
        Files.writeString(f, doc.toString());
        assertThatThrownBy(() -> ResultJson.read(f)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("not a vsched result.json").hasMessageContaining("runs[0].vcpus[1]")
                .hasMessageContaining("'runLengthUs'");
    }
}
