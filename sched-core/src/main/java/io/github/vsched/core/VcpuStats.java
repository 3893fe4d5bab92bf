package io.github.vsched.core;

import org.HdrHistogram.AbstractHistogram;

/**
 * What happened to one guest VCPU during a run.
 *
 * @param domain           domain name
 * @param vcpu             VCPU number in the domain
 * @param runningNs        time in RUNNING (includes overhead charged to it)
 * @param runnableNs       time in RUNNABLE (waiting for a PCPU)
 * @param blockedNs        time in BLOCKED
 * @param offlineNs        time OFFLINE (paused, parked, halted)
 * @param overheadNs       part of running time spent on hypervisor work (switches, refills)
 * @param cpuShare         running time / run duration
 * @param dispatches       times it was switched in
 * @param migrations       times it moved between PCPUs
 * @param wakeLatency      wake-up to dispatch
 * @param dispatchInterval start of one dispatch after a wake-up to the next such dispatch
 * @param runLength        dispatch to deschedule
 * @param histograms       the full distributions (wake latency, dispatch interval, run length)
 */
public record VcpuStats(String domain, int vcpu, long runningNs, long runnableNs, long blockedNs, long offlineNs,
                        long overheadNs, double cpuShare, long dispatches, long migrations,
                        LatencySummary wakeLatency, LatencySummary dispatchInterval, LatencySummary runLength,
                        Histograms histograms) {

    /** The raw distributions behind the summaries, for charts and merging across runs. */
    public record Histograms(AbstractHistogram wakeLatency, AbstractHistogram dispatchInterval, AbstractHistogram runLength) {
    }

    /** {@code domain/vcpu}. */
    public String name() {
        return domain + "/" + vcpu;
    }
}
