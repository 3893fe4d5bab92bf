package io.github.vsched.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command of the shaded jar, run as a separate process, with plugins from --plugin-path. */
class CommandsIT {
    @TempDir
    static Path tmp;
    static ItFixture fx;

    @BeforeAll
    static void setUp() throws IOException {
        fx = new ItFixture(tmp);
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[]{"run", "compare", "sweep", "merge", "list", "validate", "generate-completion"}) {
            CliProcess r = CliProcess.run(tmp, cmd, "--help");
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).startsWith("Usage: vsched " + cmd);
        }
        CliProcess top = CliProcess.run(tmp, "--help");
        assertThat(top.out()).contains("Commands:").contains("Exit status: 0 success, 1 a run failed, 2 bad input");
        assertThat(CliProcess.run(tmp, "--version").out()).startsWith("vsched ");
    }

    @Test
    void shellCompletionCoversTheCommands() {
        CliProcess r = CliProcess.run(tmp, "generate-completion");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("complete -F").contains("compare").contains("sweep").contains("--plugin-path");
    }

    @Test
    void listShowsEveryPluginWithItsParametersAndJar() {
        CliProcess r = fx.run("list");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("round-robin: FIFO per PCPU")
                .contains("    jar:          " + CliProcess.jar())
                .containsPattern("slice +duration +ns +10ms +\\[100us, 1s\\]")
                .contains("test-smp: test platform")
                .contains("    jar:          " + fx.pluginJar)
                .containsPattern("pcpus +integer +2 +\\[1, 64\\]")
                .contains("test-periodic: test workload").contains("Built-in scenarios").contains("paper-compile");
        CliProcess w = fx.run("list", "workloads");
        assertThat(w.out()).startsWith("Workloads (").doesNotContain("Schedulers (");
    }

    @Test
    void validateChecksWithoutRunning() {
        CliProcess r = fx.run("validate", "two-pcpus.yaml", "--schedulers", "round-robin,round-robin[slice=1ms]");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("ok: two-pcpus.yaml: scenario two-pcpus, scheduler round-robin, platform test-smp"
                + " (2 PCPUs), 2 domains with 3 VCPUs, 300ms from seed 7")
                .contains("scheduler round-robin[slice=1ms]");
    }

    /** Every scenario shipped in the repository's scenarios/ folder validates with the real plugins. */
    @Test
    void theShippedScenariosValidate() throws IOException {
        Path folder = Path.of(System.getProperty("user.dir")).resolve("../scenarios").normalize();
        List<Path> files;
        try (var list = Files.list(folder)) {
            files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            CliProcess r = CliProcess.run(tmp, "validate", f.toString());
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).contains("ok: ");
        }
    }

    @Test
    void runPrintsATableAndWritesEveryFileWithAPerfettoTrace() throws IOException {
        Path out = tmp.resolve("run-out");
        CliProcess r = fx.run("run", "two-pcpus.yaml", "--seed", "3", "--out", out.toString(), "--trace", "perfetto");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("scenario two-pcpus | scheduler round-robin | platform test-smp | seed 3")
                .containsPattern("player/0 +\\d").contains("test-periodic").contains("bursts");
        assertThat(out).isDirectoryContaining("glob:**/result.json").isDirectoryContaining("glob:**/summary.csv")
                .isDirectoryContaining("glob:**/workloads.csv").isDirectoryContaining("glob:**/report.html")
                .isDirectoryContaining("glob:**/trace-round-robin-seed3.json");
        try (var s = Files.list(out)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("."))).as("no temporary files").isEmpty();
        }
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertThat(result.get("seed").asLong()).isEqualTo(3);
        assertThat(result.get("runs").get(0).get("vcpus")).hasSize(3);
        JsonNode trace = new ObjectMapper().readTree(out.resolve("trace-round-robin-seed3.json").toFile());
        assertThat(trace.get("traceEvents").size()).isGreaterThan(100);
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(summary.get(0)).startsWith("scenario,scheduler,scheduler_id,seed,domain,vcpu,cpu_share,");
        assertThat(summary).hasSize(4);
    }

    @Test
    void aCsvTraceHasTheRawEvents() throws IOException {
        Path out = tmp.resolve("csv-out");
        CliProcess r = fx.run("run", "two-pcpus.yaml", "--duration", "50ms", "--out", out.toString(), "--trace", "csv");
        assertThat(r.code()).as(r.toString()).isZero();
        List<String> lines = Files.readAllLines(out.resolve("trace-round-robin-seed7.csv"));
        assertThat(lines.get(0)).isEqualTo("time_ns,event,pcpu,vcpu,arg0,arg1,arg0_name,arg1_name");
        assertThat(lines).anyMatch(l -> l.matches("\\d+,wake,\\d,player/0,0,0,,"));
    }

    /** A compare writes one xentrace file per scheduler: windows behind a CPU-change record, little-endian. */
    @Test
    void compareWritesAXentraceFilePerScheduler() throws IOException {
        Path out = tmp.resolve("xentrace-out");
        CliProcess r = fx.run("compare", "two-pcpus.yaml", "--schedulers", "round-robin,round-robin[slice=1ms]",
                "--seeds", "2", "--duration", "50ms", "--out", out.toString(), "--trace", "xentrace");
        assertThat(r.code()).as(r.toString()).isZero();
        for (String name : new String[]{"trace-round-robin-seed7.bin", "trace-round-robin-slice-1ms-seed7.bin"}) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(out.resolve(name)))
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertThat(b.getInt(0)).as(name).isEqualTo(0x2001f003); // TRC_TRACE_CPU_CHANGE with 2 words
            assertThat(b.getInt(4)).as(name).isBetween(0, 1);
            assertThat(b.capacity()).as(name).isGreaterThan(12 + b.getInt(8));
        }
    }

    @Test
    void compareGivesConfidenceIntervalsOverCommonSeeds() throws IOException {
        Path out = tmp.resolve("compare-out");
        CliProcess r = fx.run("compare", "two-pcpus.yaml", "--schedulers", "round-robin,round-robin[slice=1ms]",
                "--seeds", "3", "--jobs", "2", "--out", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("2 schedulers x 3 seeds (seeds 7..9, the same for every scheduler)")
                .contains("Student's t, 2 df").containsPattern("round-robin\\[slice=1ms\\] +player/0 +[0-9.]+ ± ");
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertThat(result.get("schedulers").toString()).isEqualTo("[\"round-robin\",\"round-robin[slice=1ms]\"]");
        assertThat(result.get("seeds").toString()).isEqualTo("[7,8,9]");
        assertThat(result.get("runs")).hasSize(6);
        assertThat(out.resolve("estimates.csv")).exists();
        assertThat(out.resolve("report.html")).exists();
        assertThat(Files.readString(out.resolve("summary.md"))).startsWith("### VCPUs of interest · scenario `two-pcpus`"
                + " · schedulers `round-robin`, `round-robin[slice=1ms]` · seeds 7..9 · mean ± half-width of the 95%"
                + " confidence interval across seeds\n\n| scheduler ").contains("\n| round-robin[slice=1ms] | player/0 ")
                .contains("\n### Workload quality · scenario `two-pcpus`");
        Path charts = out.resolve("charts");
        assertThat(charts).isDirectoryContaining("glob:**/timeline-round-robin.svg")
                .isDirectoryContaining("glob:**/timeline-round-robin-slice-1ms.svg")
                .isDirectoryContaining("glob:**/dispatchIntervalUs-player-0-histogram-round-robin.svg")
                .isDirectoryContaining("glob:**/dispatchIntervalUs-player-0-cdf.svg");
        List<String> svgs;
        try (var s = Files.list(charts)) {
            svgs = s.map(p -> p.getFileName().toString()).toList();
        }
        assertThat(svgs).as("SVG files only, no temporary files").allMatch(n -> n.endsWith(".svg") && !n.startsWith("."));
        assertThat(svgs).as("every chart of the report")
                .hasSize(Files.readString(out.resolve("report.html")).split("<svg ", -1).length - 1);
        assertThat(r.err()).contains("vsched: wrote result.json summary.csv workloads.csv estimates.csv summary.md"
                + " intervals.csv quality-events.csv report.html charts/ (" + svgs.size() + " SVG) to ");
    }

    @Test
    void shardsOfASweepMergeIntoTheWholeSweep() throws IOException {
        String[] sweep = {"sweep", "two-pcpus.yaml", "--param", "round-robin.slice=1ms..4ms:1ms", "--seeds", "2",
            "--duration", "100ms"};
        CliProcess whole = fx.run(concat(sweep, "--out", "sweep-all"));
        assertThat(whole.code()).as(whole.toString()).isZero();
        assertThat(whole.out()).contains("4 points x 2 seeds");
        for (int i = 1; i <= 2; i++) {
            CliProcess s = fx.run(concat(sweep, "--shard", i + "/2", "--out", "shard" + i));
            assertThat(s.code()).as(s.toString()).isZero();
            assertThat(s.out()).contains("shard " + i + "/2");
        }
        CliProcess m = fx.run("merge", "--out", "merged", "shard2", "shard1");
        assertThat(m.code()).as(m.toString()).isZero();
        assertThat(Files.readString(tmp.resolve("merged/sweep.csv")))
                .isEqualTo(Files.readString(tmp.resolve("sweep-all/sweep.csv")));
        assertThat(tmp.resolve("merged/sweep.html")).exists();
        assertThat(tmp.resolve("merged/summary.md")).exists();
        assertThat(tmp.resolve("merged/charts/dispatchIntervalUs.p99-player-0.svg")).exists();
    }

    @Test
    void aFailingRunExitsWithOne() {
        CliProcess r = fx.run("run", "two-pcpus.yaml", "--set", "domain.hog.workload.failAt=10ms");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("vsched: run failed (scheduler round-robin, seed 7)")
                .contains("test-hog fails on purpose");
    }

    @Test
    void twoPluginsWithOneIdAreRejectedNamingBothJars() throws IOException {
        Path twin = PluginJar.buildTwin(tmp.resolve("plugins-twin/twin.jar"));
        CliProcess r = CliProcess.run(tmp, "list", "--plugin-path", fx.plugins.toString(), "--plugin-path",
                twin.getParent().toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("two platform plugins have the id 'test-smp'").contains(fx.pluginJar.toString())
                .contains(twin.toString());
    }

    @Test
    void thePluginPathMayComeBeforeTheCommand() {
        CliProcess r = CliProcess.run(tmp, "--plugin-path", fx.plugins.toString(), "list", "platforms");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("test-smp");
    }

    @Test
    void pluginsCanComeFromTheEnvironment() {
        CliProcess r = CliProcess.run(tmp, java.util.Map.of("VSCHED_PLUGIN_PATH", fx.plugins.toString()), "list",
                "platforms");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("test-smp");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
