package io.github.vsched.rtds;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.Durations;
import io.github.vsched.core.ComponentSpec;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.PoolSpec;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.guest.Guests;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * RTDS in a cpupool beside another scheduler ({@code rt_switch_sched}): the instance's global EDF queue
 * serves only its pool's PCPUs, and its replenishment timer lives on the pool's first PCPU (the
 * engine refuses a timer on another pool's PCPU), so reservations hold inside the pool.
 */
class RtdsCpupoolTest {

    private static DomainSpec server(String name, String budget) {
        return DomainSpec.builder(name).pool("rt").vcpuSchedulerParam(0, "budget", budget)
                .vcpuSchedulerParam(0, "period", "10ms").vcpuSchedulerParam(0, "extratime", "false")
                .workload("h", Guests.workload(i -> Guests.hog())).build();
    }

    @Test
    void aPoolsInstanceReplenishesOnItsOwnPcpus() {
        Scenario s = Scenario.builder("rt-pool").platform(FixedCostPlatform.ideal(4)).duration(2 * Durations.S)
                .checked(true).scheduler("round-robin", Map.of())
                .pool(new PoolSpec("rt", CpuMask.of(2, 3), ComponentSpec.of("rtds", Map.of())))
                .domain(DomainSpec.builder("dom0").vcpus(2).workload("h", Guests.workload(i -> Guests.hog())).build())
                .domain(server("a", "3ms")).domain(server("b", "6ms")).domain(server("c", "2ms")).build();
        SimulationResult r = Simulations.create(s).run();
        // three servers on two PCPUs, no extratime: each gets its budget every period
        assertThat(r.vcpu("a", 0).cpuShare()).isCloseTo(0.3, within(0.01));
        assertThat(r.vcpu("b", 0).cpuShare()).isCloseTo(0.6, within(0.01));
        assertThat(r.vcpu("c", 0).cpuShare()).isCloseTo(0.2, within(0.01));
        // Pool-0's hogs keep Pool-0's two PCPUs to themselves
        assertThat(r.vcpu("dom0", 0).cpuShare() + r.vcpu("dom0", 1).cpuShare()).isCloseTo(2.0, within(0.01));
        assertThat(r.poolOf("a").cpus()).isEqualTo("2-3");
    }
}
