package io.github.vsched.core.metrics;

import io.github.vsched.api.PcpuView;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.observe.SimulationListener;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.IntCountsHistogram;

import java.util.Arrays;

/**
 * Records, per guest VCPU, the wake-to-run latency, the dispatch interval (start of one
 * dispatch after a wake-up to the start of the next such dispatch: the paper's period), the run
 * length of each dispatch (the paper's 60,000 TSC), dispatches, migrations and overhead.
 *
 * <p>Memory is bounded per VCPU whatever the run length: HdrHistograms with three significant
 * digits from 100 ns to 100 s (longer samples are clamped), at most about 85 KB each. Each
 * starts small and grows only to cover the longest sample recorded so far (the buckets are
 * those of a histogram sized for 100 s, so the figures are the same), so a machine with
 * thousands of VCPUs costs little, and a VCPU's histogram is made at its first sample (a
 * VCPU that never ran costs its batches only: {@value #BATCH} samples of each distribution,
 * 1.5 KB). Samples reach the histograms in batches (see {@link Distribution}), with the same
 * result. Recording allocates nothing once a histogram covers its samples.
 */
public final class VcpuMetricsRecorder implements SimulationListener {
    /** How much larger than the sample that outgrew it a histogram's new range is. */
    private static final long GROWTH = 16;
    /** Smallest distinguishable duration (ns). */
    static final long LOWEST_NS = 100;
    /** Largest recordable duration (ns); longer samples are clamped. */
    static final long HIGHEST_NS = 100_000_000_000L;
    static final int DIGITS = 3;

    /** Samples kept per VCPU and distribution before they go into its histogram together. */
    static final int BATCH = 64;

    private final Distribution wake = new Distribution();
    private final Distribution interval = new Distribution();
    private final Distribution runLength = new Distribution();
    private long[] wakeAt = new long[0];
    private long[] lastWakeDispatch = new long[0];
    private long[] dispatchAt = new long[0];
    private long[] dispatches = new long[0];
    private long[] migrations = new long[0];
    private long[] overhead = new long[0];

    /** Prepares room for VCPU ids up to {@code vcpuCount - 1} (idle VCPUs are not recorded). */
    public void ensureCapacity(int vcpuCount) {
        if (vcpuCount <= dispatches.length) {
            return;
        }
        wake.ensureCapacity(vcpuCount);
        interval.ensureCapacity(vcpuCount);
        runLength.ensureCapacity(vcpuCount);
        wakeAt = grow(wakeAt, vcpuCount, -1);
        lastWakeDispatch = grow(lastWakeDispatch, vcpuCount, -1);
        dispatchAt = grow(dispatchAt, vcpuCount, -1);
        dispatches = Arrays.copyOf(dispatches, vcpuCount);
        migrations = Arrays.copyOf(migrations, vcpuCount);
        overhead = Arrays.copyOf(overhead, vcpuCount);
    }

    private static long[] grow(long[] a, int n, long fill) {
        int old = a.length;
        long[] b = Arrays.copyOf(a, n);
        Arrays.fill(b, old, n, fill);
        return b;
    }

    /**
     * The most memory the distributions of one VCPU take, in bytes, however long the run: its
     * three histograms at their full range (a VCPU that never runs takes none).
     */
    public static long maxBytesPerVcpu() {
        return 3L * new IntCountsHistogram(LOWEST_NS, HIGHEST_NS, DIGITS).getEstimatedFootprintInBytes();
    }

    static AbstractHistogram newHistogram() {
        return newHistogram(2 * LOWEST_NS);
    }

    /**
     * A histogram covering samples up to {@code highestNs} (with this recorder's buckets,
     * whatever the range: only the length of the counts array depends on it); it still resizes
     * itself if a merge adds larger samples.
     */
    private static AbstractHistogram newHistogram(long highestNs) {
        AbstractHistogram h = new IntCountsHistogram(LOWEST_NS, highestNs, DIGITS);
        h.setAutoResize(true);
        return h;
    }

    /**
     * One distribution of every VCPU. A sample first goes into the VCPU's batch of
     * {@value #BATCH} (one sequential write); a full batch goes into the histogram at once, so
     * the histogram's object and the counts it touches are brought into the cache once per batch
     * rather than once per sample, which is what recording cost on machines with many VCPUs. The
     * samples reach the histogram in the order they were taken, so it ends exactly as if each had
     * been recorded at once; {@link #histogram} flushes the batch before handing it over.
     */
    private static final class Distribution {
        private AbstractHistogram[] histograms = new AbstractHistogram[0];
        private long[] batch = new long[0];
        private int[] batched = new int[0];

