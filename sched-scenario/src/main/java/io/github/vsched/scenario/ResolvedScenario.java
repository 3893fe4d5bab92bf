package io.github.vsched.scenario;

import io.github.vsched.core.Scenario;

import java.util.List;
import java.util.Map;

/**
 * A scenario checked against the installed plugins, ready to run under one scheduler.
 *
 * @param scenario       the core scenario
 * @param label          how results name the scheduler ({@code credit}, {@code credit[ratelimitUs=1000]})
 * @param pcpus          number of PCPUs of the platform
 * @param focus          the VCPUs of interest ({@code domain/number}), for tables and charts
 * @param windowStartNs  start of the report's timeline window
 * @param windowLengthNs its length
 * @param periodNs       the focus VCPUs' expected dispatch period ({@code report.period}), 0 if none:
 *                       results then give the share of dispatch intervals within 10% of it
 * @param waitThresholdNs waits after a wake-up longer than this are attributed to their cause
 *                       ({@code report.waitThreshold}; default 10% of the period, else 1 ms)
 * @param workloads      workload id by domain name
 * @param warnings       things the user should know that do not stop the run
 */
public record ResolvedScenario(Scenario scenario, String label, int pcpus, List<String> focus, long windowStartNs,
                               long windowLengthNs, long periodNs, long waitThresholdNs, Map<String, String> workloads, List<String> warnings) {

    /** Copies the lists. */
    public ResolvedScenario {
        focus = List.copyOf(focus);
        workloads = Map.copyOf(workloads);
        warnings = List.copyOf(warnings);
    }

    /** The scheduler id. */
    public String schedulerId() {
        return scenario.scheduler().id();
    }
}
