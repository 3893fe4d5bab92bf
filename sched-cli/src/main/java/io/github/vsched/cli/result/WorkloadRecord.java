package io.github.vsched.cli.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The quality metrics a domain's workload reported for one run.
 *
 * @param domain   domain name
 * @param workload workload id
 * @param metrics  by name, in the workload's order ({@code framesLate}, {@code underruns} ...)
 */
public record WorkloadRecord(String domain, String workload, Map<String, Double> metrics) {
    /** Keeps the order; read-only. */
    public WorkloadRecord {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
