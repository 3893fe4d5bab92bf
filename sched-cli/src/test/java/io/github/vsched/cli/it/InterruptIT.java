package io.github.vsched.cli.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real jar receiving SIGTERM ({@link Process#destroy()} sends it on Linux) while it runs:
 * it says it was interrupted, ends with the signal's status, leaves no output file and no
 * temporary file, and a sweep keeps its completed runs and resumes from them.
 */
class InterruptIT {
    /** A sweep of 6 runs of about 0.1 s each. */
    private static final String[] SWEEP = {"sweep", "builtin:paper-compile", "--param",
        "domain.dom1.workload.jobs=1..3:1", "--seeds", "2", "--duration", "6s", "--jobs", "1", "--vcpus", "winxp/0",
        "--no-progress"};

    /** The jar started in {@code dir}, its standard error captured in a file. */
    private static Process start(Path dir, Path err, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", CliProcess.jar().toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static String withoutBuild(String file) {
        return file.replaceFirst("\"vsched [^\"]*\"", "\"vsched\"").replaceFirst("\"build\" : \"[^\"]*\"",
                "\"build\" : \"\"");
    }

    private static void terminate(Process p) throws InterruptedException {
        p.destroy();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s").isTrue();
    }

    @Test
    void aSweepStoppedBySigtermKeepsItsCompletedRunsAndTheSameCommandResumesIt(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path out = dir.resolve("out");
        Path saved = out.resolve("sweep-runs");
        Path err = dir.resolve("err.txt");
        Process p = start(dir, err, concat(SWEEP, "--out", "out"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (files(dir).stream().filter(f -> f.startsWith("out/sweep-runs/") && f.endsWith(".json")).count() < 2) {
            assertThat(p.isAlive()).as("the sweep is still running").isTrue();
            assertThat(System.nanoTime()).as("two runs completed within 60 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        terminate(p);
        String said = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(said).isEqualTo(143);
        assertThat(said).containsPattern("vsched: interrupted: stopped after [2-5] of 6 runs; no output file was"
                + " written; the completed runs are kept in out/sweep-runs: run the same command again to resume");
        // only the saved runs, each whole; no output, no temporary file
        List<String> left = files(dir.resolve("out"));
        assertThat(left).isNotEmpty().allMatch(f -> f.matches("sweep-runs/[0-9a-f]{32}\\.json"));
        int kept = left.size();
        // the README shows this command, its refusal and its resumption
        String readme = Files.readString(Path.of("README.md"));
        String command = "$ ./vsched " + String.join(" ", SWEEP) + " --out out\n";
        assertThat(readme).contains(command + "^C\n").contains("\n" + command + "vsched: resuming: ");
        String shown = readme.lines().filter(l -> l.startsWith("vsched: interrupted: ")).findFirst().orElseThrow();
        assertThat(said).contains(shown.replaceFirst("after \\d+ of", said.replaceFirst("(?s).*stopped (after \\d+ of).*",
                "$1")));

        CliProcess resumed = CliProcess.run(dir, concat(SWEEP, "--out", "out"));
        assertThat(resumed.code()).as(resumed.toString()).isZero();
        assertThat(resumed.err()).contains("vsched: resuming: " + kept + " of 6 runs were completed by an earlier start"
                + " of this sweep (saved in out/sweep-runs)");
        String shownResume = readme.lines().filter(l -> l.startsWith("vsched: resuming: ")).findFirst().orElseThrow();
        assertThat(resumed.err()).contains(shownResume.replaceFirst("^vsched: resuming: \\d+", "vsched: resuming: "
                + kept));
        String shownWrote = readme.lines().filter(l -> l.startsWith("vsched: wrote ") && l.endsWith(" to out"))
                .findFirst().orElseThrow();
        assertThat(resumed.err()).contains(shownWrote);
        assertThat(saved).doesNotExist();
        // the same results as a sweep that was never stopped (in this JVM: quicker)
        io.github.vsched.cli.CliRun whole = io.github.vsched.cli.CliRun.of(concat(SWEEP, "--out",
                dir.resolve("whole").toString()));
        assertThat(whole.code()).as(whole.toString()).isZero();
        assertThat(resumed.out()).isEqualTo(whole.out());
        for (String f : new String[] {"result.json", "summary.csv", "workloads.csv", "sweep.csv", "summary.md"}) {
            // the jar names its version and build, this JVM's classes do not
            assertThat(withoutBuild(Files.readString(out.resolve(f))))
                    .as(f).isEqualTo(withoutBuild(Files.readString(dir.resolve("whole").resolve(f))));
        }
    }

    @Test
    void aRunStoppedBySigtermLeavesNoFileNotEvenItsTrace(@TempDir Path dir) throws IOException, InterruptedException {
        Path err = dir.resolve("err.txt");
        Process p = start(dir, err, "run", "builtin:paper-compile", "--duration", "1000s", "--trace", "csv", "--out",
                "out", "--no-progress");
        // the trace is being streamed to its temporary file
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (files(dir).stream().noneMatch(f -> f.startsWith("out/.trace-"))) {
            assertThat(p.isAlive()).isTrue();
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        terminate(p);
        String said = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(said).isEqualTo(143);
        assertThat(said).contains("vsched: interrupted: the run was stopped before it completed; no file was written");
        assertThat(files(dir.resolve("out"))).isEmpty();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
