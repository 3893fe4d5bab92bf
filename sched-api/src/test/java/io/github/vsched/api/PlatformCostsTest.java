package io.github.vsched.api;

import org.junit.jupiter.api.Test;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cost record, its defaults and validation, and the costs {@link Platform} derives from it
 * and from the topology for a platform that gives nothing else.
 */
class PlatformCostsTest {

    /** A platform giving only what it must: the other methods are the SPI's defaults. */
    record Minimal(String id, Topology topology, long tscHz, PlatformCosts costs) implements Platform {
    }

    /** Two sockets of two cores, each socket's cores sharing one cache: PCPUs {0,1} and {2,3}. */
    static final Topology TWO_SOCKETS = Topology.regular(2, 2, 1, 2);

    static Platform minimal(PlatformCosts c) {
        return new Minimal("minimal", TWO_SOCKETS, 1_000_000_000L, c);
    }

    @Test
    void defaultsCostNothingAndUseNoCstates() {
        PlatformCosts d = PlatformCosts.DEFAULTS;
        assertThat(PlatformCosts.builder().build()).isEqualTo(d);
        assertThat(d.contextSwitchNs()).isZero();
        assertThat(d.ipiLatencyNs()).isZero();
        assertThat(d.crossSocketIpiNs()).isZero();
        assertThat(d.usesCstates()).isFalse();
        assertThat(d.cstateExitNs()).isZero();
        assertThat(d.deepCstateExitNs()).isZero();
        assertThat(d.deepCstateAfterNs()).isEqualTo(Long.MAX_VALUE);
        assertThat(d.timerSlopNs()).isZero();
        assertThat(d.migrationFixedNs()).isZero();
        assertThat(d.cacheRefillBytesPerSecond()).isZero();
        assertThat(d.cacheBytes()).isEqualTo(Long.MAX_VALUE);
        assertThat(d.vmExitNs()).isZero();
        assertThat(d.hypercallNs()).isZero();
        assertThat(d.eventChannelNotifyNs()).isZero();
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet() {
        PlatformCosts a = PlatformCosts.builder().contextSwitchNs(3_000).ipiLatencyNs(2_000).crossSocketIpiNs(1_500)
                .cstates(1_000, 10_000, 20_000).timerSlopNs(50_000).migrationFixedNs(2_000)
                .cacheRefillBytesPerSecond(4_000_000_000L).cacheBytes(4L << 20).vmExitNs(2_000).hypercallNs(500)
                .eventChannelNotifyNs(1_000).build();
        PlatformCosts b = a.toBuilder().hypercallNs(700).build();
        assertThat(b).isEqualTo(new PlatformCosts(3_000, 2_000, 1_500, true, 1_000, 10_000, 20_000, 50_000, 2_000,
                4_000_000_000L, 4L << 20, 2_000, 700, 1_000, 0, 0));
        assertThat(b.toBuilder().noCstates().build().usesCstates()).isFalse();
        PlatformCosts one = PlatformCosts.builder().cstates(5_000).build();
        assertThat(one.cstateExitNs()).isEqualTo(5_000);
        assertThat(one.deepCstateExitNs()).isEqualTo(5_000);
    }

    /** Contention: the cache sibling's share once, the bus's per other busy PCPU. */
    @Test
    void contentionStretchesWorkByTheBusyPcpus() {
        assertThat(PlatformCosts.DEFAULTS.modelsContention()).isFalse();
        assertThat(PlatformCosts.DEFAULTS.slowdownPpm(true, 3)).isEqualTo(1_000_000);
        PlatformCosts c = PlatformCosts.builder().contention(150_000, 20_000).build();
        assertThat(c.modelsContention()).isTrue();
        assertThat(c.slowdownPpm(false, 0)).isEqualTo(1_000_000);
        assertThat(c.slowdownPpm(true, 1)).isEqualTo(1_170_000);
        assertThat(c.slowdownPpm(true, 3)).isEqualTo(1_210_000);
        assertThatThrownBy(() -> PlatformCosts.builder().contention(-1, 0).build())
                .hasMessageContaining("sharedCacheSlowdownPpm").hasMessageContaining("[0, 10000000]");
    }

    @Test
    void aNegativeCostIsRejectedNamingTheFieldTheValueAndTheRange() {
        assertThatThrownBy(() -> PlatformCosts.builder().contextSwitchNs(-1).build())
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("contextSwitchNs");
                    assertThat(e.value()).isEqualTo("-1ns");
                    assertThat(e.allowed()).isEqualTo("a duration >= 0ns");
                });
        assertThatThrownBy(() -> PlatformCosts.builder().eventChannelNotifyNs(-5).build())
                .isInstanceOfSatisfying(InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("eventChannelNotifyNs"));
        assertThatThrownBy(() -> PlatformCosts.builder().cacheRefillBytesPerSecond(-1).build())
                .isInstanceOfSatisfying(InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("cacheRefillBytesPerSecond"));
        assertThatThrownBy(() -> PlatformCosts.builder().cacheBytes(-1).build())
                .isInstanceOfSatisfying(InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("cacheBytes"));
    }

    @Test
    void theDeepCstateIsNoQuickerToLeaveThanTheShallowOne() {
        assertThatThrownBy(() -> PlatformCosts.builder().cstates(10_000, 1_000, 20_000).build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("deepCstateExitNs")
                .hasMessageContaining("1000ns")
                .hasMessageContaining("at least cstateExitNs (10000ns)");
    }

    @Test
    void cacheRefillIsRoundedUpCappedAtTheCacheAndExactBeyondSixtyFourBits() {
        PlatformCosts c = PlatformCosts.builder().cacheRefillBytesPerSecond(3_000_000_000L).cacheBytes(1L << 20).build();
        assertThat(c.cacheRefillNs(0)).isZero();
        assertThat(c.cacheRefillNs(3)).isEqualTo(1); // exactly 1 ns
        assertThat(c.cacheRefillNs(4)).isEqualTo(2); // 1.33 ns, rounded up
        assertThat(c.cacheRefillNs(64L << 20)).isEqualTo(c.cacheRefillNs(1L << 20)).isEqualTo(349_526);
        assertThat(PlatformCosts.DEFAULTS.cacheRefillNs(1L << 30)).isZero();
        // 2^40 bytes x 10^9 does not fit in a long; the division is still exact
        PlatformCosts slow = PlatformCosts.builder().cacheRefillBytesPerSecond(1_000_003).build();
        assertThat(slow.cacheRefillNs(1L << 40)).isEqualTo(1_099_508_329_251_013L);
        assertThatThrownBy(() -> c.cacheRefillNs(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ipiLatencyIsFreeToItselfAndAddsTheCrossSocketExtra() {
        Platform p = minimal(PlatformCosts.builder().ipiLatencyNs(2_000).crossSocketIpiNs(1_500).build());
        assertThat(p.ipiLatencyNs(1, 1)).isZero();
        assertThat(p.ipiLatencyNs(0, 1)).isEqualTo(2_000);
        assertThat(p.ipiLatencyNs(1, 2)).isEqualTo(3_500);
        assertThat(p.ipiLatencyNs(3, 0)).isEqualTo(3_500);
        assertThatThrownBy(() -> p.ipiLatencyNs(0, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("platform minimal has PCPUs 0-3, not 4");
    }

    @Test
    void cstateExitDependsOnHowLongThePcpuWasIdle() {
        Platform two = minimal(PlatformCosts.builder().cstates(1_000, 10_000, 20_000).build());
        assertThat(two.cstateExitNs(0, 0)).isEqualTo(1_000);
        assertThat(two.cstateExitNs(0, 19_999)).isEqualTo(1_000);
        assertThat(two.cstateExitNs(0, 20_000)).isEqualTo(10_000);
        Platform one = minimal(PlatformCosts.builder().cstates(7_000).build());
        assertThat(one.cstateExitNs(2, Long.MAX_VALUE - 1)).isEqualTo(7_000);
        assertThat(minimal(PlatformCosts.DEFAULTS).cstateExitNs(3, 1_000_000)).isZero();
        assertThatThrownBy(() -> one.cstateExitNs(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void migrationCostsNothingWithinACacheAndTheRefillAcrossCaches() {
        Platform p = minimal(PlatformCosts.builder().migrationFixedNs(2_000).cacheRefillBytesPerSecond(4_000_000_000L)
                .cacheBytes(4L << 20).build());
        assertThat(p.migrationPenaltyNs(0, 1, 1L << 20)).isZero();
        assertThat(p.migrationPenaltyNs(2, 2, 1L << 20)).isZero();
        assertThat(p.migrationPenaltyNs(1, 2, 0)).isEqualTo(2_000);
        assertThat(p.migrationPenaltyNs(1, 2, 1L << 20)).isEqualTo(2_000 + 262_144);
        assertThat(p.migrationPenaltyNs(3, 0, 1L << 30)).isEqualTo(2_000 + 1_048_576);
        assertThatThrownBy(() -> p.migrationPenaltyNs(0, 2, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(minimal(PlatformCosts.DEFAULTS).migrationPenaltyNs(0, 3, 1L << 30)).isZero();
    }

    @Test
    void aPlatformThatModelsNoIoServesItAtOnceWithUnlimitedMemory() {
        Platform p = minimal(PlatformCosts.DEFAULTS);
        assertThat(p.memoryBytes()).isEqualTo(Long.MAX_VALUE);
        IoModel io = p.io();
        assertThat(io).isSameAs(IoModel.INSTANT);
        assertThat(io.device(IoKind.DISK_READ)).isSameAs(io.device(IoKind.DISK_WRITE));
        assertThat(io.device(IoKind.DISK_READ).name()).isEqualTo("instant-disk");
        assertThat(io.device(IoKind.NET_EXCHANGE).name()).isEqualTo("instant-nic");
        RandomGenerator random = RandomGeneratorFactory.getDefault().create(1);
        for (IoKind k : IoKind.values()) {
            assertThat(io.device(k).serviceNs(k, 4096, random)).isZero();
            assertThat(io.device(k).latencyNs(k, 4096, random)).isZero();
            assertThat(io.backendCpuNs(DomainType.PV, k, 4096)).isZero();
            assertThat(io.backendCpuNs(DomainType.HVM, k, 4096)).isZero();
            assertThat(io.vmExitsPerRequest(k)).isZero();
        }
        assertThat(io.interruptCpuNs()).isZero();
    }

    @Test
    void aFixedDeviceTakesItsTimeForEveryRequest() {
        Device d = Device.fixed("disk", 5_000);
        assertThat(d.name()).isEqualTo("disk");
        assertThat(d.serviceNs(IoKind.DISK_WRITE, 1L << 20, RandomGeneratorFactory.getDefault().create(2)))
                .isEqualTo(5_000);
        assertThat(Device.fixed("disk", 5_000)).isEqualTo(d);
        assertThatThrownBy(() -> Device.fixed("disk", -1)).isInstanceOf(InvalidParameterException.class);
    }
}
