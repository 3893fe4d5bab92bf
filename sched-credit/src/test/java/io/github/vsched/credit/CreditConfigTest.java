package io.github.vsched.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.ParameterType;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.SchedulerProvider;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;

/** The parameter schema, the {@code xenVersion} presets, overrides and cross-checks. */
class CreditConfigTest {
    private static final long MS = 1_000_000;
    private static final long US = 1_000;

    private static CreditConfig config(String... kv) {
        Map<String, String> raw = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            raw.put(kv[i], kv[i + 1]);
        }
        return CreditConfig.from(Parameters.resolve("scheduler credit", new CreditSchedulerProvider().parameters(),
                raw, 1_000_000_000L));
    }

    @Test
    void providerIsFoundByServiceLoaderWithIdCredit() {
        boolean found = false;
        for (SchedulerProvider p : ServiceLoader.load(SchedulerProvider.class)) {
            if (p.id().equals("credit")) {
                found = true;
                assertThat(p).isInstanceOf(CreditSchedulerProvider.class);
            }
        }
        assertThat(found).isTrue();
    }

    /** What the xenVersion preset decides has no default of its own; everything else has one. */
    @Test
    void everyParameterHasADefaultOrIsLeftToThePresetAUnitWhereNumericAndADescription() {
        List<ParameterSpec> all = new java.util.ArrayList<>(new CreditSchedulerProvider().parameters());
        all.addAll(new CreditSchedulerProvider().domainParameters());
        java.util.Set<String> preset = new java.util.HashSet<>(List.of("ratelimitUs", "loadBalanceRatelimitUs"));
        for (CreditConfig.Switch sw : CreditConfig.Switch.values()) {
            preset.add(sw.param);
        }
        for (ParameterSpec s : all) {
            assertThat(s.isOptional()).as("%s is optional", s.name()).isEqualTo(preset.contains(s.name()));
            assertThat(s.description()).as(s.name()).isNotBlank();
            if (s.type() == ParameterType.INTEGER && !s.name().equals("weight")) {
                assertThat(s.unit()).as(s.name()).isNotEmpty();
            }
        }
        assertThat(all).extracting(ParameterSpec::name).contains("xenVersion", "tsliceMs", "ratelimitUs",
                "weightPerVcpu", "inactiveCreditHalving", "tickleOneIdle", "yieldFlag", "noBoostOnMigrate",
                "ratelimitRemaining", "tickStopOnIdle", "loadBalanceRatelimitUs", "vcpuMigrationDelayUs",
                "tickPhase", "weight", "cap");
    }

    @Test
    void defaultIsXen40() {
        CreditConfig c = config();
        assertThat(c.xenVersion()).isEqualTo("4.0");
        assertThat(c.tsliceNs()).isEqualTo(30 * MS);
        assertThat(c.tickPeriodNs()).isEqualTo(10 * MS);
        assertThat(c.creditsPerTslice()).isEqualTo(300);
        assertThat(c.ratelimitNs()).isZero();
        assertThat(c.loadBalanceRatelimitNs()).isZero();
        assertThat(c.migrationDelayNs()).isZero();
        assertThat(c.weightPerVcpu() || c.inactiveCreditHalving() || c.tickleOneIdle() || c.yieldFlag()
                || c.creditResidual() || c.noBoostOnMigrate() || c.ratelimitRemaining() || c.yieldSkipsRatelimit()
                || c.tickStopOnIdle() || c.noStealYielded()).isFalse();
        assertThat(c.alignedTicks()).isFalse();
    }

    @Test
    void presetsTurnOnEverySwitchUpToTheirRelease() {
        CreditConfig c42 = config("xenVersion", "4.2");
        assertThat(c42.weightPerVcpu() && c42.inactiveCreditHalving() && c42.tickleOneIdle() && c42.yieldFlag())
                .isTrue();
        assertThat(c42.ratelimitNs()).isEqualTo(1000 * US);
        assertThat(c42.creditResidual() || c42.noBoostOnMigrate() || c42.ratelimitRemaining()).isFalse();

        CreditConfig c47 = config("xenVersion", "4.7");
        assertThat(c47.creditResidual() && c47.noBoostOnMigrate()).isTrue();
        assertThat(c47.ratelimitRemaining() || c47.tickStopOnIdle()).isFalse();

        CreditConfig c413 = config("xenVersion", "4.13");
        assertThat(c413.ratelimitRemaining() && c413.yieldSkipsRatelimit() && c413.tickStopOnIdle()).isTrue();
        assertThat(c413.loadBalanceRatelimitNs()).isZero();
        assertThat(c413.noStealYielded()).isFalse();

        CreditConfig c418 = config("xenVersion", "4.18");
        assertThat(c418.loadBalanceRatelimitNs()).isEqualTo(1000 * US);
        assertThat(c418.noStealYielded()).isTrue();
    }

    @Test
    void explicitSwitchesOverrideThePreset() {
        CreditConfig c = config("xenVersion", "4.18", "tickleOneIdle", "false", "ratelimitUs", "0",
                "loadBalanceRatelimitUs", "0");
        assertThat(c.tickleOneIdle()).isFalse();
        assertThat(c.ratelimitNs()).isZero();
        assertThat(c.loadBalanceRatelimitNs()).isZero();
        assertThat(c.weightPerVcpu()).isTrue();
        CreditConfig d = config("noBoostOnMigrate", "true", "ratelimitUs", "500");
        assertThat(d.noBoostOnMigrate()).isTrue();
        assertThat(d.ratelimitNs()).isEqualTo(500 * US);
        assertThat(d.weightPerVcpu()).isFalse();
    }

    @Test
    void tsliceSetsTheTickAndTheCreditsPerPeriodAsXenDoes() {
        // __csched_set_tslice: tick = tslice / 3 in whole us, whole tslice below 3 ms
        CreditConfig c = config("tsliceMs", "10");
        assertThat(c.tsliceNs()).isEqualTo(10 * MS);
        assertThat(c.tickPeriodNs()).isEqualTo(3333 * US);
        assertThat(c.creditsPerTslice()).isEqualTo(100);
        assertThat(config("tsliceMs", "2").tickPeriodNs()).isEqualTo(2 * MS);
    }

    @Test
    void ratelimitAboveTheTsliceIsClampedToIt() {
        // csched_init: "sched_ratelimit_us > sched_credit_tslice_ms is undefined; setting ratelimit to tslice"
        assertThat(config("tsliceMs", "5", "ratelimitUs", "8000").ratelimitNs()).isEqualTo(5 * MS);
    }

    /**
     * Reference 1.2: Xen 4.2.0's csched_init resets sched_ratelimit_us=0 to 1000 at boot and its
     * sysctl refuses 0, so preset 4.2 cannot run without a rate limit; 0 is off again from the
     * fix 62bc54ce1d (4.2.2, 4.3.0), so the later presets and 4.0 accept it.
     */
    @Test
    void ratelimitZeroIsRefusedUnderPreset42BecauseXen420ResetsItTo1000() {
        assertThatThrownBy(() -> config("xenVersion", "4.2", "ratelimitUs", "0"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("ratelimitUs")
                .hasMessageContaining("4.2.0");
        assertThat(config("xenVersion", "4.2", "ratelimitUs", "100").ratelimitNs()).isEqualTo(100 * US);
        for (String v : List.of("4.0", "4.7", "4.13", "4.18")) {
            assertThat(config("xenVersion", v, "ratelimitUs", "0").ratelimitNs()).as(v).isZero();
        }
    }

    @Test
    void outOfRangeValuesAreRejectedNamingTheParameter() {
        assertThatThrownBy(() -> config("ratelimitUs", "50")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("ratelimitUs").hasMessageContaining("100");
        assertThatThrownBy(() -> config("tsliceMs", "0")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("tsliceMs");
        assertThatThrownBy(() -> config("tsliceMs", "1001")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("tsliceMs");
        assertThatThrownBy(() -> config("ratelimitUs", "500001")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("ratelimitUs");
        assertThatThrownBy(() -> config("vcpuMigrationDelayUs", "100001"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("vcpuMigrationDelayUs");
        assertThatThrownBy(() -> config("loadBalanceRatelimitUs", "1000001"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("loadBalanceRatelimitUs");
        assertThatThrownBy(() -> config("xenVersion", "4.5")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("xenVersion");
        List<ParameterSpec> dom = new CreditSchedulerProvider().domainParameters();
        assertThatThrownBy(() -> Parameters.resolve("d", dom, Map.of("weight", "0"), 1))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("weight");
        assertThatThrownBy(() -> Parameters.resolve("d", dom, Map.of("weight", "65536"), 1))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("weight");
    }

    @Test
    void starvationBoundIsFiniteAndGrowsWithTheQueue() {
        CreditSchedulerProvider p = new CreditSchedulerProvider();
        Parameters params = Parameters.resolve("credit", p.parameters(), Map.of(), 1);
        long b1 = p.starvationBoundNs(params, 1);
        long b3 = p.starvationBoundNs(params, 3);
        assertThat(b1).isGreaterThanOrEqualTo(30 * MS).isLessThan(Long.MAX_VALUE);
        assertThat(b3).isGreaterThan(b1);
    }
}
