package io.github.vsched.cli;

import io.github.vsched.cli.exec.StopSignal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command asked to stop (as Ctrl-C and SIGTERM do, through its {@link StopSignal}) ends with
 * status 130 and a message saying how far it got, writes no output file, and a sweep keeps its
 * completed runs so the same command resumes it. {@code InterruptIT} sends the jar a real SIGTERM.
 */
class InterruptTest {
    private static final String[] SWEEP = {"sweep", "builtin:paper-compile", "--param",
        "domain.dom1.workload.jobs=1..3:1", "--seeds", "2", "--duration", "2s", "--jobs", "1", "--vcpus", "winxp/0"};

    private static CliRun run(StopSignal stop, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.execute(args, o, e, stop);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aStoppedRunOrComparisonSaysSoAndWritesNothing(@TempDir Path dir) throws IOException {
        StopSignal stop = new StopSignal();
        stop.request();
        CliRun r = run(stop, "run", "builtin:round-robin", "--duration", "10ms", "--trace", "csv", "--out",
                dir.resolve("r").toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(Main.INTERRUPTED);
        assertThat(r.err()).endsWith("vsched: interrupted: the run was stopped before it completed; no file was"
                + " written" + System.lineSeparator());
        CliRun c = run(stop, "compare", "builtin:round-robin", "--duration", "10ms", "--seeds", "3", "--out",
                dir.resolve("c").toString());
        assertThat(c.code()).as(c.toString()).isEqualTo(Main.INTERRUPTED);
        assertThat(c.err()).contains("vsched: interrupted: stopped after 0 of 3 runs; no file was written");
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void aStoppedComparisonOfScenariosWritesNoTimeSeries(@TempDir Path dir) throws IOException {
        StopSignal stop = new StopSignal();
        stop.request();
        CliRun c = run(stop, "compare", "builtin:paper-idle", "builtin:paper-compile", "--schedulers", "credit",
                "--duration", "20ms", "--seeds", "2", "--series-window", "all", "--out", dir.resolve("c").toString());
        assertThat(c.code()).as(c.toString()).isEqualTo(Main.INTERRUPTED);
        assertThat(c.err()).contains("vsched: interrupted: stopped after 0 of 4 runs; no file was written");
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void aStoppedSweepKeepsItsCompletedRunsAndTheSameCommandResumesIt(@TempDir Path dir)
            throws IOException, InterruptedException {
        String[] args = concat(SWEEP, "--out", dir.resolve("out").toString());
        Path saved = dir.resolve("out/sweep-runs");
        CliRun stopped = stopOnceARunIsSaved(saved, args);
        assertThat(stopped.code()).as(stopped.toString()).isEqualTo(Main.INTERRUPTED);
        assertThat(stopped.err()).containsPattern("vsched: interrupted: stopped after [1-5] of 6 runs; no output file"
                + " was written; the completed runs are kept in .*sweep-runs: run the same command again to resume");
        List<String> kept = files(dir.resolve("out"));
        assertThat(kept).isNotEmpty().allMatch(f -> f.matches("sweep-runs/[0-9a-f]{32}\\.json"));

        CliRun resumed = CliRun.of(args);
        assertThat(resumed.code()).as(resumed.toString()).isZero();
        assertThat(resumed.err()).contains("vsched: resuming: " + kept.size() + " of 6 runs were completed by an"
                + " earlier start");
        assertThat(saved).doesNotExist();
        CliRun whole = CliRun.of(concat(SWEEP, "--out", dir.resolve("whole").toString()));
        assertThat(resumed.out()).isEqualTo(whole.out());
        for (String f : new String[] {"result.json", "summary.csv", "workloads.csv", "sweep.csv", "summary.md"}) {
            assertThat(dir.resolve("out").resolve(f)).as(f).hasSameTextualContentAs(dir.resolve("whole").resolve(f));
        }
    }

    @Test
    void aSavedRunThatIsDamagedIsMadeAgain(@TempDir Path dir) throws IOException, InterruptedException {
        String[] args = concat(SWEEP, "--out", dir.resolve("out").toString());
        Path saved = dir.resolve("out/sweep-runs");
        assertThat(stopOnceARunIsSaved(saved, args).code()).isEqualTo(Main.INTERRUPTED);
        try (Stream<Path> s = Files.list(saved)) {
            for (Path f : s.toList()) {
                Files.writeString(f, "{not json");
            }
        }
        CliRun r = CliRun.of(args);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).doesNotContain("resuming");
        assertThat(dir.resolve("out/result.json")).isNotEmptyFile();
        assertThat(saved).doesNotExist();
    }

    /**
     * A saved run is checked, not trusted by its file's name: a file whose run is not the one its
     * name stands for (here: another seed) is made again.
     */
    @Test
    void aSavedRunIsCheckedNotTrustedByItsName(@TempDir Path dir) throws IOException, InterruptedException {
        String[] args = concat(SWEEP, "--out", dir.resolve("out").toString());
        Path saved = dir.resolve("out/sweep-runs");
        assertThat(stopOnceARunIsSaved(saved, args).code()).isEqualTo(Main.INTERRUPTED);
        List<Path> kept;
        try (Stream<Path> s = Files.list(saved)) {
            kept = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(kept.get(0).toFile());
        var run = (com.fasterxml.jackson.databind.node.ObjectNode) tree.get("runs").get(0);
        run.put("seed", run.get("seed").asLong() + 100);
        mapper.writeValue(kept.get(0).toFile(), tree);

        CliRun r = CliRun.of(args);
        assertThat(r.code()).as(r.toString()).isZero();
        if (kept.size() > 1) {
            assertThat(r.err()).contains("vsched: resuming: " + (kept.size() - 1) + " of 6 runs");
        } else {
            assertThat(r.err()).doesNotContain("resuming");
        }
        CliRun whole = CliRun.of(concat(SWEEP, "--out", dir.resolve("whole").toString()));
        assertThat(dir.resolve("out/result.json")).hasSameTextualContentAs(dir.resolve("whole/result.json"));
        assertThat(r.out()).isEqualTo(whole.out());
    }

    /** Runs a sweep and stops it once a run is saved, as a user pressing Ctrl-C would. */
    private static CliRun stopOnceARunIsSaved(Path saved, String[] args) throws InterruptedException {
        StopSignal stop = new StopSignal();
        Thread ctrlC = new Thread(() -> {
            while (!stop.requested()) {
                try (Stream<Path> s = Files.isDirectory(saved) ? Files.list(saved) : Stream.empty()) {
                    if (s.anyMatch(p -> p.toString().endsWith(".json"))) {
                        stop.request();
                    }
                } catch (IOException e) {
                    // the folder is being made: look again
                }
                Thread.onSpinWait();
            }
        });
        ctrlC.start();
        CliRun r = run(stop, args);
        stop.request();
        ctrlC.join();
        return r;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
