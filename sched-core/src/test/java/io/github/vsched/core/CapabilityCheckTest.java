package io.github.vsched.core;

import io.github.vsched.api.Capability;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Platform;
import io.github.vsched.api.PlatformProvider;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;
import io.github.vsched.api.WorkloadProvider;
import io.github.vsched.core.guest.Guests;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.vsched.api.Durations.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A scenario needing what its plugins do not declare is refused when it is created, not during the run. */
class CapabilityCheckTest {

    /** A machine that models paravirtualised guests only. */
    static PlatformProvider pvOnly() {
        Platform p = FixedCostPlatform.ideal(2);
        return new PlatformProvider() {
            @Override
            public String id() {
                return "pv-only";
            }

            @Override
            public String description() {
                return "PV guests only";
            }

            @Override
            public List<ParameterSpec> parameters() {
                return List.of();
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of(Capability.PV);
            }

            @Override
            public Platform create(Parameters params) {
                return p;
            }
        };
    }

    /** A workload that declares I/O (it sleeps; the check must not need it to run). */
    static WorkloadProvider declaresIo() {
        return new WorkloadProvider() {
            @Override
            public String id() {
                return "disk-reader";
            }

            @Override
            public String description() {
                return "reads the disk";
            }

            @Override
            public List<ParameterSpec> parameters() {
                return List.of();
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of(Capability.IO);
            }

            @Override
            public Workload create(WorkloadContext context, Parameters params) {
                return Guests.workload(i -> Guests.sleeper(MS, MS)).apply(context);
            }
        };
    }

    private static Scenario.Builder base() {
        return Scenario.builder("caps").duration(20 * MS).checked(true).scheduler("round-robin", Map.of());
    }

    @Test
    void anHvmGuestOnAPlatformWithoutHvmIsRefused() {
        Scenario s = base().platform(pvOnly(), Map.of())
                .domain(DomainSpec.builder("win").type(DomainType.HVM)
                        .workload("idle", Guests.workload(i -> Guests.sleeper(MS, MS))).build())
                .build();
        assertThatThrownBy(() -> Simulations.create(s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("domain win is hvm but platform pv-only does not model such guests")
                .hasMessageContaining("its capabilities: pv");
    }

    @Test
    void aWorkloadIssuingIoWithoutADriverDomainIsRefused() {
        Scenario s = base().platform(FixedCostPlatform.ideal(2))
                .domain(DomainSpec.builder("guest").workload(declaresIo(), Map.of()).build())
                .build();
        assertThatThrownBy(() -> Simulations.create(s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("domain guest runs workload disk-reader, which issues I/O, but no domain is a"
                        + " driver domain");
    }

    @Test
    void theSameWorkloadBesideADriverDomainIsAccepted() {
        Scenario s = base().platform(FixedCostPlatform.ideal(2))
                .domain(DomainSpec.builder("dom0").workload("backend", Guests.workload(i -> Guests.backend())).build())
                .domain(DomainSpec.builder("guest").workload(declaresIo(), Map.of()).build())
                .build();
        assertThat(Simulations.create(s).run().vcpu("guest", 0).dispatches()).isPositive();
    }

    @Test
    void parameterChangesDuringARunNeedASchedulerThatAcceptsThem() {
        Simulation sim = Simulations.create(base().platform(FixedCostPlatform.ideal(2))
                .domain(DomainSpec.builder("a").workload("h", Guests.workload(i -> Guests.hog())).build())
                .build());
        assertThatThrownBy(() -> sim.adjustDomain("a", Map.of()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("scheduler round-robin does not accept parameter changes during a run (it does not"
                        + " declare runtime_adjust); cannot adjust domain a");
    }
}
