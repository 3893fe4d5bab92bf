package io.github.vsched.core;

import io.github.vsched.core.observe.Refusal;

import java.util.List;
import java.util.Map;

/**
 * The immutable outcome of one run.
 *
 * @param scenario   scenario name
 * @param scheduler  scheduler id
 * @param platform   platform id
 * @param seed       the seed used
 * @param durationNs simulated time run
 * @param events     number of events processed
 * @param eventHash  hash of the event sequence (time, kind, PCPU, VCPU, decisions): equal
 *                   hashes mean identical runs
 * @param vcpus      per guest VCPU, in domain order
 * @param pcpuBusyNs per PCPU, time not running its idle VCPU
 * @param workloads  quality metrics per domain name
 * @param wallNs     wall-clock time the run took
 * @param refusals   what the scheduler's admission control refused, in order (a VCPU not
 *                   admitted, a parameter change not taken); empty for most schedulers
 * @param pools      the cpupools, Pool-0 first (only Pool-0, of every PCPU and domain, without pools)
 */
public record SimulationResult(String scenario, String scheduler, String platform, long seed, long durationNs,
                               long events, long eventHash, List<VcpuStats> vcpus, long[] pcpuBusyNs,
                               Map<String, Map<String, Double>> workloads, long wallNs, List<Refusal> refusals,
                               List<Pool> pools) {

    /**
     * A cpupool as it ran.
     *
     * @param name      its name ({@code Pool-0} first)
     * @param cpus      its PCPUs, as a list ({@code 1-3})
     * @param scheduler its scheduler's id
     * @param domains   its domains, in creation order
     */
    public record Pool(String name, String cpus, String scheduler, List<String> domains) {
        /** Copies. */
        public Pool {
            domains = List.copyOf(domains);
        }
    }

    /** Copies. */
    public SimulationResult {
        refusals = List.copyOf(refusals);
        pools = List.copyOf(pools);
    }

    /** A result without refusals or cpupools. */
    public SimulationResult(String scenario, String scheduler, String platform, long seed, long durationNs,
                            long events, long eventHash, List<VcpuStats> vcpus, long[] pcpuBusyNs,
                            Map<String, Map<String, Double>> workloads, long wallNs) {
        this(scenario, scheduler, platform, seed, durationNs, events, eventHash, vcpus, pcpuBusyNs, workloads, wallNs,
                List.of(), List.of());
    }

    /** The cpupool a domain ran in. */
    public Pool poolOf(String domain) {
        for (Pool p : pools) {
            if (p.domains().contains(domain)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no domain " + domain + " in result of " + scenario);
    }

    /** The stats of one VCPU. */
    public VcpuStats vcpu(String domain, int vcpu) {
        for (VcpuStats s : vcpus) {
            if (s.domain().equals(domain) && s.vcpu() == vcpu) {
                return s;
            }
        }
        throw new IllegalArgumentException("no VCPU " + domain + "/" + vcpu + " in result of " + scenario);
    }

    /** Events per wall-clock second. */
    public double eventsPerSecond() {
        return wallNs == 0 ? 0 : events * 1e9 / wallNs;
    }
}
