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
 * Provider of {@code network-pingpong}: request/response exchanges with a peer outside the
 * machine over the PV network path (netfront, event channel, netback in dom0, the NIC and
 * back), one outstanding exchange per VCPU, like netperf's TCP_RR. Reports the round-trip
 * latency distribution and the exchange rate; see {@link NetworkPingPongWorkload}.
 */
public final class NetworkPingPongProvider extends ModelProvider {
    static final String BYTES = "bytes";
    static final String RESPONSE_CPU = "responseCpu";
    static final String THINK = "think";
    static final String THINK_DISTRIBUTION = "thinkDistribution";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.integer(BYTES, "bytes", 1, 1, 64L * 1024 * 1024,
                    "size of each request; default 1, netperf TCP_RR's default request and response size"),
            ParameterSpec.duration(RESPONSE_CPU, 10 * Durations.US, 0, Durations.S,
                    "guest CPU to take a response and send the next request (network stack and application);"
                            + " default 10 us (model choice, an order of magnitude)"),
            ParameterSpec.duration(THINK, 0, 0, 10 * Durations.S,
                    "mean pause between a response and the next request; default 0: back to back, as TCP_RR"),
            ParameterSpec.choice(THINK_DISTRIBUTION, "fixed", List.of("fixed", "exponential"),
                    "distribution of the pause: fixed, or exponential (Poisson-like request arrivals)"),
            WorkingSet.spec(256, "socket buffers and a small server's state (model choice)"));
    /** Creates the provider (found through {@link java.util.ServiceLoader}). */
    public NetworkPingPongProvider() {
        super("network-pingpong",
                "request/response over the PV network path (netperf TCP_RR style): round-trip latency and rate",
                PARAMETERS, Set.of(Capability.QUALITY_METRICS, Capability.IO));
    }

    @Override
    public Workload create(WorkloadContext context, Parameters params) {
        return new NetworkPingPongWorkload(context, params);
    }
}
