package io.github.vsched.rtds;

import io.github.vsched.api.Capability;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.guest.Guests;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.vsched.rtds.RtdsSim.MS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What RTDS promises depends on the servers in force (reference sections 1, 5 and 9): work
 * conservation only while every VCPU has extratime, and a starvation bound from the largest
 * budget and period of the VCPUs.
 */
class RtdsCapabilitiesTest {

    @Test
    void workConservingOnlyWhileEveryVcpuHasExtratime() {
        Simulation all = RtdsSim.on("all extratime", 1).duration(10 * MS)
                .domain("a", Guests.hog(), null, null, null)
                .domain("b", Guests.hog(), "5ms", "1ms", true).build();
        assertThat(all.capabilities()).contains(Capability.WORK_CONSERVING);

        Simulation one = RtdsSim.on("one without", 1).duration(10 * MS)
                .domain("a", Guests.hog(), null, null, null)
                .domain("b", Guests.hog(), "5ms", "1ms", false).build();
        assertThat(one.capabilities()).doesNotContain(Capability.WORK_CONSERVING)
                .contains(Capability.SMP, Capability.RUNTIME_ADJUST);

        // the change of one VCPU's flag during a run changes the promise
        all.runUntil(MS);
        all.adjustVcpu("b", 0, Map.of("extratime", "false"));
        assertThat(all.capabilities()).doesNotContain(Capability.WORK_CONSERVING);
    }

    @Test
    void starvationBoundComesFromTheLargestBudgetAndPeriodInForce() {
        Simulation defaults = RtdsSim.on("defaults", 1).duration(10 * MS)
                .domain("a", Guests.hog(), null, null, null).build();
        // 2(k-1) budgets + 2 periods with Xen's 4 ms / 10 ms
        assertThat(defaults.starvationBoundNs(3)).isEqualTo(2 * 2 * 4 * MS + 2 * 10 * MS);

        Simulation mixed = RtdsSim.on("mixed", 1).duration(10 * MS)
                .domain("short", Guests.hog(), "2ms", "1ms", true)
                .domain("long", Guests.hog(), "50ms", "5ms", true).build();
        assertThat(mixed.starvationBoundNs(2)).isEqualTo(2 * 1 * 5 * MS + 2 * 50 * MS);
        assertThat(mixed.starvationBoundNs(2)).isNotEqualTo(defaults.starvationBoundNs(2));
    }
}
