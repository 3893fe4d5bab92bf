package io.github.vsched.core;

import io.github.vsched.api.VcpuView;
import io.github.vsched.core.metrics.VcpuMetricsRecorder;
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

    /**
     * The statistics of one VCPU once the run has ended, from its runstate times and what
     * {@code recorder} recorded (its histograms are handed over, not copied).
     *
     * @param runstateNs time per runstate (running, runnable, blocked, offline)
     * @param durationNs the run's length, for the CPU share
     */
    static VcpuStats of(VcpuView v, long[] runstateNs, long durationNs, VcpuMetricsRecorder recorder) {
        int id = v.id();
        AbstractHistogram[] h = recorder.histograms(id);
        return new VcpuStats(v.domain().name(), v.index(), runstateNs[0], runstateNs[1], runstateNs[2], runstateNs[3],
                recorder.overheadNs(id), durationNs == 0 ? 0 : (double) runstateNs[0] / durationNs,
                recorder.dispatches(id), recorder.migrations(id), LatencySummary.of(h[0]), LatencySummary.of(h[1]),
                LatencySummary.of(h[2]), new Histograms(h[0], h[1], h[2]));
    }
}
