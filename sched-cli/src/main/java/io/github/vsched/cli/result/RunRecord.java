package io.github.vsched.cli.result;

import io.github.vsched.core.observe.Refusal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one simulation, as reported.
 *
 * @param scenario    the scenario's name
 * @param scheduler   the scheduler's label ({@code credit}, {@code credit[ratelimitUs=1000]})
 * @param schedulerId the scheduler's id
 * @param seed        the seed
 * @param params      the sweep point's parameter values by key (empty outside sweeps)
 * @param platform    the platform id
 * @param durationNs  simulated time
 * @param events      events processed
 * @param eventHash   hash of the event sequence: equal hashes mean identical runs
 * @param vcpus       per guest VCPU, in domain order
 * @param workloads   per domain
 * @param refusals    what the scheduler's admission control refused, in order
 * @param pools       the cpupools, Pool-0 first, when the scenario split the machine into pools;
 *                    empty when one scheduler ran the whole machine
 */
public record RunRecord(String scenario, String scheduler, String schedulerId, long seed, Map<String, String> params, String platform,
                        long durationNs, long events, long eventHash, List<VcpuRecord> vcpus,
                        List<WorkloadRecord> workloads, List<Refusal> refusals, List<Pool> pools) {

    /**
     * A cpupool as it ran.
     *
     * @param name      its name ({@code Pool-0} first)
     * @param cpus      its PCPUs ({@code 0-2})
     * @param scheduler its scheduler's id
     * @param domains   its domains
     */
    public record Pool(String name, String cpus, String scheduler, List<String> domains) {
        /** Copies. */
        public Pool {
            domains = List.copyOf(domains);
        }
    }

    /** Copies the collections. */
    public RunRecord {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        vcpus = List.copyOf(vcpus);
        workloads = List.copyOf(workloads);
        refusals = refusals == null ? List.of() : List.copyOf(refusals);
        pools = pools == null ? List.of() : List.copyOf(pools);
    }

    /** A run without refusals or cpupools. */
    public RunRecord(String scenario, String scheduler, String schedulerId, long seed, Map<String, String> params,
                     String platform, long durationNs, long events, long eventHash, List<VcpuRecord> vcpus,
                     List<WorkloadRecord> workloads) {
        this(scenario, scheduler, schedulerId, seed, params, platform, durationNs, events, eventHash, vcpus, workloads,
                List.of(), List.of());
    }

    /** The record of VCPU {@code domain/vcpu}, or null. */
    public VcpuRecord vcpu(String name) {
        for (VcpuRecord v : vcpus) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }
}
