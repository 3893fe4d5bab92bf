package io.github.vsched.cli.result;

import io.github.vsched.core.VcpuStats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happened to one guest VCPU in one run.
 *
 * @param domain             domain name
 * @param vcpu               VCPU number in the domain
 * @param cpuShare           running time / run duration
 * @param runningNs          time running
 * @param runnableNs         time waiting for a PCPU
 * @param blockedNs          time blocked
 * @param overheadNs         hypervisor work charged to it
 * @param dispatches         times switched in
 * @param migrations         moves between PCPUs
 * @param wakeLatencyUs      wake-up to dispatch
 * @param dispatchIntervalUs between successive dispatches after wake-ups (the paper's period)
 * @param runLengthUs        dispatch to deschedule
 */
public record VcpuRecord(String domain, int vcpu, double cpuShare, long runningNs, long runnableNs, long blockedNs,
                         long overheadNs, long dispatches, long migrations, Distribution wakeLatencyUs,
                         Distribution dispatchIntervalUs, Distribution runLengthUs) {
    /** The three distributions, by the names files use. */
    public static final String[] DISTRIBUTIONS = {"wakeLatencyUs", "dispatchIntervalUs", "runLengthUs"};

    /** Converts the engine's statistics. */
    public static VcpuRecord of(VcpuStats s) {
        return new VcpuRecord(s.domain(), s.vcpu(), s.cpuShare(), s.runningNs(), s.runnableNs(), s.blockedNs(),
                s.overheadNs(), s.dispatches(), s.migrations(), Distribution.of(s.wakeLatency()),
                Distribution.of(s.dispatchInterval()), Distribution.of(s.runLength()));
    }

    /** {@code domain/vcpu}. */
    public String name() {
        return domain + "/" + vcpu;
    }

    /** A distribution by name ({@link #DISTRIBUTIONS}). */
    public Distribution distribution(String name) {
        return switch (name) {
            case "wakeLatencyUs" -> wakeLatencyUs;
            case "dispatchIntervalUs" -> dispatchIntervalUs;
            case "runLengthUs" -> runLengthUs;
            default -> throw new IllegalArgumentException("no distribution '" + name + "'");
        };
    }

    /**
     * Every scalar metric by name: {@code cpuShare}, {@code dispatches}, {@code migrations} and
     * {@code DISTRIBUTION.STAT} (e.g. {@code dispatchIntervalUs.p99}), in a stable order.
     */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("cpuShare", cpuShare);
        m.put("dispatches", (double) dispatches);
        m.put("migrations", (double) migrations);
        for (String d : DISTRIBUTIONS) {
            for (String s : Distribution.STATS) {
                m.put(d + "." + s, distribution(d).get(s));
            }
        }
        return m;
    }
}
