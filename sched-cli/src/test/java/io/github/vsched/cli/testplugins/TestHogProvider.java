package io.github.vsched.cli.testplugins;

import io.github.vsched.api.Capability;
import io.github.vsched.api.Guest;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;
import io.github.vsched.api.WorkloadProvider;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code test-hog}: computes forever in chunks; metric {@code chunks}. */
public final class TestHogProvider implements WorkloadProvider {
    @Override
    public String id() {
        return "test-hog";
    }

    @Override
    public String description() {
        return "test workload: always runnable";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.duration("chunk", 1_000_000, 1_000, 1_000_000_000, "CPU per compute action"),
                ParameterSpec.duration("failAt", 0, 0, 1_000_000_000_000L, "throw once the run reaches this time, to"
                        + " test failure handling; 0 = never"));
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.QUALITY_METRICS);
    }

    @Override
    public Workload create(WorkloadContext context, Parameters params) {
        long chunk = params.duration("chunk");
        long failAt = params.duration("failAt");
        long[] chunks = new long[1];
        return new Workload() {
            @Override
            public GuestModel vcpu(int index) {
                return g -> {
                    if (failAt > 0 && g.now() >= failAt) {
                        throw new IllegalStateException("test-hog fails on purpose at " + g.now() + " ns");
                    }
                    chunks[0]++;
                    g.compute(chunk);
                };
            }

            @Override
            public Map<String, Double> metrics(long endNs) {
                return Map.of("chunks", (double) chunks[0]);
            }
        };
    }
}
