package io.github.vsched.platform.q6600;

import io.github.vsched.api.Capability;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Platform;
import io.github.vsched.api.PlatformProvider;
import io.github.vsched.platform.smp.GenericSmpPlatformProvider;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class ProvidersTest {

    @Test
    void bothProvidersAreFoundThroughServiceLoader() {
        Map<String, PlatformProvider> byId = new HashMap<>();
        for (PlatformProvider p : ServiceLoader.load(PlatformProvider.class)) {
            assertThat(byId.put(p.id(), p)).as("duplicate id %s", p.id()).isNull();
        }
        assertThat(byId).containsKeys("x86-q6600", "generic-smp");
        assertThat(byId.get("x86-q6600")).isInstanceOf(Q6600PlatformProvider.class);
        assertThat(byId.get("generic-smp")).isInstanceOf(GenericSmpPlatformProvider.class);
        for (PlatformProvider p : byId.values()) {
            assertThat(p.id()).matches("[a-z0-9-]+");
            assertThat(p.description()).isNotBlank();
            assertThat(p.capabilities()).contains(Capability.PV, Capability.HVM);
        }
    }

    /** generic-smp with no parameters is the Q6600: the SPI is not shaped by the Q6600 class. */
    @Test
    void genericSmpDefaultsBehaveExactlyAsTheQ6600() {
        PlatformProvider q = new Q6600PlatformProvider();
        PlatformProvider g = new GenericSmpPlatformProvider();
        Platform a = q.create(Parameters.resolve("q", q.parameters(), Map.of(), 0));
        Platform b = g.create(Parameters.resolve("g", g.parameters(), Map.of(), 0));
        assertThat(b.topology().pcpus()).isEqualTo(a.topology().pcpus());
        assertThat(b.tscHz()).isEqualTo(a.tscHz());
        assertThat(b.memoryBytes()).isEqualTo(a.memoryBytes());
        assertThat(b.costs().contextSwitchNs()).isEqualTo(a.costs().contextSwitchNs());
        assertThat(b.costs().vmExitNs()).isEqualTo(a.costs().vmExitNs());
        assertThat(b.costs().hypercallNs()).isEqualTo(a.costs().hypercallNs());
        assertThat(b.costs().eventChannelNotifyNs()).isEqualTo(a.costs().eventChannelNotifyNs());
        assertThat(b.costs().timerSlopNs()).isEqualTo(a.costs().timerSlopNs());
        assertThat(b.costs().usesCstates()).isEqualTo(a.costs().usesCstates());
        assertThat(b.io().interruptCpuNs()).isEqualTo(a.io().interruptCpuNs());
        assertThat(b.io().device(IoKind.DISK_READ)).isEqualTo(a.io().device(IoKind.DISK_READ));
        assertThat(b.io().device(IoKind.NET_EXCHANGE)).isEqualTo(a.io().device(IoKind.NET_EXCHANGE));
        for (int from = 0; from < 4; from++) {
            for (int to = 0; to < 4; to++) {
                assertThat(b.topology().sharesCache(from, to)).isEqualTo(a.topology().sharesCache(from, to));
                assertThat(b.ipiLatencyNs(from, to)).isEqualTo(a.ipiLatencyNs(from, to));
                for (long ws : new long[] {0, 100_000, 4L << 20, 1L << 30}) {
                    assertThat(b.migrationPenaltyNs(from, to, ws)).isEqualTo(a.migrationPenaltyNs(from, to, ws));
                }
            }
            for (long idle : new long[] {0, 10_000, 1_000_000}) {
                assertThat(b.cstateExitNs(from, idle)).isEqualTo(a.cstateExitNs(from, idle));
            }
        }
        for (DomainType t : new DomainType[] {DomainType.PV, DomainType.HVM}) {
            for (IoKind k : IoKind.values()) {
                if (t == DomainType.PV && k == IoKind.DEVICE_ACCESS) {
                    continue; // a PV guest has no emulated devices
                }
                assertThat(b.io().backendCpuNs(t, k, 4096)).isEqualTo(a.io().backendCpuNs(t, k, 4096));
                assertThat(b.io().vmExitsPerRequest(k)).isEqualTo(a.io().vmExitsPerRequest(k));
            }
        }
    }
}
