package io.github.vsched.workload;

import io.github.vsched.api.Capability;
import io.github.vsched.api.Durations;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;

import java.util.List;
import java.util.Set;

/**
 * Provider of {@code cpu-hog}: every VCPU always runnable, computing forever, optionally
 * yielding the PCPU ({@code SCHEDOP_yield}) after every {@code yieldEvery} of CPU time. The
 * CPU-bound neighbour of the Xen Summit Asia 2009 audio case and of most contention tests.
 */
public final class CpuHogProvider extends ModelProvider {
    static final String YIELD_EVERY = "yieldEvery";
    /** CPU per compute action when not yielding: short enough for cpuSeconds to be exact to 10 ms. */
    static final long CHUNK_NS = 10 * Durations.MS;

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.duration(YIELD_EVERY, 0, 0, 10 * Durations.S,
                    "yield the PCPU after this much CPU time; 0 = never yield (default: a pure hog)"),
            WorkingSet.spec(1024, "a moderate working set that a move across caches must refill (model choice)"));
    /** Creates the provider (found through {@link java.util.ServiceLoader}). */
    public CpuHogProvider() {
        super("cpu-hog",
                "always runnable: computes forever on every VCPU, optionally yielding every N ms",
                PARAMETERS, Set.of(Capability.QUALITY_METRICS));
    }

    @Override
    public Workload create(WorkloadContext context, Parameters params) {
        return new CpuHogWorkload(params.duration(YIELD_EVERY), WorkingSet.bytes(params));
    }
}
