package io.github.vsched.platform.q6600;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Platform;
import io.github.vsched.api.Topology;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The paper's machine (paper.md): topology, clock and the costs that depend on them. */
class Q6600PlatformTest {
    private final Q6600PlatformProvider provider = new Q6600PlatformProvider();

    private Platform create(Map<String, String> raw) {
        return provider.create(Parameters.resolve("platform x86-q6600", provider.parameters(), raw, 0));
    }

    private final Platform q6600 = create(Map.of());

    @Test
    void fourPcpusInOneSocketWithAnL2PerPairOfCores() {
        Topology t = q6600.topology();
        assertThat(t.pcpus()).isEqualTo(4);
        assertThat(t.sockets()).isEqualTo(1);
        assertThat(t.socketMates(0)).isEqualTo(CpuMask.of(0, 1, 2, 3));
        assertThat(t.cacheMates(0)).isEqualTo(CpuMask.of(0, 1));
        assertThat(t.cacheMates(1)).isEqualTo(CpuMask.of(0, 1));
        assertThat(t.cacheMates(2)).isEqualTo(CpuMask.of(2, 3));
        assertThat(t.cacheMates(3)).isEqualTo(CpuMask.of(2, 3));
        assertThat(t.cacheGroup(0)).isNotEqualTo(t.cacheGroup(2));
        for (int c = 0; c < 4; c++) {
            assertThat(t.threadSiblings(c)).as("no SMT on PCPU %d", c).isEqualTo(CpuMask.of(c));
        }
    }

    @Test
    void idClockAndMemory() {
        assertThat(q6600.id()).isEqualTo("x86-q6600");
        assertThat(q6600.tscHz()).isEqualTo(2_400_000_000L);
        assertThat(q6600.memoryBytes()).isEqualTo(2048L << 20);
        assertThat(create(Map.of("memoryMiB", "4096")).memoryBytes()).isEqualTo(4096L << 20);
        assertThat(((Q6600Platform) q6600).cacheBytes()).isEqualTo(4L << 20);
    }

    @Test
    void migratingBetweenCores0And1CostsNoRefill() {
        assertThat(q6600.migrationPenaltyNs(0, 1, 0)).isZero();
        assertThat(q6600.migrationPenaltyNs(0, 1, 1L << 20)).isZero();
        assertThat(q6600.migrationPenaltyNs(1, 0, 64L << 20)).isZero();
        assertThat(q6600.migrationPenaltyNs(2, 3, 4L << 20)).isZero();
    }

    @Test
    void migratingBetweenCores1And2RefillsTheWorkingSet() {
        // 2 us fixed + working set at 4000 MB/s
        assertThat(q6600.migrationPenaltyNs(1, 2, 0)).isEqualTo(2_000);
        assertThat(q6600.migrationPenaltyNs(1, 2, 1L << 20)).isEqualTo(2_000 + 262_144);
        assertThat(q6600.migrationPenaltyNs(1, 2, 4L << 20)).isEqualTo(2_000 + 1_048_576);
        assertThat(q6600.migrationPenaltyNs(3, 0, 4L << 20)).isEqualTo(2_000 + 1_048_576);
    }

    @Test
    void refillGrowsWithTheWorkingSetUpToTheL2Size() {
        long l2 = 4L << 20;
        long previous = -1;
        for (long ws = 0; ws <= l2; ws += 256 * 1024) {
            long cost = q6600.migrationPenaltyNs(1, 2, ws);
            assertThat(cost).as("working set %d", ws).isGreaterThan(previous);
            previous = cost;
        }
        // beyond the L2 nothing more is refilled
        assertThat(q6600.migrationPenaltyNs(1, 2, 2 * l2)).isEqualTo(q6600.migrationPenaltyNs(1, 2, l2));
        assertThat(q6600.migrationPenaltyNs(1, 2, Long.MAX_VALUE)).isEqualTo(q6600.migrationPenaltyNs(1, 2, l2));
    }

    @Test
    void tscConversionsOfThePapersFigures() {
        assertThat(q6600.tscToNs(2_300_000)).isEqualTo(958_333);
        assertThat(q6600.tscToNs(60_000)).isEqualTo(25_000);
        assertThat(q6600.nsToTsc(25_000)).isEqualTo(60_000);
        assertThat(q6600.nsToTsc(958_333)).isEqualTo(2_299_999);
        Q6600Platform p = (Q6600Platform) q6600;
        assertThat(p.tscClock().formatCycles(2_300_000)).isEqualTo("2300000 tsc (958.333us)");
        assertThat(p.tscClock().format(25_000)).isEqualTo("25us (60000 tsc)");
    }

    @Test
    void firstGenerationVtxExitIncludesTheTlbRefill() {
        // 1200 cycles at 2.4 GHz (500 ns) + 1 us Xen handler + 500 ns TLB refill (no VPID)
        assertThat(q6600.costs().vmExitNs()).isEqualTo(2_000);
        assertThat(create(Map.of("vmExitTlbRefill", "0ns")).costs().vmExitNs()).isEqualTo(1_500);
        // an emulated disk request costs the HVM guest 15 exits
        assertThat(q6600.io().vmExitsPerRequest(IoKind.DISK_READ) * q6600.costs().vmExitNs()).isEqualTo(30_000);
    }

    /** One emulated register access: its own VM exit and qemu-dm's per-access work, no device. */
    @Test
    void deviceAccessIsOneExitAndOneAccessOfTheDeviceModel() {
        assertThat(q6600.io().vmExitsPerRequest(IoKind.DEVICE_ACCESS)).isEqualTo(1);
        assertThat(q6600.io().backendCpuNs(DomainType.HVM, IoKind.DEVICE_ACCESS, 4)).isEqualTo(8_000);
        assertThat(create(Map.of("deviceModelAccess", "20us")).io()
                .backendCpuNs(DomainType.HVM, IoKind.DEVICE_ACCESS, 4)).isEqualTo(20_000);
        assertThatThrownBy(() -> q6600.io().device(IoKind.DEVICE_ACCESS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no physical device");
        assertThatThrownBy(() -> q6600.io().backendCpuNs(DomainType.PV, IoKind.DEVICE_ACCESS, 4))
                .hasMessageContaining("PV guest has no emulated devices");
    }

    @Test
    void defaultCostsAreTheDocumentedOnes() {
        assertThat(q6600.costs().contextSwitchNs()).isEqualTo(3_000);
        assertThat(q6600.ipiLatencyNs(0, 3)).isEqualTo(2_000);
        assertThat(q6600.ipiLatencyNs(2, 2)).isZero();
        assertThat(q6600.costs().usesCstates()).isTrue();
        assertThat(q6600.cstateExitNs(1, 5_000)).isEqualTo(1_000);
        assertThat(q6600.cstateExitNs(1, 5_000_000)).isEqualTo(10_000);
        assertThat(q6600.costs().timerSlopNs()).isEqualTo(50_000);
        assertThat(q6600.costs().hypercallNs()).isEqualTo(500);
        assertThat(q6600.costs().eventChannelNotifyNs()).isEqualTo(1_000);
        assertThat(q6600.io().interruptCpuNs()).isEqualTo(5_000);
    }
}
