package io.github.vsched.core.internal.state;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.Parameters;
import io.github.vsched.core.FixedCostPlatform;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The machine's idle bits answer {@code nextIdle} exactly as a walk over the PCPUs in cyclic
 * order would, across word boundaries, for any mask and any starting point.
 */
class MachineIdleMaskTest {

    /** The definition: PCPUs after {@code after} in cyclic order, {@code after} itself last. */
    private static int walk(Machine m, CpuMask mask, int after) {
        int n = m.pcpus.length;
        for (int i = 1; i <= n; i++) {
            int c = Math.floorMod(after + i, n);
            if (mask.contains(c) && m.pcpus[c].isIdle()) {
                return c;
            }
        }
        return -1;
    }

    @Test
    void nextIdleFollowsSwitchesAndMatchesACyclicWalk() {
        int n = 130;
        Machine m = new Machine(FixedCostPlatform.ideal(n), null, false);
        DomainState guest = new DomainState(0, "g", DomainType.PV, Parameters.empty("g"));
        VcpuState busy = new VcpuState(n, 0, guest, 0, CpuMask.all(n), Parameters.empty("g/0"));
        Random random = new Random(7);
        assertThat(m.nextIdle(CpuMask.all(n), -1)).isZero();
        for (int round = 0; round < 2_000; round++) {
            PcpuState p = m.pcpus[random.nextInt(n)];
            m.setCurrent(p, random.nextInt(3) == 0 ? p.idle : busy);
            List<Integer> members = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                if (random.nextInt(4) != 0) {
                    members.add(c);
                }
            }
            CpuMask mask = CpuMask.of(members.stream().mapToInt(Integer::intValue).toArray());
            for (int after : new int[]{-1, 0, 63, 64, 127, 128, n - 1, random.nextInt(n)}) {
                assertThat(m.nextIdle(mask, after)).as("round %d after %d", round, after).isEqualTo(walk(m, mask, after));
            }
        }
    }

    @Test
    void noIdlePcpuInTheMaskGivesMinusOne() {
        Machine m = new Machine(FixedCostPlatform.ideal(4), null, false);
        DomainState guest = new DomainState(0, "g", DomainType.PV, Parameters.empty("g"));
        VcpuState busy = new VcpuState(4, 0, guest, 0, CpuMask.all(4), Parameters.empty("g/0"));
        m.setCurrent(m.pcpus[1], busy);
        m.setCurrent(m.pcpus[2], busy);
        assertThat(m.nextIdle(CpuMask.of(1, 2), 0)).isEqualTo(-1);
        assertThat(m.nextIdle(CpuMask.of(1, 2, 3), 3)).isEqualTo(3);
        assertThat(m.nextIdle(CpuMask.of(0, 3), 0)).isEqualTo(3);
        m.setCurrent(m.pcpus[2], m.pcpus[2].idle);
        assertThat(m.nextIdle(CpuMask.of(1, 2), 0)).isEqualTo(2);
    }
}
