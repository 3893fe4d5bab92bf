package io.github.vsched.testkit;

import io.github.vsched.api.Capability;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Platform;
import io.github.vsched.api.PlatformProvider;
import io.github.vsched.api.Topology;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.ParameterOwner;
import io.github.vsched.core.PluginRegistry;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.VcpuStats;
import io.github.vsched.core.guest.Guests;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every platform plugin should pass. Extend it in your plugin's tests and name
 * your platform:
 *
 * <pre>{@code
 * class MyPlatformContractTest extends PlatformContract {
 *     protected String platformId() { return "my-machine"; }
 * }
 * }</pre>
 *
 * <p>The platform is looked up by id through {@link java.util.ServiceLoader}, which also proves
 * its registration. It must: describe itself and every parameter; build with its parameters
 * ({@link #parameters()}, default none) a machine with at least one PCPU whose topology is
 * consistent (every PCPU its own thread siblings, socket and cache mates included), a positive
 * TSC rate and memory, IPI latencies and migration penalties that are not negative and an
 * IPI to oneself that costs nothing, and a TSC conversion that round-trips; model PV or HVM
 * guests or both; and run, for each guest type it declares, CPU hogs on every PCPU under the
 * reference {@code round-robin} scheduler in checked mode, each making progress, the same seed
 * giving the same run.
 */
public abstract class PlatformContract {

    /** The id of the platform under test. */
    protected abstract String platformId();

    /** Platform parameters for every contract check (default: none, i.e. the defaults). */
    protected Map<String, String> parameters() {
        return Map.of();
    }

    private PlatformProvider provider() {
        return PluginRegistry.load(getClass().getClassLoader()).platform(platformId());
    }

    private Platform platform() {
        PlatformProvider p = provider();
        return p.create(Parameters.resolve(ParameterOwner.platform(p.id()), p.parameters(), parameters(), 0));
    }

    @Test
    void isRegisteredWithADescriptionAndDocumentedParameters() {
        PlatformProvider p = provider();
        assertThat(p.id()).isEqualTo(platformId());
        assertThat(p.description()).as("description").isNotBlank();
        for (ParameterSpec spec : p.parameters()) {
            assertThat(spec.description()).as("description of parameter %s", spec.name()).isNotBlank();
            assertThat(spec.inherited()).as("platform parameter %s cannot be inherited", spec.name()).isFalse();
        }
    }

    @Test
    void buildsAConsistentMachine() {
        Platform m = platform();
        assertThat(m.id()).isEqualTo(platformId());
        Topology t = m.topology();
        int n = t.pcpus();
        assertThat(n).as("PCPUs").isPositive();
        assertThat(m.tscHz()).as("TSC rate").isPositive();
        assertThat(m.memoryBytes()).as("memory").isPositive();
        assertThat(m.costs()).as("costs").isNotNull();
        for (int a = 0; a < n; a++) {
            assertThat(t.threadSiblings(a).contains(a)).as("pcpu%d among its thread siblings", a).isTrue();
            assertThat(t.socketMates(a).contains(a)).as("pcpu%d among its socket mates", a).isTrue();
            assertThat(t.cacheMates(a).contains(a)).as("pcpu%d among its cache mates", a).isTrue();
            assertThat(m.ipiLatencyNs(a, a)).as("IPI from pcpu%d to itself", a).isZero();
            for (int b = 0; b < n; b++) {
                assertThat(m.ipiLatencyNs(a, b)).as("IPI pcpu%d -> pcpu%d", a, b).isNotNegative();
                assertThat(m.migrationPenaltyNs(a, b, 1 << 20)).as("migration pcpu%d -> pcpu%d", a, b).isNotNegative();
                assertThat(t.sharesCache(a, b)).as("cache sharing is symmetric").isEqualTo(t.sharesCache(b, a));
            }
        }
        long second = 1_000_000_000L;
        assertThat(m.nsToTsc(second)).as("TSC cycles in a second").isEqualTo(m.tscHz());
        assertThat(m.tscToNs(m.nsToTsc(second))).as("TSC round trip of a second").isEqualTo(second);
    }

    @Test
    void modelsPvOrHvmGuests() {
        assertThat(provider().capabilities()).as("guest types modelled").containsAnyOf(Capability.PV, Capability.HVM);
    }

    @Test
    void runsHogsOnEveryPcpuInCheckedModeTheSameWayTwice() {
        PlatformProvider p = provider();
        int n = platform().topology().pcpus();
        List<DomainType> types = new ArrayList<>();
        if (p.capabilities().contains(Capability.PV)) {
            types.add(DomainType.PV);
        }
        if (p.capabilities().contains(Capability.HVM)) {
            types.add(DomainType.HVM);
        }
        for (DomainType type : types) {
            Scenario s = Scenario.builder("platform contract " + platformId()).seed(3).duration(50_000_000L)
                    .checked(true).platform(p, parameters()).scheduler("round-robin", Map.of("slice", "1ms"))
                    .domain(DomainSpec.builder("hogs").type(type).vcpus(n + 1)
                            .workload("hog", Guests.workload(i -> Guests.hog())).build())
                    .build();
            SimulationResult first = Simulations.factory(getClass().getClassLoader()).create(s).run();
            for (VcpuStats v : first.vcpus()) {
                assertThat(v.runningNs()).as("CPU time of %s (%s)", v.name(), type).isPositive();
            }
            SimulationResult second = Simulations.factory(getClass().getClassLoader()).create(s).run();
            assertThat(second.eventHash()).as("event hash of a second run, same seed (%s)", type)
                    .isEqualTo(first.eventHash());
        }
    }
}
