package io.github.vsched.workload;

import io.github.vsched.api.Capability;
import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.ParameterType;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadProvider;
import io.github.vsched.core.PluginRegistry;
import io.github.vsched.core.SimulationResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import static io.github.vsched.api.Durations.S;
import static org.assertj.core.api.Assertions.assertThat;

/** What every provider of the module promises: registration, schema, defaults, metrics. */
class ProvidersTest {
    static final Set<String> IDS = Set.of("video-playback", "audio-playback", "kernel-compile", "cpu-hog", "idle",
            "network-pingpong", "dom0-backend", "phases", "rt-app");

    /**
     * The parameters that make a working model of {@code p} for {@code vcpus} VCPUs: none but the
     * defaults, except rt-app's file, which has no default (a file of that many 1 ms in 10 ms threads).
     */
    static Map<String, String> minimal(WorkloadProvider p, int vcpus) {
        if (!p.id().equals("rt-app")) {
            return Map.of();
        }
        try {
            java.nio.file.Path f = java.nio.file.Files.createTempFile("rt-app", ".json");
            f.toFile().deleteOnExit();
            java.nio.file.Files.writeString(f, "{\"tasks\": {\"t\": {\"instance\": " + vcpus
                    + ", \"run\": 1000, \"timer\": {\"ref\": \"unique\", \"period\": 10000}}}}");
            return Map.of("file", f.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<WorkloadProvider> providers() {
        List<WorkloadProvider> list = new ArrayList<>();
        ServiceLoader.load(WorkloadProvider.class).forEach(list::add);
        return list;
    }

    @Test
    void everyModelIsRegisteredUnderItsId() {
        Set<String> ids = new HashSet<>();
        for (WorkloadProvider p : providers()) {
            assertThat(ids.add(p.id())).as("duplicate id %s", p.id()).isTrue();
        }
        assertThat(ids).isEqualTo(IDS);
        for (String id : IDS) {
            assertThat(PluginRegistry.load().workload(id).id()).isEqualTo(id);
        }
    }

    @Test
    void everyParameterIsDocumentedWithADefaultAndRange() {
        for (WorkloadProvider p : providers()) {
            assertThat(p.description()).as(p.id()).isNotBlank();
            assertThat(p.capabilities()).as(p.id()).contains(Capability.QUALITY_METRICS);
            Set<String> names = new HashSet<>();
            for (ParameterSpec s : p.parameters()) {
                assertThat(names.add(s.name())).as("%s.%s twice", p.id(), s.name()).isTrue();
                assertThat(s.name()).matches("[a-z][A-Za-z0-9]*");
                assertThat(s.description()).as("%s.%s", p.id(), s.name()).hasSizeGreaterThan(15);
                if (!s.name().equals("phases") && s.type() != ParameterType.FILE) {
                    assertThat(s.defaultValue()).as("%s.%s default", p.id(), s.name()).isNotNull();
                }
                if (s.type() == ParameterType.DURATION) {
                    assertThat(s.unit()).isEqualTo("ns");
                }
                if (s.type() == ParameterType.INTEGER || s.type() == ParameterType.DECIMAL
                        || s.type() == ParameterType.DURATION) {
                    assertThat(s.min()).as("%s.%s", p.id(), s.name()).isLessThan(s.max());
                }
            }
            assertThat(names).as(p.id()).contains(WorkingSet.NAME);
        }
    }

    /**
     * Defaults build a workload for PV and HVM domains of 1 and 3 VCPUs, with finite metrics
     * before any run, and the same metric names in the same order after running.
     */
    @Test
    void defaultsCreateWorkingModels() {
        for (WorkloadProvider p : providers()) {
            for (DomainType t : List.of(DomainType.PV, DomainType.HVM)) {
                for (int vcpus : new int[]{1, 3}) {
                    Workload w = Models.create(p, t, vcpus, 1, minimal(p, vcpus));
                    for (int i = 0; i < vcpus; i++) {
                        assertThat(w.vcpu(i)).as("%s vcpu %d", p.id(), i).isNotNull();
                    }
                    assertThat(w.metrics(0)).as(p.id()).isNotEmpty()
                            .allSatisfy((k, v) -> assertThat(v).as("%s.%s", p.id(), k).isFinite());
                    List<String> before = new ArrayList<>(w.metrics(0).keySet());
                    new SoloDriver(w.vcpu(0)).runUntil(100 * io.github.vsched.api.Durations.MS);
                    assertThat(new ArrayList<>(w.metrics(100 * io.github.vsched.api.Durations.MS).keySet())).as(p.id()).isEqualTo(before);
                }
            }
        }
    }

    /** Every model in one run; each reports the same metric names, in the same order, as before the run. */
    @Test
    void metricNamesAreStable() {
        var b = Scenarios.scenario("all", 4, S).domain(Scenarios.dom0(2, CpuMask.of(0)));
        int pcpu = 1;
        for (String id : IDS) {
            if (!id.equals("dom0-backend")) {
                b.domain(Scenarios.guest(id, DomainType.HVM, 1, CpuMask.of(pcpu), id,
                        minimal(PluginRegistry.load().workload(id), 1)));
                pcpu = pcpu % 3 + 1;
            }
        }
        SimulationResult r = Scenarios.run(b);
        for (WorkloadProvider p : providers()) {
            String domain = p.id().equals("dom0-backend") ? "dom0" : p.id();
            List<String> before = new ArrayList<>(Models.create(p, DomainType.HVM, 1, 1, minimal(p, 1)).metrics(0)
                    .keySet());
            assertThat(r.workloads().get(domain).keySet()).as(p.id()).containsExactlyInAnyOrderElementsOf(before);
            assertThat(r.workloads().get(domain)).as(p.id()).allSatisfy((k, v) -> assertThat(v).isFinite());
        }
    }
}
