package io.github.vsched.rtds;

import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.guest.Guests;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.vsched.rtds.RtdsSim.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-domain server ({@code xl sched-rtds -d D -p P -b B}, {@code XEN_DOMCTL_SCHEDOP_putinfo},
 * reference section 1.2) is every VCPU's, unless the VCPU sets its own ({@code -v N}).
 */
class RtdsDomainParametersTest {

    private static Simulation twoVcpus() {
        DomainSpec d = DomainSpec.builder("rt").vcpus(2).workload("hog", Guests.workload(i -> Guests.hog()))
                .schedulerParam("period", "5ms").schedulerParam("budget", "1ms")
                .vcpuSchedulerParam(1, "budget", "2ms").build();
        return Simulations.create(Scenario.builder("domain server").duration(20 * MS).checked(true)
                .platform(FixedCostPlatform.ideal(2)).scheduler(RtdsSchedulerProvider.ID, Map.of()).domain(d).build());
    }

    @Test
    void domainServerIsEveryVcpusUnlessTheVcpuSetsItsOwn() {
        Simulation sim = twoVcpus();
        RtdsScheduler s = RtdsSim.rtds(sim);
        assertThat(s.state(sim.vcpu("rt", 0)).period).isEqualTo(5 * MS);
        assertThat(s.state(sim.vcpu("rt", 0)).budget).isEqualTo(MS);
        assertThat(s.state(sim.vcpu("rt", 1)).period).isEqualTo(5 * MS);
        assertThat(s.state(sim.vcpu("rt", 1)).budget).isEqualTo(2 * MS);
    }

    @Test
    void domainServerChangedDuringARunReachesTheVcpusThatInheritIt() {
        Simulation sim = twoVcpus();
        RtdsScheduler s = RtdsSim.rtds(sim);
        sim.runUntil(3 * MS);
        sim.adjustDomain("rt", Map.of("period", "8ms", "budget", "3ms"));
        assertThat(sim.vcpu("rt", 0).schedulerParameters().duration("budget")).isEqualTo(3 * MS);
        assertThat(s.state(sim.vcpu("rt", 0)).budget).isEqualTo(3 * MS);
        assertThat(s.state(sim.vcpu("rt", 0)).period).isEqualTo(8 * MS);
        // VCPU 1 keeps the budget it set, and inherits the new period
        assertThat(s.state(sim.vcpu("rt", 1)).budget).isEqualTo(2 * MS);
        assertThat(s.state(sim.vcpu("rt", 1)).period).isEqualTo(8 * MS);
    }

    @Test
    void refusedDomainServerChangesNothing() {
        Simulation sim = twoVcpus();
        RtdsScheduler s = RtdsSim.rtds(sim);
        sim.runUntil(3 * MS);
        // VCPU 1's own 2 ms budget would exceed the inherited 1.5 ms period
        assertThatThrownBy(() -> sim.adjustDomain("rt", Map.of("period", "1500us")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("budget");
        assertThat(sim.domain("rt").schedulerParameters().duration("period")).isEqualTo(5 * MS);
        assertThat(sim.vcpu("rt", 0).schedulerParameters().duration("period")).isEqualTo(5 * MS);
        assertThat(s.state(sim.vcpu("rt", 0)).period).isEqualTo(5 * MS);
    }
}
