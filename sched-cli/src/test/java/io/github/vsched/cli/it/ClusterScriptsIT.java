package io.github.vsched.cli.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job scripts of docs/cluster.md, run by hand with the variables SLURM and Kubernetes would
 * give their tasks (SlurmArraySweepIT runs them on a real SLURM): each task finds its shard in the
 * environment, and the merge equals the sweep on one machine.
 */
class ClusterScriptsIT {
    private static final Path ROOT = Path.of(System.getProperty("vsched.scenarios", "../scenarios")).getParent();

    @TempDir
    Path tmp;

    @Test
    void theShardsFoundInTheEnvironmentMergeIntoTheSweep() throws IOException {
        Path sweep = ROOT.resolve("docs/cluster/sweep.sbatch");
        Map<String, String> env = new HashMap<>(Map.of("VSCHED", "java -Xmx256m -jar "
                + CliProcess.jar().toAbsolutePath()));
        // tasks 1 and 2 as a SLURM array --array=0-3 runs them, 3 and 4 as an Indexed Job's pods
        for (int i = 0; i < 4; i++) {
            Map<String, String> task = new HashMap<>(env);
            if (i < 2) {
                task.putAll(Map.of("SLURM_ARRAY_TASK_ID", Integer.toString(i), "SLURM_ARRAY_TASK_MIN", "0",
                        "SLURM_ARRAY_TASK_MAX", "3", "SLURM_ARRAY_TASK_COUNT", "4"));
            } else {
                task.putAll(Map.of("JOB_COMPLETION_INDEX", Integer.toString(i), "VSCHED_SHARDS", "4"));
            }
            task.put("OUT", "shards/" + (i + 1));
            CliProcess p = CliProcess.exec(tmp, task, List.of("sh", sweep.toString()));
            assertThat(p.code()).as(p.toString()).isZero();
            assertThat(p.err()).contains("vsched: shard " + (i + 1) + "/4 chosen by " + (i < 2
                    ? "SLURM job array (SLURM_ARRAY_TASK_ID=" + i + ", SLURM_ARRAY_TASK_MIN=0, SLURM_ARRAY_TASK_COUNT=4)"
                    : "Kubernetes Indexed Job (JOB_COMPLETION_INDEX=" + i + ", VSCHED_SHARDS=4)"));
        }
        CliProcess merge = CliProcess.exec(tmp, env, List.of("sh", ROOT.resolve("docs/cluster/merge.sbatch").toString()));
        assertThat(merge.code()).as(merge.toString()).isZero();
        env.put("OUT", "single");
        CliProcess single = CliProcess.exec(tmp, env, List.of("sh", sweep.toString()));
        assertThat(single.code()).as(single.toString()).isZero();
        for (String f : List.of("result.json", "summary.csv", "workloads.csv", "sweep.csv", "summary.md")) {
            assertThat(tmp.resolve("sweep").resolve(f)).as(f).hasSameBinaryContentAs(tmp.resolve("single").resolve(f));
        }
        assertThat(Files.readString(ROOT.resolve("docs/cluster.md"))).contains("docs/cluster/sweep.sbatch")
                .contains("docs/cluster/merge.sbatch").contains("docs/cluster/sweep-indexed-job.yaml");
    }
}