        void ensureCapacity(int vcpuCount) {
            histograms = Arrays.copyOf(histograms, vcpuCount);
            batch = Arrays.copyOf(batch, vcpuCount * BATCH);
            batched = Arrays.copyOf(batched, vcpuCount);
        }

        void record(int id, long ns) {
            int k = batched[id];
            batch[id * BATCH + k] = ns;
            if (++k == BATCH) {
                flush(id, k);
                k = 0;
            }
            batched[id] = k;
        }

        private void flush(int id, int k) {
            long[] b = batch;
            for (int i = id * BATCH, end = i + k; i < end; i++) {
                recordNow(histograms, id, b[i]);
            }
        }

        /** VCPU {@code id}'s histogram, every sample in it (an empty one if it has none). */
        AbstractHistogram histogram(int id) {
            flush(id, batched[id]);
            batched[id] = 0;
            if (histograms[id] == null) {
                histograms[id] = newHistogram();
            }
            return histograms[id];
        }
    }

    /**
     * Records a sample. A histogram is made at its VCPU's first sample and, when a sample is
     * beyond its range, replaced by one with {@value #GROWTH} times that sample's range: a few
     * copies per VCPU over a run instead of one per new largest sample, as resizing to fit each
     * new maximum would cost.
     */
    private static void recordNow(AbstractHistogram[] hs, int id, long ns) {
        long v = Math.min(Math.max(ns, 0), HIGHEST_NS);
        AbstractHistogram h = hs[id];
        if (h == null || v > h.getHighestTrackableValue()) {
            AbstractHistogram bigger = newHistogram(Math.min(HIGHEST_NS, Math.max(2 * LOWEST_NS, GROWTH * v)));
            if (h != null) {
                bigger.add(h);
            }
            hs[id] = h = bigger;
        }
        h.recordValue(v);
    }

    @Override
    public void onWake(VcpuView vcpu, long now) {
        wakeAt[vcpu.id()] = now;
    }

    @Override
    public void onDispatch(PcpuView pcpu, VcpuView vcpu, long now, boolean afterWake) {
        if (vcpu.isIdle()) {
            return;
        }
        int id = vcpu.id();
        dispatchAt[id] = now;
        dispatches[id]++;
        if (afterWake) {
            if (wakeAt[id] >= 0) {
                wake.record(id, now - wakeAt[id]);
            }
            if (lastWakeDispatch[id] >= 0) {
                interval.record(id, now - lastWakeDispatch[id]);
            }
            lastWakeDispatch[id] = now;
        }
    }

    @Override
    public void onDeschedule(PcpuView pcpu, VcpuView vcpu, long now) {
        if (vcpu.isIdle()) {
            return;
        }
        int id = vcpu.id();
        if (dispatchAt[id] >= 0) {
            runLength.record(id, now - dispatchAt[id]);
            dispatchAt[id] = -1;
        }
    }

    @Override
    public void onMigrate(VcpuView vcpu, int fromPcpu, int toPcpu, long now) {
        migrations[vcpu.id()]++;
    }

    @Override
    public void onOverhead(int pcpu, VcpuView vcpu, long ns, long now) {
        if (!vcpu.isIdle()) {
            overhead[vcpu.id()] += ns;
        }
    }

    /** Hypervisor work charged to VCPU {@code id} (switches, refills, I/O issue costs), ns. */
    public long overheadNs(int id) {
        return overhead[id];
    }

    /** Times VCPU {@code id} was switched in. */
    public long dispatches(int id) {
        return dispatches[id];
    }

    /** Times VCPU {@code id} moved between PCPUs. */
    public long migrations(int id) {
        return migrations[id];
    }

    /**
     * The distributions of VCPU {@code id} (wake latency, dispatch interval, run length): the
     * recorder's own histograms, handed over, not copied, so read them once the run has ended.
     */
    public AbstractHistogram[] histograms(int id) {
        return new AbstractHistogram[] {wake.histogram(id), interval.histogram(id), runLength.histogram(id)};
    }
}
