package io.github.vsched.rtds;

import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.observe.Refusal;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.vsched.rtds.RtdsSim.MS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code admissionControl} option (not in Xen, whose RTDS admits every server): a VCPU or a
 * server change that would ask more than the PCPUs have (sum of budget/period above their
 * number) is refused, the run goes on, and the refusal is in the result.
 */
class RtdsAdmissionControlTest {

    private static Simulation threeServers(boolean admissionControl) {
        Scenario.Builder b = Scenario.builder("admission").duration(100 * MS).checked(true)
                .platform(FixedCostPlatform.ideal(1))
                .scheduler(RtdsSchedulerProvider.ID, Map.of("admissionControl", Boolean.toString(admissionControl)));
        for (String name : new String[]{"a", "b", "c"}) {
            b.domain(DomainSpec.builder(name).workload("hog", Guests.workload(i -> Guests.hog()))
                    .schedulerParam("budget", "4ms").schedulerParam("period", "10ms").build());
        }
        return Simulations.create(b.build());
    }

    @Test
    void aVcpuBeyondThePcpusCapacityIsRefusedAndTheRunGoesOn() {
        SimulationResult r = threeServers(true).run();
        assertThat(r.refusals()).singleElement().satisfies(x -> {
            assertThat(x.timeNs()).isZero();
            assertThat(x.subject()).isEqualTo("vcpu c/0");
            assertThat(x.change()).isEqualTo("insertion");
            assertThat(x.reason()).contains("would ask 1.200 PCPUs").contains("more than the 1 there are");
        });
        // the refused VCPU stays down; the admitted ones share the PCPU
        assertThat(r.vcpu("c", 0).runningNs()).isZero();
        assertThat(r.vcpu("a", 0).runningNs()).isGreaterThan(40 * MS);
        assertThat(r.vcpu("b", 0).runningNs()).isGreaterThan(40 * MS);
    }

    @Test
    void withoutTheOptionEveryServerIsAdmittedAsXenDoes() {
        SimulationResult r = threeServers(false).run();
        assertThat(r.refusals()).isEmpty();
        assertThat(r.vcpu("c", 0).runningNs()).isPositive();
    }

    @Test
    void aServerChangeBeyondTheCapacityIsRefusedAndThePreviousServerStays() {
        Simulation sim = threeServers(true);
        sim.runUntil(20 * MS);
        assertThat(sim.adjustVcpu("a", 0, Map.of("budget", "7ms"))).isFalse();
        assertThat(sim.vcpu("a", 0).schedulerParameters().duration("budget")).isEqualTo(4 * MS);
        assertThat(RtdsSim.rtds(sim).state(sim.vcpu("a", 0)).budget).isEqualTo(4 * MS);
        assertThat(sim.adjustVcpu("a", 0, Map.of("budget", "6ms"))).as("0.6 + 0.4 fits one PCPU").isTrue();
        assertThat(RtdsSim.rtds(sim).state(sim.vcpu("a", 0)).budget).isEqualTo(6 * MS);
        SimulationResult r = sim.run();
        assertThat(r.refusals()).extracting(Refusal::subject, Refusal::change)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("vcpu c/0", "insertion"),
                        org.assertj.core.groups.Tuple.tuple("vcpu a/0", "budget=7ms"));
        assertThat(r.refusals().get(1).timeNs()).isEqualTo(20 * MS);
    }
}
