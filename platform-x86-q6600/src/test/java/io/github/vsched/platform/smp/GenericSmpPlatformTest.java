package io.github.vsched.platform.smp;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Platform;
import io.github.vsched.api.Topology;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenericSmpPlatformTest {
    private final GenericSmpPlatformProvider provider = new GenericSmpPlatformProvider();

    private SmpPlatform create(Map<String, String> raw) {
        return (SmpPlatform) provider.create(Parameters.resolve("platform generic-smp", provider.parameters(), raw, 0));
    }

    @Test
    void buildsTwoSocketsOfFourCoresOfTwoThreadsWithACachePerTwoCores() {
        SmpPlatform p = create(Map.of("sockets", "2", "coresPerSocket", "4", "threadsPerCore", "2",
                "coresPerCache", "2"));
        Topology t = p.topology();
        assertThat(t.pcpus()).isEqualTo(16);
        assertThat(t.sockets()).isEqualTo(2);
        // threads of a core are adjacent PCPUs
        assertThat(t.threadSiblings(0)).isEqualTo(CpuMask.of(0, 1));
        assertThat(t.threadSiblings(5)).isEqualTo(CpuMask.of(4, 5));
        // a cache per two cores = four PCPUs
        assertThat(t.cacheMates(0)).isEqualTo(CpuMask.of(0, 1, 2, 3));
        assertThat(t.cacheMates(6)).isEqualTo(CpuMask.of(4, 5, 6, 7));
        assertThat(t.cacheMates(8)).isEqualTo(CpuMask.of(8, 9, 10, 11));
        assertThat(t.socketMates(0)).isEqualTo(CpuMask.of(0, 1, 2, 3, 4, 5, 6, 7));
        assertThat(t.socketMates(15)).isEqualTo(CpuMask.of(8, 9, 10, 11, 12, 13, 14, 15));
        assertThat(t.sharesCache(3, 4)).isFalse();
        assertThat(t.socket(7)).isZero();
        assertThat(t.socket(8)).isEqualTo(1);
    }

    @Test
    void defaultsModelTheQ6600Shape() {
        SmpPlatform p = create(Map.of());
        assertThat(p.id()).isEqualTo("generic-smp");
        assertThat(p.topology().pcpus()).isEqualTo(4);
        assertThat(p.topology().sockets()).isEqualTo(1);
        assertThat(p.topology().cacheMates(0)).isEqualTo(CpuMask.of(0, 1));
        assertThat(p.topology().cacheMates(3)).isEqualTo(CpuMask.of(2, 3));
        assertThat(p.tscHz()).isEqualTo(2_400_000_000L);
        assertThat(p.memoryBytes()).isEqualTo(2L << 30);
        assertThat(p.cacheBytes()).isEqualTo(4L << 20);
    }

    @Test
    void crossSocketIpisPayTheExtra() {
        SmpPlatform p = create(Map.of("sockets", "2", "crossSocketIpiExtra", "1500ns"));
        assertThat(p.ipiLatencyNs(0, 0)).isZero();
        assertThat(p.ipiLatencyNs(0, 3)).isEqualTo(2_000);
        assertThat(p.ipiLatencyNs(0, 4)).isEqualTo(3_500);
        assertThat(p.ipiLatencyNs(7, 1)).isEqualTo(3_500);
    }

    @Test
    void migrationIsFreeBetweenThreadsAndCacheMatesAndPaidAcrossCachesAndSockets() {
        SmpPlatform p = create(Map.of("sockets", "2", "coresPerSocket", "4", "threadsPerCore", "2",
                "coresPerCache", "2", "cacheKiB", "8192"));
        long ws = 1L << 20;
        assertThat(p.migrationPenaltyNs(0, 1, ws)).isZero(); // SMT siblings
        assertThat(p.migrationPenaltyNs(0, 3, ws)).isZero(); // same cache
        // 2 us + 1 MiB at 4000 MB/s = 2,000 + 262,144 ns
        assertThat(p.migrationPenaltyNs(0, 4, ws)).isEqualTo(264_144);
        assertThat(p.migrationPenaltyNs(0, 12, ws)).isEqualTo(264_144);
        // capped at this machine's 8 MiB cache
        assertThat(p.migrationPenaltyNs(0, 4, 64L << 20)).isEqualTo(2_000 + 2_097_152);
    }

    @Test
    void vmExitIsTransitionCyclesAtTheCoreClockPlusHandlerPlusTlbRefill() {
        // 1200 cycles at 2.4 GHz = 500 ns; + 1 us + 500 ns
        assertThat(create(Map.of()).costs().vmExitNs()).isEqualTo(2_000);
        // the same cycles at 3 GHz = 400 ns; the TSC rate does not matter
        assertThat(create(Map.of("coreHz", "3000000000", "tscHz", "1000000000")).costs().vmExitNs()).isEqualTo(1_900);
        assertThat(create(Map.of("vmTransitionCycles", "2400", "vmExitHandler", "0ns", "vmExitTlbRefill", "0ns"))
                .costs().vmExitNs()).isEqualTo(1_000);
    }

    @Test
    void eventChannelNotifyIsTheHypercallPlusTheSend() {
        SmpPlatform p = create(Map.of("hypercall", "700ns", "eventChannelSend", "300ns"));
        assertThat(p.costs().hypercallNs()).isEqualTo(700);
        assertThat(p.costs().eventChannelNotifyNs()).isEqualTo(1_000);
    }

    @Test
    void pvBackendsCostBlkbackPlusGrantsOrNetbackPlusHalfTheCopy() {
        Platform p = create(Map.of());
        // blkback 8 us + 1 us per 4 KiB page
        assertThat(p.io().backendCpuNs(DomainType.PV, IoKind.DISK_READ, 4096)).isEqualTo(9_000);
        assertThat(p.io().backendCpuNs(DomainType.PV, IoKind.DISK_WRITE, 16 * 1024)).isEqualTo(12_000);
        assertThat(p.io().backendCpuNs(DomainType.PV, IoKind.DISK_READ, 4097)).isEqualTo(10_000);
        assertThat(p.io().backendCpuNs(DomainType.PV, IoKind.DISK_READ, 0)).isEqualTo(8_000);
        // netback 6 us + 1500 bytes at 2 x 2000 MB/s = 375 ns
        assertThat(p.io().backendCpuNs(DomainType.PV, IoKind.NET_EXCHANGE, 1500)).isEqualTo(6_375);
    }

    @Test
    void anHvmRequestCostsTheDeviceModelFarMoreThanAPvBackend() {
        Platform p = create(Map.of());
        // qemu-dm: 20 us + 15 exits x 8 us / 2 + 4 KiB at 4000 MB/s (1,024 ns)
        long hvm = p.io().backendCpuNs(DomainType.HVM, IoKind.DISK_READ, 4096);
        assertThat(hvm).isEqualTo(20_000 + 60_000 + 1_024);
        assertThat(hvm).isGreaterThan(5 * p.io().backendCpuNs(DomainType.PV, IoKind.DISK_READ, 4096));
        // 20 us + 11 x 8 us / 2 + 375 ns
        assertThat(p.io().backendCpuNs(DomainType.HVM, IoKind.NET_EXCHANGE, 1500)).isEqualTo(20_000 + 44_000 + 375);
        assertThat(p.io().vmExitsPerRequest(IoKind.DISK_READ)).isEqualTo(15);
        assertThat(p.io().vmExitsPerRequest(IoKind.DISK_WRITE)).isEqualTo(15);
        assertThat(p.io().vmExitsPerRequest(IoKind.NET_EXCHANGE)).isEqualTo(11);
        assertThat(p.io().interruptCpuNs()).isEqualTo(5_000);
    }

    @Test
    void theIdleDomainHasNoBackendAndSizesAreNotNegative() {
        Platform p = create(Map.of());
        assertThatThrownBy(() -> p.io().backendCpuNs(DomainType.IDLE, IoKind.DISK_READ, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.io().backendCpuNs(DomainType.PV, IoKind.DISK_READ, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.migrationPenaltyNs(0, 2, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.ipiLatencyNs(0, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0-3");
    }

    @Test
    void cstateExitDependsOnHowLongThePcpuWasIdle() {
        Platform p = create(Map.of());
        assertThat(p.costs().usesCstates()).isTrue();
        assertThat(p.cstateExitNs(0, 0)).isEqualTo(1_000);
        assertThat(p.cstateExitNs(0, 19_999)).isEqualTo(1_000);
        assertThat(p.cstateExitNs(0, 20_000)).isEqualTo(10_000);
        assertThat(p.cstateExitNs(3, 1_000_000_000L)).isEqualTo(10_000);
        Platform off = create(Map.of("cstates", "false"));
        assertThat(off.costs().usesCstates()).isFalse();
        assertThat(off.cstateExitNs(0, 1_000_000_000L)).isZero();
    }

    @Test
    void timerSlopDefaultsToXens50us() {
        assertThat(create(Map.of()).costs().timerSlopNs()).isEqualTo(50_000);
        assertThat(create(Map.of("timerSlop", "0ns")).costs().timerSlopNs()).isZero();
    }

    @Test
    void bothDiskKindsShareOneDeviceAndTheNicIsAnother() {
        Platform p = create(Map.of());
        assertThat(p.io().device(IoKind.DISK_READ)).isSameAs(p.io().device(IoKind.DISK_WRITE));
        assertThat(p.io().device(IoKind.DISK_READ)).isSameAs(p.io().device(IoKind.DISK_READ));
        assertThat(p.io().device(IoKind.NET_EXCHANGE)).isNotSameAs(p.io().device(IoKind.DISK_READ));
        assertThat(p.io().device(IoKind.DISK_READ).name()).isEqualTo("sata-disk");
        assertThat(p.io().device(IoKind.NET_EXCHANGE).name()).isEqualTo("gbe-nic");
    }

    @Test
    void zeroCoresAreRejectedWithTheParameterAndItsRange() {
        assertThatThrownBy(() -> create(Map.of("coresPerSocket", "0")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("platform generic-smp.coresPerSocket")
                .hasMessageContaining("'0'")
                .hasMessageContaining("[1, 256]");
        assertThatThrownBy(() -> create(Map.of("sockets", "0")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("sockets")
                .hasMessageContaining("[1, 64]");
    }

    @Test
    void aCacheLargerThanASocketIsRejected() {
        assertThatThrownBy(() -> create(Map.of("coresPerSocket", "4", "coresPerCache", "8")))
                .isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(((InvalidParameterException) e).parameter())
                        .isEqualTo("platform generic-smp.coresPerCache"))
                .hasMessageContaining("'8'")
                .hasMessageContaining("at most coresPerSocket (4)");
    }

    @Test
    void tooManyPcpusAreRejected() {
        Map<String, String> raw = new HashMap<>();
        raw.put("sockets", "64");
        raw.put("coresPerSocket", "256");
        raw.put("threadsPerCore", "2");
        assertThatThrownBy(() -> create(raw))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("32768 PCPUs")
                .hasMessageContaining("at most 4096");
    }

    @Test
    void negativeCostsAreRejectedWithTheParameterAndItsRange() {
        assertThatThrownBy(() -> create(Map.of("contextSwitch", "-1us")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("platform generic-smp.contextSwitch")
                .hasMessageContaining("-1us")
                .hasMessageContaining("[0ns, 1ms]");
        assertThatThrownBy(() -> create(Map.of("vmTransitionCycles", "-5")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("vmTransitionCycles")
                .hasMessageContaining("[0, 1000000] cycles");
        assertThatThrownBy(() -> create(Map.of("cacheRefillBandwidth", "0")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("cacheRefillBandwidth")
                .hasMessageContaining("MB/s");
    }

    @Test
    void c1eMayNotBeQuickerToLeaveThanC1() {
        assertThatThrownBy(() -> create(Map.of("c1Exit", "20us", "c1eExit", "10us")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("platform generic-smp.c1eExit")
                .hasMessageContaining("'10us'")
                .hasMessageContaining("at least c1Exit (20us)");
    }

    @Test
    void recordsRejectNegativeCostsEvenWhenBuiltInCode() {
        CostModel c = CostModel.from(Parameters.resolve("t", SmpParameters.specs(), Map.of(), 0));
        assertThatThrownBy(() -> new CostModel(-1, c.ipiLatencyNs(), c.usesCstates(), c.c1ExitNs(), c.c1eExitNs(),
                c.c1ePromotionNs(), c.timerSlopNs(), c.migrationFixedNs(), c.cacheRefillBytesPerSecond(),
                c.vmTransitionCycles(), c.vmExitHandlerNs(), c.vmExitTlbRefillNs(), c.hypercallNs(),
                c.eventChannelSendNs(), c.interruptNs(), c.pvBlockBackendNs(), c.grantMapPerPageNs(),
                c.pvNetBackendNs(), c.copyBytesPerSecond(), c.deviceModelRequestNs(), c.deviceModelAccessNs(),
                c.hvmDiskExits(), c.hvmNetExits(), c.sharedCacheSlowdownPpm(), c.memoryBusSlowdownPpm()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("contextSwitch")
                .hasMessageContaining("-1ns");
    }
}
