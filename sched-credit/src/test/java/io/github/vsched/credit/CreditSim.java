package io.github.vsched.credit;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.Topology;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import io.github.vsched.testkit.Timelines;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Builds engine-driven credit runs for tests: checked mode, a cost-free platform (so times
 * can be computed by hand), aligned ticks (10, 20, 30 ms ...) unless told otherwise.
 */
final class CreditSim {
    static final long US = 1_000L;
    static final long MS = 1_000_000L;

    private final Scenario.Builder builder;
    private final Map<String, String> params = new LinkedHashMap<>();
    private FixedCostPlatform platform;

    private CreditSim(String name, int pcpus) {
        this.builder = Scenario.builder(name).checked(true);
        this.platform = FixedCostPlatform.ideal(pcpus);
        params.put("tickPhase", "aligned");
    }

    static CreditSim on(String name, int pcpus) {
        return new CreditSim(name, pcpus);
    }

    CreditSim topology(Topology t) {
        platform = platform.withTopology(t);
        return this;
    }

    CreditSim ipi(long ns) {
        platform = platform.withIpi(ns);
        return this;
    }

    CreditSim param(String k, String v) {
        params.put(k, v);
        return this;
    }

    CreditSim seed(long s) {
        builder.seed(s);
        return this;
    }

    CreditSim duration(long ns) {
        builder.duration(ns);
        return this;
    }

    /** A one-VCPU domain. */
    CreditSim domain(String name, GuestModel model) {
        builder.domain(DomainSpec.builder(name).workload("script", Guests.workload(i -> model)).build());
        return this;
    }

    /** A one-VCPU domain with scheduler parameters (k1, v1, k2, v2 ...). */
    CreditSim domain(String name, GuestModel model, String... kv) {
        DomainSpec.Builder b = DomainSpec.builder(name).workload("script", Guests.workload(i -> model));
        for (int i = 0; i < kv.length; i += 2) {
            b.schedulerParam(kv[i], kv[i + 1]);
        }
        builder.domain(b.build());
        return this;
    }

    /** A domain of {@code n} VCPUs. */
    CreditSim domain(String name, int n, IntFunction<GuestModel> models, List<CpuMask> affinity) {
        DomainSpec.Builder b = DomainSpec.builder(name).vcpus(n).workload("script", Guests.workload(models));
        for (int i = 0; i < affinity.size(); i++) {
            b.vcpuAffinity(i, affinity.get(i));
        }
        builder.domain(b.build());
        return this;
    }

    Simulation build() {
        return Simulations.create(builder.platform(platform).scheduler("credit", params).build());
    }

    static CreditScheduler credit(Simulation sim) {
        return (CreditScheduler) sim.scheduler();
    }

    /** Non-empty busy segments of a PCPU in microseconds (see {@link Timelines#busy}). */
    static List<String> busy(PcpuTimeline t, int pcpu) {
        return Timelines.busy(t, pcpu, US);
    }
}
