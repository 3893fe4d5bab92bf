package io.github.vsched.cli;

import java.util.Map;

/**
 * Which slice of a sweep this process runs, and who said so: {@code --shard I/N}, else a SLURM
 * job array ({@code SLURM_ARRAY_TASK_ID} with {@code SLURM_ARRAY_TASK_COUNT} or
 * {@code SLURM_ARRAY_TASK_MIN}/{@code MAX}), else a Kubernetes Indexed Job
 * ({@code JOB_COMPLETION_INDEX} with the completions count from {@code --shards N} or
 * {@code VSCHED_SHARDS}), else the whole grid.
 *
 * @param index  the shard, 1 to {@code count}
 * @param count  the number of shards
 * @param source where the choice came from, as the command reports it
 */
record ShardChoice(int index, int count, String source) {
    static final String SLURM_ID = "SLURM_ARRAY_TASK_ID";
    static final String SLURM_COUNT = "SLURM_ARRAY_TASK_COUNT";
    static final String SLURM_MIN = "SLURM_ARRAY_TASK_MIN";
    static final String SLURM_MAX = "SLURM_ARRAY_TASK_MAX";
    static final String K8S_INDEX = "JOB_COMPLETION_INDEX";
    static final String SHARDS_ENV = "VSCHED_SHARDS";

    /** Whether this is one slice of several, or came from a batch system. */
    boolean sharded() {
        return count > 1 || !source.equals("default");
    }

    /**
     * Chooses the shard.
     *
     * @param shard  {@code --shard I/N}, or null
     * @param shards {@code --shards N}, or null
     * @param env    the environment
     * @throws UserInputException naming the option or variables and what is allowed
     */
    static ShardChoice choose(String shard, Integer shards, Map<String, String> env) {
        if (shard != null) {
            int[] s = SweepCommand.parseShard(shard);
            return new ShardChoice(s[0], s[1], "--shard " + shard.trim());
        }
        String slurmId = env.get(SLURM_ID);
        if (slurmId != null && !slurmId.isBlank()) {
            return slurm(slurmId, env);
        }
        String k8s = env.get(K8S_INDEX);
        if (k8s != null && !k8s.isBlank()) {
            return kubernetes(k8s, shards, env);
        }
        if (shards != null) {
            throw new UserInputException("--shards " + shards + ": only with a Kubernetes Indexed Job ("
                    + K8S_INDEX + " set); elsewhere use --shard I/N");
        }
        return new ShardChoice(1, 1, "default");
    }

    private static ShardChoice slurm(String idText, Map<String, String> env) {
        long id = number(SLURM_ID, idText);
        String countText = env.get(SLURM_COUNT);
        String minText = env.get(SLURM_MIN);
        String maxText = env.get(SLURM_MAX);
        long min = minText == null ? 1 : number(SLURM_MIN, minText);
        long n;
        String how;
        if (countText != null) {
            n = number(SLURM_COUNT, countText);
            how = SLURM_COUNT + "=" + countText.trim();
            if (maxText != null && number(SLURM_MAX, maxText) - min + 1 != n) {
                throw new UserInputException(SLURM_ID + "=" + idText + ": the job array " + min + "-"
                        + maxText.trim() + " has " + n + " tasks, not one per number (a step or a list such as"
                        + " --array=1-7:2); allowed: --array=1-N or 0-(N-1), or give --shard I/N yourself");
            }
        } else if (maxText != null) {
            n = number(SLURM_MAX, maxText) - min + 1;
            how = SLURM_MAX + "=" + maxText.trim();
        } else {
            throw new UserInputException(SLURM_ID + "=" + idText + " is set but not " + SLURM_COUNT + " or "
                    + SLURM_MAX + ": cannot tell how many shards there are; give --shard I/N");
        }
        long i = id - min + 1;
        if (n < 1 || n > Integer.MAX_VALUE || i < 1 || i > n) {
            throw new UserInputException(SLURM_ID + "=" + idText + " with " + SLURM_MIN + "=" + min + " and " + how
                    + ": not a task of a job array of consecutive numbers; allowed: --array=1-N or 0-(N-1)");
        }
        return new ShardChoice((int) i, (int) n, "SLURM job array (" + SLURM_ID + "=" + id + ", " + SLURM_MIN + "="
                + min + ", " + how + ")");
    }

    private static ShardChoice kubernetes(String indexText, Integer shards, Map<String, String> env) {
        long index = number(K8S_INDEX, indexText);
        long n;
        String how;
        if (shards != null) {
            n = shards;
            how = "--shards " + shards;
        } else {
            String e = env.get(SHARDS_ENV);
            if (e == null || e.isBlank()) {
                throw new UserInputException(K8S_INDEX + "=" + indexText + " is set (a Kubernetes Indexed Job) but"
                        + " not the number of completions: give --shards N or set " + SHARDS_ENV
                        + " to the Job's spec.completions");
            }
            n = number(SHARDS_ENV, e);
            how = SHARDS_ENV + "=" + e.trim();
        }
        if (n < 1 || n > Integer.MAX_VALUE || index < 0 || index >= n) {
            throw new UserInputException(K8S_INDEX + "=" + indexText + " with " + how + ": allowed: an index from 0"
                    + " to the number of completions - 1");
        }
        return new ShardChoice((int) index + 1, (int) n, "Kubernetes Indexed Job (" + K8S_INDEX + "=" + index + ", "
                + how + ")");
    }

    private static long number(String name, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new UserInputException(name + "=" + text + ": allowed: a whole number");
        }
    }
}
