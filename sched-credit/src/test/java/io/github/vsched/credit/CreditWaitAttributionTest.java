package io.github.vsched.credit;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.WaitAttribution;
import io.github.vsched.core.metrics.WaitAttribution.Group;
import io.github.vsched.core.metrics.WaitAttribution.Situation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.vsched.credit.CreditSim.MS;
import static io.github.vsched.credit.CreditSim.US;
import static org.assertj.core.api.Assertions.assertThat;

/** The wait attribution names credit's mechanisms behind a periodic VCPU's late dispatch. */
class CreditWaitAttributionTest {

    /**
     * One PCPU. v computes 100 us every 4 ms from 0; h is a hog. Both boot BOOST; v runs first
     * (0-100 us) and blocks; h runs from 100 us with a 30 ms slice. v wakes BOOST at 4 ms but
     * BOOST never preempts BOOST; the tick at 10 ms demotes h to UNDER without rescheduling, so
     * v waits until h's slice ends at 30.1 ms: one wait of 26.1 ms, "BOOST behind BOOST
     * (demoted while running)". v then catches up on the releases it missed, blocks, and wakes
     * at 32 and 36 ms still BOOST, preempting the UNDER hog at once.
     */
    @Test
    void boostBehindBoostUntilTheSliceEndsIsAttributedToTheDemotedBooster() {
        Simulation sim = CreditSim.on("attribution", 1)
                .domain("v", Guests.periodic(4 * MS, 100 * US, 0))
                .domain("h", Guests.hog())
                .duration(39 * MS).build();
        VcpuView v = sim.vcpu("v", 0);
        WaitAttribution waits = sim.waitAttribution(MS).watch(v);
        sim.addListener(waits);
        sim.run();

        assertThat(waits.waits(v)).isEqualTo(4); // boot, 4 ms, 32 ms, 36 ms
        assertThat(waits.groups(v)).containsExactly(new Group(
                new Situation("BOOST", "BOOST", true, false, false), 1, 26_100 * US, 26_100 * US));
        assertThat(waits.groups(v).get(0).situation().describe())
                .isEqualTo("BOOST behind BOOST (demoted while running), ran on its PCPU");
    }

    /**
     * Two PCPUs. h is pinned to PCPU 0, w an I/O waker pinned to PCPU 1 (BOOSTed at each
     * wake-up, idle between), v a periodic VCPU free to run on either, and h sleeps half the time
     * (3 ms on, 3 ms off). With h and w pinned, v moves only when PCPU 0 steals it while it waits
     * behind w: the waits attributed as "ran elsewhere" are exactly v's migrations.
     */
    @Test
    void waitsEndingElsewhereAreSteals() {
        Simulation sim = CreditSim.on("steal", 2).ipi(20 * US)
                .domain("h", 1, i -> Guests.sleeper(3 * MS, 3 * MS), List.of(CpuMask.of(0)))
                .domain("w", 1, i -> Guests.ioWaker(300 * US, 2 * MS), List.of(CpuMask.of(1)))
                .domain("v", Guests.periodic(2300 * US, 60 * US, 0))
                .duration(2_000 * MS).build();
        VcpuView v = sim.vcpu("v", 0);
        WaitAttribution waits = sim.waitAttribution(0).watch(v);
        sim.addListener(waits);
        long migrations = sim.run().vcpu("v", 0).migrations();

        long moved = waits.groups(v).stream().filter(g -> g.situation().moved()).mapToLong(Group::count).sum();
        long stayed = waits.groups(v).stream().filter(g -> !g.situation().moved()).mapToLong(Group::count).sum();
        assertThat(migrations).isPositive();
        assertThat(moved).as("waits ended on the other PCPU").isEqualTo(migrations);
        assertThat(stayed).as("waits ended on the PCPU v woke on").isPositive();
    }
}
