package io.github.vsched.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refusal of the scheduler's admission control is a normal outcome: the run succeeds, the
 * console lists the refusal and {@code result.json} records it with the run.
 */
class AdmissionRefusalTest {

    @Test
    void aRefusedVcpuIsReportedOnTheConsoleAndInResultJson(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("run", "src/test/resources/admission/rtds-admission.yaml", "--out", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Refused by the scheduler's admission control (the run went on without them):")
                .containsPattern("rtds +1 +0 ns +vcpu c/0 +insertion +admission control: with c/0's server 4ms every"
                        + " 10ms all servers would ask 1\\.200 PCPUs");
        JsonNode run = new ObjectMapper().readTree(out.resolve("result.json").toFile()).get("runs").get(0);
        JsonNode refusal = run.get("refusals").get(0);
        assertThat(refusal.get("timeNs").asLong()).isZero();
        assertThat(refusal.get("subject").asText()).isEqualTo("vcpu c/0");
        assertThat(refusal.get("change").asText()).isEqualTo("insertion");
        assertThat(refusal.get("reason").asText()).contains("1.200 PCPUs");
        assertThat(run.get("vcpus").get(2).get("runningNs").asLong()).isZero();
        String html = java.nio.file.Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<a href=\"#refusals\">Refusals</a>").contains("<section id=\"refusals\">")
                .contains("vcpu c/0").contains("insertion");
    }

    @Test
    void aSweepShowsEachRefusalWithItsPoint(@TempDir Path tmp) {
        CliRun r = CliRun.of("sweep", "src/test/resources/admission/rtds-admission.yaml", "--param",
                "rtds.admissionControl=true,false", "--seeds", "1", "--out", tmp.resolve("out").toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("rtds \\{rtds.admissionControl=true} +1 +0 ns +vcpu c/0 +insertion")
                .doesNotContain("admissionControl=false} ");
    }

    @Test
    void aRunWithoutRefusalsHasNoRefusalsInResultJson(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("run", "src/test/resources/admission/rtds-admission.yaml", "--set",
                "rtds.admissionControl=false", "--out", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("Refused by");
        assertThat(new ObjectMapper().readTree(out.resolve("result.json").toFile()).get("runs").get(0).has("refusals"))
                .isFalse();
    }
}
