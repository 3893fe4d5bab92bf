package io.github.vsched.testkit;

import io.github.vsched.api.Capability;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.WorkloadProvider;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.ParameterOwner;
import io.github.vsched.core.PluginRegistry;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.VcpuStats;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every workload plugin should pass. Extend it in your plugin's tests and name
 * your workload:
 *
 * <pre>{@code
 * class MyWorkloadContractTest extends WorkloadContract {
 *     protected String workloadId() { return "my-guest"; }
 * }
 * }</pre>
 *
 * <p>The workload is looked up by id through {@link java.util.ServiceLoader}, which also proves
 * its registration. It must describe itself and every parameter; declare with its parameters
 * in force ({@link #parameters()}) a subset of the capabilities it lists; and, in a domain of
 * two VCPUs of each guest type of {@link #domainTypes()} on a small machine under the reference
 * {@code round-robin} scheduler in checked mode, run (its VCPUs get CPU time), report finite
 * quality metrics if it declares {@link Capability#QUALITY_METRICS}, and give the same run for
 * the same seed. A workload that issues I/O runs beside a driver domain ({@link #driverDomain()},
 * by default {@code dom0} running {@code dom0-backend}); one that serves I/O
 * ({@link Capability#DRIVER}) runs as the driver domain itself.
 */
public abstract class WorkloadContract {

    /** The id of the workload under test. */
    protected abstract String workloadId();

    /** Workload parameters for every contract run (default: none, i.e. the defaults). */
    protected Map<String, String> parameters() {
        return Map.of();
    }

    /** The guest types it is run as (default PV and HVM). */
    protected List<DomainType> domainTypes() {
        return List.of(DomainType.PV, DomainType.HVM);
    }

    /** The driver domain that serves the I/O of a workload that issues it. */
    protected DomainSpec driverDomain() {
        return DomainSpec.builder("dom0").vcpus(1).driverDomain(true).workload("dom0-backend", Map.of()).build();
    }

    private WorkloadProvider provider() {
        return PluginRegistry.load(getClass().getClassLoader()).workload(workloadId());
    }

    private Set<Capability> inForce(WorkloadProvider p) {
        return p.capabilities(Parameters.resolve(ParameterOwner.workload(p.id(), "contract"), p.parameters(),
                parameters(), FixedCostPlatform.ideal(2).tscHz()));
    }

    @Test
    void isRegisteredWithADescriptionAndDocumentedParameters() {
        WorkloadProvider p = provider();
        assertThat(p.id()).isEqualTo(workloadId());
        assertThat(p.description()).as("description").isNotBlank();
        for (ParameterSpec spec : p.parameters()) {
            assertThat(spec.description()).as("description of parameter %s", spec.name()).isNotBlank();
            assertThat(spec.inherited()).as("workload parameter %s cannot be inherited", spec.name()).isFalse();
        }
        assertThat(p.capabilities()).as("capabilities it lists").containsAll(inForce(p));
    }

    private SimulationResult run(WorkloadProvider p, DomainType type) {
        boolean driver = inForce(p).contains(Capability.DRIVER);
        DomainSpec.Builder guest = DomainSpec.builder(driver ? "dom0" : "guest").type(type).vcpus(2)
                .workload(workloadId(), parameters());
        Scenario.Builder b = Scenario.builder("workload contract " + workloadId()).seed(5).duration(200_000_000L)
                .checked(true).platform(FixedCostPlatform.ideal(2).withContextSwitch(1_000).withIpi(2_000))
                .scheduler("round-robin", Map.of("slice", "1ms"));
        if (driver) {
            b.domain(guest.driverDomain(true).build());
        } else {
            if (inForce(p).contains(Capability.IO)) {
                b.domain(driverDomain());
            }
            b.domain(guest.build());
        }
        return Simulations.factory(getClass().getClassLoader()).create(b.build()).run();
    }

    @Test
    void runsInCheckedModeTheSameWayTwice() {
        WorkloadProvider p = provider();
        String domain = inForce(p).contains(Capability.DRIVER) ? "dom0" : "guest";
        for (DomainType type : domainTypes()) {
            SimulationResult first = run(p, type);
            long cpu = 0;
            for (VcpuStats v : first.vcpus()) {
                if (v.domain().equals(domain)) {
                    cpu += v.runningNs();
                }
            }
            assertThat(cpu).as("CPU time of the workload's VCPUs (%s)", type).isPositive();
            Map<String, Double> metrics = first.workloads().get(domain);
            if (p.capabilities().contains(Capability.QUALITY_METRICS)) {
                assertThat(metrics).as("quality metrics (%s)", type).isNotEmpty();
                metrics.forEach((k, v) -> assertThat(v).as("metric %s (%s)", k, type).isFinite());
            }
            SimulationResult second = run(p, type);
            assertThat(second.eventHash()).as("event hash of a second run, same seed (%s)", type)
                    .isEqualTo(first.eventHash());
            assertThat(second.workloads()).as("metrics of a second run (%s)", type).isEqualTo(first.workloads());
        }
    }
}
