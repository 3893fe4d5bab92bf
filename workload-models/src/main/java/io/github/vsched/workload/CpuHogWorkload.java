package io.github.vsched.workload;

import io.github.vsched.api.Guest;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.Workload;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code cpu-hog} model: each VCPU computes in chunks of {@code yieldEvery} (then yields)
 * or, without yielding, of {@link CpuHogProvider#CHUNK_NS}. Metrics: {@code cpuSeconds}, the CPU
 * time of completed chunks over all VCPUs (the work a hog got done; a chunk in progress at the
 * end is not counted), and {@code yields}.
 */
final class CpuHogWorkload implements Workload {
    private final long yieldEvery;
    private final long workingSet;
    private long completedNs;
    private long yields;

    CpuHogWorkload(long yieldEvery, long workingSet) {
        this.yieldEvery = yieldEvery;
        this.workingSet = workingSet;
    }

    @Override
    public GuestModel vcpu(int index) {
        return new GuestModel() {
            private long computing;

            @Override
            public void next(Guest g) {
                if (computing > 0) {
                    completedNs += computing;
                    if (yieldEvery > 0) {
                        computing = 0;
                        yields++;
                        g.yield();
                        return;
                    }
                }
                computing = yieldEvery > 0 ? yieldEvery : CpuHogProvider.CHUNK_NS;
                g.compute(computing);
            }

            @Override
            public long workingSetBytes() {
                return workingSet;
            }
        };
    }

    @Override
    public Map<String, Double> metrics(long endNs) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("cpuSeconds", completedNs / 1e9);
        m.put("yields", (double) yields);
        return m;
    }
}
