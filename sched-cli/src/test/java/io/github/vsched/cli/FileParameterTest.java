package io.github.vsched.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * File parameters in scenario files (the rt-app workload's {@code file}): relative to the
 * scenario file's folder, and refused when they leave it unless {@code --allow-files-outside}.
 */
class FileParameterTest {
    private static final String JSON = """
            {"tasks": {"t": {"run": 1000, "timer": {"ref": "unique", "period": 10000}}}}""";

    private static String scenario(String file) {
        return """
                name: files
                duration: 100ms
                platform: test-smp
                scheduler: round-robin
                domains:
                  - name: g
                    workload:
                      id: rt-app
                      params:
                        file: %s
                """.formatted(file);
    }

    @TempDir
    Path tmp;

    private Path scenarioIn(String folder, String file) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(folder));
        Path s = dir.resolve("s.yaml");
        Files.writeString(s, scenario(file));
        return s;
    }

    @Test
    void aFileIsReadRelativeToTheScenarioFilesFolder() throws IOException {
        Path s = scenarioIn("a", "tasks/t.json");
        Files.createDirectories(tmp.resolve("a/tasks"));
        Files.writeString(tmp.resolve("a/tasks/t.json"), JSON);
        CliRun r = CliRun.of("run", s.toString(), "--no-progress");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("(?m)^g +rt-app +t\\.activations +9 *$");
    }

    @Test
    void aPathLeavingTheScenarioFilesFolderIsRefusedUnlessAllowed() throws IOException {
        Files.writeString(tmp.resolve("t.json"), JSON);
        Path s = scenarioIn("a", "../t.json");
        CliRun refused = CliRun.of("run", s.toString(), "--no-progress");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains(s + ":10:15: domains[g].workload.params.file: invalid value '../t.json'"
                + " for workload rt-app: the file " + tmp.toAbsolutePath().resolve("t.json") + " is outside the"
                + " scenario file's folder " + tmp.toAbsolutePath().resolve("a") + "; allowed: a path relative to"
                + " that folder that stays inside it (or, if you trust this scenario, --allow-files-outside)");
        assertThat(CliRun.of("validate", s.toString()).code()).isEqualTo(2);
        // an absolute path too
        Path abs = scenarioIn("b", tmp.toAbsolutePath().resolve("t.json").toString());
        assertThat(CliRun.of("validate", abs.toString()).err()).contains("is outside the scenario file's folder");

        CliRun allowed = CliRun.of("run", s.toString(), "--no-progress", "--allow-files-outside");
        assertThat(allowed.code()).as(allowed.toString()).isZero();
        assertThat(allowed.out()).contains("t.activations");
    }

    @Test
    void aLinkLeavingTheScenarioFilesFolderIsRefused() throws IOException {
        Files.writeString(tmp.resolve("t.json"), JSON);
        Path s = scenarioIn("a", "link.json");
        Files.createSymbolicLink(tmp.resolve("a/link.json"), tmp.resolve("t.json"));
        CliRun r = CliRun.of("validate", s.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("invalid value 'link.json' for workload rt-app: the file")
                .contains("is outside the scenario file's folder");
    }

    /** Given on the command line, the path is the user's own: relative to the working folder, not checked. */
    @Test
    void aPathGivenOnTheCommandLineIsTheUsersOwn() throws IOException {
        Files.writeString(tmp.resolve("t.json"), JSON);
        Path s = scenarioIn("a", "missing.json");
        CliRun r = CliRun.of("run", s.toString(), "--no-progress", "--set",
                "domain.g.workload.file=" + tmp.resolve("t.json"));
        assertThat(r.code()).as(r.toString()).isZero();
    }

    @Test
    void errorsInTheFileNameTheFileAndTheJsonPath() throws IOException {
        Path s = scenarioIn("a", "t.json");
        Files.writeString(tmp.resolve("a/t.json"), "{\"tasks\": {\"t\": {\"run\": 1000, \"lock\": \"m\"}}}");
        CliRun r = CliRun.of("validate", s.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(s + ":10:15: domains[g].workload.params.file:")
                .contains(tmp.resolve("a/t.json") + ": tasks.t.lock: rt-app's 'lock' event cannot be modelled");
    }
}
