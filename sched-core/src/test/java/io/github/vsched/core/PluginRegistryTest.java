package io.github.vsched.core;

import io.github.vsched.api.Capability;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.core.guest.Guests;
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
                .hasMessageContaining("the domains need 4096 MiB of memory in all but platform small has 2048 MiB");
    }
}
