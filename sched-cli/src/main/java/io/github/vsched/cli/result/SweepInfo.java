package io.github.vsched.cli.result;

import java.util.List;

/**
 * What a sweep covered, so shards can be checked and merged.
 *
 * @param params   the {@code --param} options as given ({@code credit.tsliceMs=10..30:10})
 * @param points   number of points of the whole grid
 * @param shard    this output's shard, 1-based (1 when not sharded)
 * @param shards   number of shards (1 when not sharded)
 * @param scenario a digest of the scenario the grid was applied to, as resolved (every domain,
 *                 parameter and option but the swept ones), or null in files written before it
 *                 was recorded
 * @param build    the vsched that ran it: its version and a digest of its code, or null in
 *                 files written before it was recorded
 */
public record SweepInfo(List<String> params, int points, int shard, int shards, String scenario, String build) {
    /** Copies the list. */
    public SweepInfo {
        params = List.copyOf(params);
    }
}
