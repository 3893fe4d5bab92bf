package io.github.vsched.cli.result;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything one command produced: what was run and every run's record.
 *
 * @param scenario   scenario name (the first, when a comparison runs several)
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

    /** The scenarios of the runs, in the order they first appear ({@link #scenario} alone when there are none). */
    public List<String> scenarios() {
        Set<String> names = new LinkedHashSet<>();
        for (RunRecord r : runs) {
            names.add(r.scenario());
        }
        return names.isEmpty() ? List.of(scenario) : List.copyOf(names);
    }

    /** Whether the runs come from several scenarios (a comparison of scenarios), so tables name the scenario. */
    public boolean severalScenarios() {
        return scenarios().size() > 1;
    }
}
