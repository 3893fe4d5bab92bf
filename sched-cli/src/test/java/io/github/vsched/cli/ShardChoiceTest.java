package io.github.vsched.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where a sweep's shard comes from: --shard, a SLURM job array, a Kubernetes Indexed Job, or none. */
class ShardChoiceTest {

    @Test
    void withoutAnyShardTheWholeGridRuns() {
        ShardChoice c = ShardChoice.choose(null, null, Map.of());
        assertThat(c).isEqualTo(new ShardChoice(1, 1, "default"));
        assertThat(c.sharded()).isFalse();
    }

    @Test
    void theShardOptionWinsOverTheEnvironment() {
        ShardChoice c = ShardChoice.choose("2/4", null, Map.of("SLURM_ARRAY_TASK_ID", "3", "SLURM_ARRAY_TASK_COUNT",
                "8", "JOB_COMPLETION_INDEX", "0"));
        assertThat(c).isEqualTo(new ShardChoice(2, 4, "--shard 2/4"));
    }

    /** sbatch --array=1-4 and --array=0-3 both give shards 1 to 4 of 4. */
    @Test
    void aSlurmJobArrayChoosesTheShardFromItsTaskId() {
        ShardChoice one = ShardChoice.choose(null, null, Map.of("SLURM_ARRAY_TASK_ID", "3", "SLURM_ARRAY_TASK_MIN", "1",
                "SLURM_ARRAY_TASK_MAX", "4", "SLURM_ARRAY_TASK_COUNT", "4"));
        assertThat(one.index()).isEqualTo(3);
        assertThat(one.count()).isEqualTo(4);
        assertThat(one.source()).isEqualTo("SLURM job array (SLURM_ARRAY_TASK_ID=3, SLURM_ARRAY_TASK_MIN=1,"
                + " SLURM_ARRAY_TASK_COUNT=4)");
        ShardChoice zero = ShardChoice.choose(null, null, Map.of("SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_MIN", "0",
                "SLURM_ARRAY_TASK_MAX", "3"));
        assertThat(zero).isEqualTo(new ShardChoice(1, 4, "SLURM job array (SLURM_ARRAY_TASK_ID=0,"
                + " SLURM_ARRAY_TASK_MIN=0, SLURM_ARRAY_TASK_MAX=3)"));
        // without SLURM_ARRAY_TASK_MIN the array is taken to start at 1
        assertThat(ShardChoice.choose(null, null, Map.of("SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_COUNT", "4")))
                .extracting(ShardChoice::index, ShardChoice::count).containsExactly(4, 4);
    }

    @Test
    void aSlurmArrayWithStepsOrWithoutItsSizeIsRefused() {
        assertThatThrownBy(() -> ShardChoice.choose(null, null, Map.of("SLURM_ARRAY_TASK_ID", "3",
                "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_MAX", "7", "SLURM_ARRAY_TASK_COUNT", "4")))
                .isInstanceOf(UserInputException.class).hasMessageContaining("the job array 1-7 has 4 tasks, not one"
                        + " per number (a step or a list such as --array=1-7:2)");
        assertThatThrownBy(() -> ShardChoice.choose(null, null, Map.of("SLURM_ARRAY_TASK_ID", "3")))
                .isInstanceOf(UserInputException.class).hasMessage("SLURM_ARRAY_TASK_ID=3 is set but not"
                        + " SLURM_ARRAY_TASK_COUNT or SLURM_ARRAY_TASK_MAX: cannot tell how many shards there are;"
                        + " give --shard I/N");
        assertThatThrownBy(() -> ShardChoice.choose(null, null, Map.of("SLURM_ARRAY_TASK_ID", "x",
                "SLURM_ARRAY_TASK_COUNT", "4"))).isInstanceOf(UserInputException.class)
                .hasMessage("SLURM_ARRAY_TASK_ID=x: allowed: a whole number");
        assertThatThrownBy(() -> ShardChoice.choose(null, null, Map.of("SLURM_ARRAY_TASK_ID", "0",
                "SLURM_ARRAY_TASK_COUNT", "4"))).isInstanceOf(UserInputException.class)
                .hasMessageContaining("not a task of a job array of consecutive numbers");
    }

    /** An Indexed Job's JOB_COMPLETION_INDEX counts from 0; the completions come from --shards or VSCHED_SHARDS. */
    @Test
    void aKubernetesIndexedJobChoosesTheShardFromItsCompletionIndex() {
        assertThat(ShardChoice.choose(null, 4, Map.of("JOB_COMPLETION_INDEX", "0")))
                .isEqualTo(new ShardChoice(1, 4, "Kubernetes Indexed Job (JOB_COMPLETION_INDEX=0, --shards 4)"));
        assertThat(ShardChoice.choose(null, null, Map.of("JOB_COMPLETION_INDEX", "3", "VSCHED_SHARDS", "4")))
                .isEqualTo(new ShardChoice(4, 4, "Kubernetes Indexed Job (JOB_COMPLETION_INDEX=3, VSCHED_SHARDS=4)"));
        assertThatThrownBy(() -> ShardChoice.choose(null, null, Map.of("JOB_COMPLETION_INDEX", "3")))
                .isInstanceOf(UserInputException.class).hasMessage("JOB_COMPLETION_INDEX=3 is set (a Kubernetes"
                        + " Indexed Job) but not the number of completions: give --shards N or set VSCHED_SHARDS to"
                        + " the Job's spec.completions");
        assertThatThrownBy(() -> ShardChoice.choose(null, 4, Map.of("JOB_COMPLETION_INDEX", "4")))
                .isInstanceOf(UserInputException.class).hasMessage("JOB_COMPLETION_INDEX=4 with --shards 4: allowed:"
                        + " an index from 0 to the number of completions - 1");
        assertThatThrownBy(() -> ShardChoice.choose(null, 4, Map.of()))
                .isInstanceOf(UserInputException.class).hasMessageContaining("--shards 4: only with a Kubernetes"
                        + " Indexed Job");
    }
}
