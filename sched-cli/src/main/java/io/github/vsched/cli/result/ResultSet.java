package io.github.vsched.cli.result;

import java.util.List;

/**
 * Everything one command produced: what was run and every run's record.
 *
 * @param scenario   scenario name
 * @param seed       the first seed (seeds are {@code seed, seed+1, ...})
 * @param durationNs simulated time of each run
 * @param platform   platform id
 * @param schedulers scheduler labels, in the order given
 * @param seeds      the seeds every scheduler ran with (common random numbers)
 * @param focus      the VCPUs of interest ({@code domain/number})
 * @param confidence confidence level of the intervals
 * @param periodNs   the focus VCPUs' expected period ({@code report.period}), 0 if none
 * @param waitThresholdNs waits after wake-ups longer than this were attributed to their cause
 * @param sweep      sweep coverage, or null outside sweeps
 * @param runs       the runs
 */
public record ResultSet(String scenario, long seed, long durationNs, String platform, List<String> schedulers,
                        List<Long> seeds, List<String> focus, double confidence, long periodNs,
                        long waitThresholdNs, SweepInfo sweep,
                        List<RunRecord> runs) {
    /** Copies the lists. */
    public ResultSet {
        schedulers = List.copyOf(schedulers);
        seeds = List.copyOf(seeds);
        focus = List.copyOf(focus);
        runs = List.copyOf(runs);
    }
}
