package io.github.vsched.cli.result;

import io.github.vsched.api.VcpuView;
import io.github.vsched.core.VcpuStats;
import io.github.vsched.core.metrics.WaitAttribution;
import org.HdrHistogram.AbstractHistogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param inPeriod           share of dispatch intervals within 10% of the scenario's {@code report.period}
 *                           (NaN without a period)
 * @param waits              wake-ups followed by a dispatch (0 when waits were not attributed)
 * @param lateWaits          the waits over the scenario's {@code report.waitThreshold}, grouped by
 *                           cause (empty for VCPUs outside the report's focus)
 * @param stutter            what its guest reported of the quality it delivered (video frames,
 *                           audio underruns); nothing for guests that are not players
 */
public record VcpuRecord(String domain, int vcpu, double cpuShare, long runningNs, long runnableNs, long blockedNs,
                         long overheadNs, long dispatches, long migrations, Distribution wakeLatencyUs,
                         Distribution dispatchIntervalUs, Distribution runLengthUs, double inPeriod, long waits,
                         List<WaitGroup> lateWaits, Stutter stutter) {
    /** Tolerance around the period for {@link #inPeriod}: the paper's "about every 2.3 ms" read as +-10%. */
    public static final double PERIOD_TOLERANCE = 0.10;

    /**
     * Below this CPU share (0.01% of a PCPU: under 1 ms per 10 s) a VCPU is idle: tables leave it
     * out unless it is a VCPU of interest, since its figures describe almost nothing.
     */
    public static final double IDLE_SHARE = 1e-4;

    /**
     * Waits over the threshold in one situation ({@link WaitAttribution.Situation#describe()}).
     *
     * @param situation the cause, e.g. {@code BOOST behind BOOST (demoted while running), ran on its PCPU}
     * @param count     how many
     * @param totalUs   their summed length
     * @param maxUs     the longest
     */
    public record WaitGroup(String situation, long count, double totalUs, double maxUs) {
    }

    /** Copies the list. */
    public VcpuRecord {
        lateWaits = List.copyOf(lateWaits);
    }

    /**
     * Converts the engine's statistics.
     *
     * @param periodNs    the expected period, 0 if none
     * @param attribution the wait attribution watching this VCPU, or null
     * @param view        the VCPU's live view, for the attribution (null without one)
     * @param stutter     what its guest reported of its quality
     */
    public static VcpuRecord of(VcpuStats s, long periodNs, WaitAttribution attribution, VcpuView view,
                                Stutter stutter) {
        long waits = 0;
        List<WaitGroup> groups = new ArrayList<>();
        if (attribution != null) {
            waits = attribution.waits(view);
            for (WaitAttribution.Group g : attribution.groups(view)) {
                groups.add(new WaitGroup(g.situation().describe(), g.count(), g.totalNs() / 1e3, g.maxNs() / 1e3));
            }
        }
        return new VcpuRecord(s.domain(), s.vcpu(), s.cpuShare(), s.runningNs(), s.runnableNs(), s.blockedNs(),
                s.overheadNs(), s.dispatches(), s.migrations(), Distribution.of(s.wakeLatency()),
                Distribution.of(s.dispatchInterval()), Distribution.of(s.runLength()),
                periodNs > 0 ? inPeriod(s.histograms().dispatchInterval(), periodNs) : Double.NaN, waits, groups,
                stutter);
    }

    /** The share of recorded intervals within {@link #PERIOD_TOLERANCE} of the period (NaN if none recorded). */
    static double inPeriod(AbstractHistogram intervals, long periodNs) {
        long n = intervals.getTotalCount();
        if (n == 0) {
            return Double.NaN;
        }
        long lo = Math.round(periodNs * (1 - PERIOD_TOLERANCE));
        long hi = Math.round(periodNs * (1 + PERIOD_TOLERANCE));
        return (double) intervals.getCountBetweenValues(lo, hi) / n;
    }

    /** {@code domain/vcpu}. */
    public String name() {
        return domain + "/" + vcpu;
    }

    /** Whether it ran less than {@link #IDLE_SHARE} of the time. */
    public boolean idle() {
        return cpuShare < IDLE_SHARE;
    }

    /** The number of waits over the threshold, all situations. */
    public long lateWaitCount() {
        long n = 0;
        for (WaitGroup g : lateWaits) {
            n += g.count();
        }
        return n;
    }

    /** The summed length of the waits over the threshold, all situations (us). */
    public double lateWaitUs() {
        // a compensated sum, as files have always shown it
        return lateWaits.stream().mapToDouble(WaitGroup::totalUs).sum();
    }

    /**
     * Every metric that combines across seeds, by name: those of the {@link Metrics} catalogue
     * the record has, in its order ({@code cpuShare}, {@code dispatches}, {@code migrations},
     * {@code DISTRIBUTION.STAT} such as {@code dispatchIntervalUs.p99},
     * {@code dispatchIntervalUs.inPeriod} with a period, {@code waits.count}, {@code waits.late},
     * {@code waits.lateMs} with attributed waits), then, per cause of the attributed waits,
     * {@code waits[CAUSE].count}, {@code waits[CAUSE].totalMs}, {@code waits[CAUSE].maxMs}.
     * Runs where a cause did not occur lack its keys: read them as zero.
     */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Metric x : Metrics.VCPU) {
            if (x.aggregation() == Metric.Aggregation.MEAN && x.recorded().test(this)) {
                m.put(x.name(), x.of(this));
            }
        }
        if (waits > 0) {
            for (WaitGroup g : lateWaits) {
                String k = "waits[" + g.situation() + "]";
                m.put(k + ".count", (double) g.count());
                m.put(k + ".totalMs", g.totalUs() / 1e3);
                m.put(k + ".maxMs", g.maxUs() / 1e3);
            }
        }
        return m;
    }
}
