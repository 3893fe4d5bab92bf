package io.github.vsched.rtds;

import io.github.vsched.api.GuestModel;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import io.github.vsched.testkit.Timelines;

import java.util.List;

/**
 * Builds RTDS runs for rule tests: checked mode on a cost-free platform, so every time follows
 * from the rules alone, with one-VCPU domains given their RTDS server.
 */
final class RtdsSim {
    static final long US = 1_000L;
    static final long MS = 1_000_000L;

    private final Scenario.Builder builder;
    private final FixedCostPlatform platform;

    private RtdsSim(String name, int pcpus) {
        this.builder = Scenario.builder(name).checked(true);
        this.platform = FixedCostPlatform.ideal(pcpus);
    }

    static RtdsSim on(String name, int pcpus) {
        return new RtdsSim(name, pcpus);
    }

    RtdsSim duration(long ns) {
        builder.duration(ns);
        return this;
    }

    /** A one-VCPU domain with its RTDS server; a null value keeps Xen's default. */
    RtdsSim domain(String name, GuestModel model, String period, String budget, Boolean extratime) {
        DomainSpec.Builder b = DomainSpec.builder(name).workload("script", Guests.workload(i -> model));
        if (period != null) {
            b.vcpuSchedulerParam(0, RtdsVcpuParameters.PERIOD, period);
        }
        if (budget != null) {
            b.vcpuSchedulerParam(0, RtdsVcpuParameters.BUDGET, budget);
        }
        if (extratime != null) {
            b.vcpuSchedulerParam(0, RtdsVcpuParameters.EXTRATIME, extratime.toString());
        }
        builder.domain(b.build());
        return this;
    }

    Simulation build() {
        return Simulations.create(builder.platform(platform).scheduler(RtdsSchedulerProvider.ID,
                java.util.Map.of()).build());
    }

    static RtdsScheduler rtds(Simulation sim) {
        return (RtdsScheduler) sim.scheduler();
    }

    /** Non-empty busy segments of a PCPU in microseconds (see {@link Timelines#busy}). */
    static List<String> busy(PcpuTimeline t, int pcpu) {
        return Timelines.busy(t, pcpu, US);
    }
}
