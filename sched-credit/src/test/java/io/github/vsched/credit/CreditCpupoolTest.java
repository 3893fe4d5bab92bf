package io.github.vsched.credit;

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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Credit in a cpupool (Xen 4.1+ {@code sched_credit.c} with {@code cpupool.c}): an instance
 * counts only its pool's PCPUs ({@code prv->ncpus}), so the credit it hands out per accounting
 * period and the largest cap are the pool's; its per-PCPU state, ticks, idlers and stealing
 * cover only the pool's PCPUs.
 */
class CreditCpupoolTest {

    private static DomainSpec hogs(String name, int weight, String pool) {
        return DomainSpec.builder(name).pool(pool).schedulerParam("weight", Integer.toString(weight))
                .workload("h", Guests.workload(i -> Guests.hog())).build();
    }

    /**
     * On the pool's one PCPU, weights 256 and 768 share 1:3. Were the credit of the whole
     * machine's four PCPUs handed out, both domains would stay UNDER and share alike.
     */
    @Test
    void creditPerAccountingPeriodCountsThePoolsPcpus() {
        Scenario s = Scenario.builder("pool").platform(FixedCostPlatform.ideal(4)).duration(3 * Durations.S)
                .checked(true).scheduler("credit", Map.of())
                .pool(new PoolSpec("one", CpuMask.of(3), ComponentSpec.of("credit", Map.of())))
                .domain(DomainSpec.builder("dom0").workload("idle", Guests.workload(i -> Guests.sleeper(
                        Durations.MS, 100 * Durations.MS))).build())
                .domain(hogs("light", 256, "one")).domain(hogs("heavy", 768, "one")).build();
        SimulationResult r = Simulations.create(s).run();
        assertThat(r.vcpu("light", 0).cpuShare()).isCloseTo(0.25, within(0.03));
        assertThat(r.vcpu("heavy", 0).cpuShare()).isCloseTo(0.75, within(0.03));
    }

    /** Pool-0's hogs never run on the other pool's idle PCPUs: credit steals only within its pool. */
    @Test
    void stealingStaysWithinThePool() {
        Scenario s = Scenario.builder("pool").platform(FixedCostPlatform.ideal(4)).duration(Durations.S)
                .checked(true).scheduler("credit", Map.of())
                .pool(new PoolSpec("idle", CpuMask.of(2, 3), ComponentSpec.of("credit", Map.of())))
                .domain(DomainSpec.builder("dom0").vcpus(4).workload("h", Guests.workload(i -> Guests.hog())).build())
                .domain(DomainSpec.builder("quiet").pool("idle").workload("s", Guests.workload(i -> Guests.sleeper(
                        Durations.MS, 50 * Durations.MS))).build()).build();
        SimulationResult r = Simulations.create(s).run();
        double total = 0;
        for (int i = 0; i < 4; i++) {
            total += r.vcpu("dom0", i).cpuShare();
        }
        assertThat(total).isCloseTo(2.0, within(0.02)); // two PCPUs' worth, never more
        assertThat(r.pcpuBusyNs()[2] + r.pcpuBusyNs()[3]).isLessThan(r.durationNs() / 10);
    }

    @Test
    void aCapIsBoundedByThePoolsPcpus() {
        Scenario s = Scenario.builder("pool").platform(FixedCostPlatform.ideal(4)).checked(true)
                .scheduler("credit", Map.of())
                .pool(new PoolSpec("one", CpuMask.of(3), ComponentSpec.of("credit", Map.of())))
                .domain(DomainSpec.builder("dom0").workload("h", Guests.workload(i -> Guests.hog())).build())
                .domain(DomainSpec.builder("capped").pool("one").schedulerParam("cap", "150")
                        .workload("h", Guests.workload(i -> Guests.hog())).build()).build();
        assertThatThrownBy(() -> Simulations.create(s)).hasMessageContaining("cap")
                .hasMessageContaining("[0, 100] % (100 per PCPU of its cpupool");
    }
}
