package io.github.vsched.core;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.github.vsched.api.Capability;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.observe.SimulationListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static io.github.vsched.api.Durations.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginRegistryTest {

    /** A provider that claims the id of the built-in round-robin. */
    public static final class Impostor implements SchedulerProvider {
        @Override
        public String id() {
            return "round-robin";
        }

        @Override
        public String description() {
            return "impostor";
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of();
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }

        @Override
        public Scheduler create(SchedulerContext context, Parameters params) {
            throw new IllegalStateException("never created");
        }
    }

    @Test
    void unknownIdListsTheKnownOnes() {
        assertThatThrownBy(() -> PluginRegistry.load().scheduler("round-robn"))
                .isInstanceOf(UnknownPluginException.class)
                .hasMessageContaining("unknown scheduler 'round-robn' (did you mean 'round-robin'?)")
                .hasMessageContaining("known schedulers: round-robin");
    }

    @Test
    void sourceNamesWherePluginsCameFrom() {
        SchedulerProvider rr = PluginRegistry.load().scheduler("round-robin");
        assertThat(PluginRegistry.source(rr)).contains("sched-core");
    }

    @Test
    void duplicateIdsFailNamingBothLocations(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(SchedulerProvider.class.getName()), Impostor.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> PluginRegistry.load(loader))
                    .isInstanceOf(DuplicatePluginException.class)
                    .hasMessageContaining("two scheduler plugins have the id 'round-robin'")
                    .hasMessageContaining("io.github.vsched.core.rr.RoundRobinProvider from ")
                    .hasMessageContaining(Impostor.class.getName() + " from ");
        }
    }

    @Test
    void aBrokenProviderIsAPluginLoadErrorNotWrappedByTheInjector(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(SchedulerProvider.class.getName()), "org.example.Missing\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> Simulations.factory(loader))
                    .isExactlyInstanceOf(PluginLoadException.class)
                    .hasMessageContaining("org.example.Missing")
                    .hasCauseInstanceOf(java.util.ServiceConfigurationError.class);
        }
    }

    /** A recorder added through a Guice module sees every simulation the factory makes. */
    public static final class Counter implements SimulationListener {
        static final AtomicLong DISPATCHES = new AtomicLong();

        @Override
        public void onDispatch(PcpuView pcpu, VcpuView vcpu, long now, boolean afterWake) {
            DISPATCHES.incrementAndGet();
        }
    }

    @Test
    void guiceModulesAddListeners() {
        SimulationFactory f = Simulations.factory(new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), SimulationListener.class).addBinding().to(Counter.class);
            }
        });
        Counter.DISPATCHES.set(0);
        f.create(Scenario.builder("g").duration(50 * MS).scheduler("round-robin", Map.of())
                .domain(DomainSpec.builder("a").workload("h", Guests.workload(i -> Guests.sleeper(MS, MS))).build())
                .build()).run();
        assertThat(Counter.DISPATCHES.get()).isGreaterThan(40);
    }

    @Test
    void scenarioValidationNamesTheProblem() {
        assertThatThrownBy(() -> Simulations.create(Scenario.builder("m").platform(FixedCostPlatform.ideal(1))
                .scheduler("round-robin", Map.of("slice", "0ms"))
                .domain(DomainSpec.builder("a").workload("h", Guests.workload(i -> Guests.hog())).build()).build()))
                .hasMessageContaining("'scheduler round-robin.slice'").hasMessageContaining("'0ms'");
        assertThatThrownBy(() -> Simulations.create(Scenario.builder("m").scheduler("nope", Map.of())
                .domain(DomainSpec.builder("a").workload("h", Guests.workload(i -> Guests.hog())).build()).build()))
                .isInstanceOf(UnknownPluginException.class);
        assertThatThrownBy(() -> Simulations.create(Scenario.builder("m").scheduler("round-robin", Map.of())
                .domain(DomainSpec.builder("a").memoryMb(4096).workload("h", Guests.workload(i -> Guests.hog())).build())
                .platform(new FixedCostPlatform("small", io.github.vsched.api.Topology.flat(1), 1_000_000_000L, 2L << 30,
                        io.github.vsched.api.PlatformCosts.DEFAULTS, FixedCostPlatform.IoCosts.ZERO))
                .build()))
                .hasMessageContaining("the domains need 4096 MiB of memory but platform small has 2048 MiB");
    }
}
