package io.github.vsched.cli.it;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SLURM recipe of docs/cluster.md on a real SLURM: {@code docs/cluster/sweep.sbatch} as a
 * 4-task job array, {@code docs/cluster/merge.sbatch} after it, and the merged sweep equal, byte for
 * byte, to the same sweep run on one machine. Opt-in (tag {@code slurm}, not part of the build):
 * start a single-node SLURM with {@code sched-cli/src/test/slurm/setup.sh}, then run
 * {@code mvn -B -o verify -pl sched-cli -am -Pslurm -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("slurm")
class SlurmArraySweepIT {
    private static final Path ROOT = Path.of(System.getProperty("vsched.scenarios", "../scenarios")).getParent();

    @TempDir
    Path tmp;

    @Test
    void aJobArraySweepMergesIntoTheSingleMachineSweep() throws IOException {
        CliProcess info;
        try {
            info = CliProcess.exec(tmp, Map.of(), List.of("sinfo", "-h", "-o", "%t"));
        } catch (IllegalStateException e) {
            throw new AssertionError("no SLURM here (" + e.getMessage() + "); start one with"
                    + " sched-cli/src/test/slurm/setup.sh", e);
        }
        assertThat(info.code()).as("no SLURM here (sinfo: %s); start one with sched-cli/src/test/slurm/setup.sh",
                info).isZero();
        assertThat(info.out()).as("no SLURM node takes jobs; see sched-cli/src/test/slurm/setup.sh")
                .containsPattern("idle|mix|alloc");
        Map<String, String> env = Map.of("VSCHED", "java -Xmx256m -jar " + CliProcess.jar().toAbsolutePath());
        Path sweep = ROOT.resolve("docs/cluster/sweep.sbatch");
        Path merge = ROOT.resolve("docs/cluster/merge.sbatch");

        // as docs/cluster.md shows: the array, then the merge once every task has succeeded
        CliProcess array = CliProcess.exec(tmp, env, List.of("sbatch", "--parsable", sweep.toString()));
        assertThat(array.code()).as(array.toString()).isZero();
        String job = array.out().trim().split(";")[0];
        CliProcess merged = CliProcess.exec(tmp, env, List.of("sbatch", "--wait", "--dependency=afterok:" + job,
                merge.toString()));
        assertThat(merged.code()).as("%s\n%s", merged, logs()).isZero();
        for (int i = 1; i <= 4; i++) {
            assertThat(Files.readString(tmp.resolve("vsched-sweep-" + job + "_" + i + ".out")))
                    .contains("vsched: shard " + i + "/4 chosen by SLURM job array (SLURM_ARRAY_TASK_ID=" + i
                            + ", SLURM_ARRAY_TASK_MIN=1, SLURM_ARRAY_TASK_COUNT=4)");
        }

        // the same script on this machine, outside SLURM: the whole grid in one process
        Map<String, String> single = new java.util.HashMap<>(env);
        single.put("OUT", "single");
        CliProcess one = CliProcess.exec(tmp, single, List.of("sh", sweep.toString()));
        assertThat(one.code()).as(one.toString()).isZero();
        assertThat(one.err()).doesNotContain("chosen by");

        for (String f : List.of("result.json", "summary.csv", "workloads.csv", "sweep.csv", "summary.md")) {
            assertThat(tmp.resolve("sweep").resolve(f)).as(f).hasSameBinaryContentAs(tmp.resolve("single").resolve(f));
        }
        List<String> charts;
        try (Stream<Path> s = Files.list(tmp.resolve("single/charts"))) {
            charts = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(charts).isNotEmpty();
        for (String c : charts) {
            assertThat(tmp.resolve("sweep/charts").resolve(c)).as(c)
                    .hasSameBinaryContentAs(tmp.resolve("single/charts").resolve(c));
        }
        // the page differs only in the command its footer names
        List<String> a = Files.readAllLines(tmp.resolve("sweep/sweep.html"));
        List<String> b = Files.readAllLines(tmp.resolve("single/sweep.html"));
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).startsWith("<footer>")) {
                assertThat(a.get(i)).as("sweep.html line %d", i + 1).isEqualTo(b.get(i));
            }
        }
    }

    private String logs() throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> s = Files.list(tmp)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".out")).sorted().toList()) {
                b.append("--- ").append(p.getFileName()).append('\n').append(Files.readString(p));
            }
        }
        return b.toString();
    }
}
