package io.github.vsched.cli.trace;

import io.github.vsched.cli.CliRun;
import io.github.vsched.cli.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --trace xentrace} on the command line, and the commands its documentation shows. */
class XentraceCommandTest {
    /** The command the README and docs/xentrace.md show (from the repository root), run here. */
    static final String README_COMMAND = "run scenarios/paper-compile.yaml --duration 1s --out out/xen --trace xentrace";

    /** Runs a documented command from the repository root, its output folder moved to {@code out}. */
    private static CliRun runDocumented(String command, Path out) {
        List<String> args = new ArrayList<>();
        for (String a : command.split(" ")) {
            if (a.startsWith("scenarios/")) {
                args.add(Path.of("..").resolve(a).toString());
            } else if (a.startsWith("out/")) {
                args.add(out.toString());
            } else {
                args.add(a);
            }
        }
        return CliRun.of(args.toArray(new String[0]));
    }

    @Test
    void theDocumentedCommandWritesAXentraceFile(@TempDir Path dir) throws IOException {
        for (String doc : new String[]{"README.md", "../docs/xentrace.md"}) {
            assertThat(Files.readString(Path.of(doc), StandardCharsets.UTF_8)).as(doc)
                    .contains("$ ./vsched " + README_COMMAND);
        }
        CliRun r = runDocumented(README_COMMAND, dir);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains(" trace-credit-seed1.bin to ");
        byte[] file = Files.readAllBytes(dir.resolve("trace-credit-seed1.bin"));
        List<XentraceReader.Window> windows = XentraceReader.read(file);
        assertThat(windows).extracting(XentraceReader.Window::cpu).containsOnly(0, 1, 2, 3);
        List<XentraceReader.Rec> records = XentraceReader.byTsc(windows);
        // a Q6600: 2.4 GHz, the run's first record one second after boot, its last one 1 s later
        assertThat(records.get(0).tsc()).isBetween(2_400_000_000L, 2_400_001_000L);
        assertThat(records.get(records.size() - 1).tsc()).isBetween(4_790_000_000L, 4_800_001_000L);
    }

    @Test
    void helpNamesTheFormat() {
        CliRun r = CliRun.of("run", "--help");
        assertThat(r.out().replaceAll("\\s+", " ")).contains("or xentrace (Xen 4.18's binary trace format, which Xen's"
                + " xenalyze reads; TSC at the platform's rate)");
    }

    @Test
    void aRunThatFailsLeavesNoTrace(@TempDir Path dir) {
        CliRun r = CliRun.of("run", TestScenarios.path("two-pcpus").toString(), "--set",
                "domain.hog.workload.failAt=20ms", "--out", dir.toString(), "--trace", "xentrace");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(dir.toFile().list()).as("no trace or result left behind").isEmpty();
    }

    @Test
    void aRunWritesItsTraceUnderItsStem(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.of("run", TestScenarios.path("two-pcpus").toString(), "--duration", "30ms", "--out",
                dir.toString(), "--trace", "xentrace");
        assertThat(r.code()).as(r.toString()).isZero();
        Path trace = dir.resolve("trace-round-robin-seed7.bin");
        assertThat(XentraceReader.read(Files.readAllBytes(trace))).isNotEmpty();
    }
}
