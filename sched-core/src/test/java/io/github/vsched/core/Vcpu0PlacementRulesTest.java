package io.github.vsched.core;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.Topology;
import io.github.vsched.core.guest.Guests;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where Xen 4.0 puts a new domain's VCPUs: dom0's VCPU i on PCPU i ({@code construct_dom0});
 * another domain's VCPU 0 on the least-populated PCPU, ties to the highest-numbered, only second
 * threads on an SMT machine ({@code default_vcpu0_location}, {@code xen/common/domctl.c}); its
 * later VCPUs each on the next PCPU after the previous one's ({@code cycle_cpu}).
 */
class Vcpu0PlacementRulesTest {

    private static Simulation machine(FixedCostPlatform p, DomainSpec... domains) {
        Scenario.Builder b = Scenario.builder("placement").platform(p).duration(MS).checked(true)
                .scheduler("round-robin", Map.of());
        for (DomainSpec d : domains) {
            b.domain(d);
        }
        return Simulations.create(b.build());
    }

    private static DomainSpec dom(String name, int vcpus) {
        return DomainSpec.builder(name).vcpus(vcpus).workload("s", Guests.workload(i -> Guests.sleeper(MS, MS))).build();
    }

    private static int processor(Simulation sim, String domain, int vcpu) {
        return sim.vcpu(domain, vcpu).processor();
    }

    @Test
    void dom0VcpusGoOneToEachPcpuInOrder() {
        Simulation sim = machine(FixedCostPlatform.ideal(4), dom("dom0", 4));
        for (int i = 0; i < 4; i++) {
            assertThat(processor(sim, "dom0", i)).isEqualTo(i);
        }
    }

    @Test
    void aGuestsVcpu0GoesToTheLeastPopulatedPcpuTiesToTheHighest() {
        // the paper's machine: dom0 on every PCPU, then the video guest, then the compile's four VCPUs
        Simulation sim = machine(FixedCostPlatform.ideal(4), dom("dom0", 4), dom("winxp", 1), dom("dom1", 4));
        assertThat(processor(sim, "winxp", 0)).isEqualTo(3);
        // counts are then 1, 1, 1, 2: dom1's VCPU 0 on PCPU 2, the others cycling on from there
        assertThat(processor(sim, "dom1", 0)).isEqualTo(2);
        assertThat(processor(sim, "dom1", 1)).isEqualTo(3);
        assertThat(processor(sim, "dom1", 2)).isEqualTo(0);
        assertThat(processor(sim, "dom1", 3)).isEqualTo(1);
    }

    @Test
    void pcpu0WinsOnlyWhenStrictlyLeastPopulated() {
        Simulation sim = machine(FixedCostPlatform.ideal(2),
                DomainSpec.builder("busy").affinity(CpuMask.of(1)).workload("s",
                        Guests.workload(i -> Guests.sleeper(MS, MS))).build(),
                dom("next", 1), dom("third", 1));
        assertThat(processor(sim, "next", 0)).isEqualTo(0);  // 0 against 1 VCPU
        assertThat(processor(sim, "third", 0)).isEqualTo(1); // a tie: the higher
    }

    @Test
    void onAnSmtMachineOnlySecondThreadsAreChosen() {
        // 2 cores of 2 threads: PCPUs 0-1 one core, 2-3 the other
        FixedCostPlatform smt = FixedCostPlatform.ideal(4).withTopology(Topology.regular(1, 2, 2, 2));
        Simulation sim = machine(smt, dom("a", 1), dom("b", 1), dom("c", 1));
        assertThat(processor(sim, "a", 0)).isEqualTo(3);
        assertThat(processor(sim, "b", 0)).isEqualTo(1);
        assertThat(processor(sim, "c", 0)).isEqualTo(3); // first threads are never chosen
    }

    @Test
    void withinAHardAffinityTheSameRulePicksAmongItsPcpus() {
        Simulation sim = machine(FixedCostPlatform.ideal(4),
                DomainSpec.builder("pinned").affinity(CpuMask.of(0, 1)).workload("s",
                        Guests.workload(i -> Guests.sleeper(MS, MS))).build());
        assertThat(processor(sim, "pinned", 0)).isEqualTo(1);
    }
}
