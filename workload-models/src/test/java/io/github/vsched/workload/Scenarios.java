package io.github.vsched.workload;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.FixedCostPlatform.IoCosts;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.Simulations;

import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.US;

/** Engine scenarios for the models' tests: an ideal machine with stated I/O costs, round-robin. */
final class Scenarios {
    private Scenarios() {
    }

    /**
     * I/O costs of the test machine: disk 4 ms per request (a 7,200 rpm disk's seek and rotation,
     * the order of the paper's era), network exchange 300 us, PV backend 20 us and device model
     * 100 us of dom0 CPU per stage, 4 VM exits per emulated request, 3 us per device interrupt.
     */
    static final IoCosts COSTS = new IoCosts(4 * MS, 300 * US, 20 * US, 100 * US, 4, 3 * US);
    /** VM exit + entry. */
    static final long VM_EXIT = 2 * US;
    /** Event-channel notification. */
    static final long EVTCHN = 5 * US;

    /** {@code n} PCPUs, no scheduling costs, the I/O costs above. */
    static FixedCostPlatform platform(int n) {
        return FixedCostPlatform.ideal(n).withIo(COSTS, VM_EXIT, EVTCHN);
    }

    /** A round-robin scenario in checked mode. */
    static Scenario.Builder scenario(String name, int pcpus, long duration) {
        return scenario(name, pcpus, duration, 10 * MS);
    }

    /** A round-robin scenario with the given slice, in checked mode. */
    static Scenario.Builder scenario(String name, int pcpus, long duration, long slice) {
        return Scenario.builder(name).platform(platform(pcpus)).duration(duration).checked(true).seed(42)
                .scheduler("round-robin", Map.of("slice", slice / US + "us"));
    }

    /** dom0 with {@code vcpus} VCPUs running dom0-backend, pinned to {@code pcpus}. */
    static DomainSpec dom0(int vcpus, CpuMask pcpus) {
        return DomainSpec.builder("dom0").vcpus(vcpus).affinity(pcpus).memoryMb(0)
                .workload("dom0-backend", Map.of()).build();
    }

    /** A guest domain running workload {@code id}. */
    static DomainSpec guest(String name, DomainType type, int vcpus, CpuMask pcpus, String id,
                            Map<String, String> params) {
        return DomainSpec.builder(name).type(type).vcpus(vcpus).affinity(pcpus).memoryMb(0)
                .workload(id, params).build();
    }

    /** Runs a scenario. */
    static SimulationResult run(Scenario.Builder b) {
        return Simulations.create(b.build()).run();
    }
}
