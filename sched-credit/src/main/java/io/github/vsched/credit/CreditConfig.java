package io.github.vsched.credit;

import io.github.vsched.api.Durations;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * The effective settings of one credit scheduler: the {@code xenVersion} preset, overridden
 * by every switch the user gave explicitly, with the derived periods of Xen's
 * {@code __csched_set_tslice} (4.2+, which equal 4.0's constants at the default 30 ms).
 *
 * @param xenVersion             the preset that was chosen ({@code 4.0} ... {@code 4.18})
 * @param tsliceNs               the time slice, which is also the accounting period (4.2+)
 * @param tickPeriodNs           the per-PCPU tick period, {@code tslice / ticks_per_tslice}
 * @param creditsPerTslice       credits minted per PCPU per period, and the clip bound
 * @param ratelimitNs            context-switch rate limit (4.2+); 0 = off
 * @param ratelimitRemaining     4.8: a rate-limited VCPU gets the rest of the limit, not all
 * @param yieldSkipsRatelimit    4.8: a yielding VCPU is not held by the rate limit
 * @param weightPerVcpu          4.1: global weight sums over active VCPUs, not domains
 * @param inactiveCreditHalving  4.1: a VCPU leaving the active set keeps half its credit
 * @param tickleOneIdle          4.1: a wake on a busy PCPU tickles one idler, not all
 * @param yieldFlag              4.1: a yielding VCPU is requeued behind one lower-priority VCPU
 * @param noStealYielded         4.18: the yield flag lasts while queued and is not stolen
 * @param creditResidual         4.3: burn_credits truncates and keeps a residual
 * @param noBoostOnMigrate       4.7: the wake that ends a migration does not boost
 * @param tickStopOnIdle         4.13: the tick stops while the PCPU runs idle
 * @param loadBalanceRatelimitNs 4.18: minimum time between two load balances of a PCPU; 0 = off
 * @param migrationDelayNs       {@code vcpu_migration_delay}: a VCPU that ran more recently is
 *                               cache-hot and not stolen
 * @param alignedTicks           whether all ticks start on multiples of the tick period
 *                               (otherwise each PCPU's phase is random)
 */
public record CreditConfig(
        String xenVersion,
        long tsliceNs,
        long tickPeriodNs,
        int creditsPerTslice,
        long ratelimitNs,
        boolean ratelimitRemaining,
        boolean yieldSkipsRatelimit,
        boolean weightPerVcpu,
        boolean inactiveCreditHalving,
        boolean tickleOneIdle,
        boolean yieldFlag,
        boolean noStealYielded,
        boolean creditResidual,
        boolean noBoostOnMigrate,
        boolean tickStopOnIdle,
        long loadBalanceRatelimitNs,
        long migrationDelayNs,
        boolean alignedTicks) {

    /** The {@code xenVersion} presets, oldest first. */
    public static final List<String> VERSIONS = List.of("4.0", "4.2", "4.7", "4.13", "4.18");

    /** {@code CSCHED_MIN_TIMER}: the shortest rate-limited slice (4.8+), 100 us. */
    public static final long MIN_TIMER_NS = 100 * Durations.US;

    /**
     * A behaviour switch and the Xen release that introduced it; on in every preset from that
     * release on.
     */
    enum Switch {
        WEIGHT_PER_VCPU("weightPerVcpu", 401, "3a37d430ce",
                "global weight is the sum over active VCPUs of their domain's weight, so a domain's share"
                        + " grows with its active VCPUs (5.2)"),
        INACTIVE_CREDIT_HALVING("inactiveCreditHalving", 401, "c92d5f4e0f",
                "a VCPU leaving the active set above +tslice credits keeps half its credit instead of 0 (5.2)"),
        TICKLE_ONE_IDLE("tickleOneIdle", 401, "e4434634c4",
                "a wake-up on a busy PCPU tickles one idle PCPU (round robin) instead of all (7.2)"),
        YIELD_FLAG("yieldFlag", 401, "5fc9f5ef6c",
                "a yielding VCPU is requeued behind one lower-priority VCPU if that is not the idle VCPU (6.1, 10)"),
        CREDIT_RESIDUAL("creditResidual", 403, "cf0c29d1a9",
                "burn_credits truncates and carries a per-VCPU residual instead of rounding to nearest (4.2)"),
        NO_BOOST_ON_MIGRATE("noBoostOnMigrate", 407, "66c7449a4d",
                "the wake that completes a migration does not boost (7.2)"),
        RATELIMIT_REMAINING("ratelimitRemaining", 408, "0053127890",
                "a rate-limited VCPU continues for the rest of the rate limit (at least 100 us) instead of a"
                        + " full rate limit (8.2)"),
        YIELD_SKIPS_RATELIMIT("yieldSkipsRatelimit", 408, "9fdd2f3c9c",
                "a VCPU that yielded (yieldFlag) is not held by the rate limit (8.2)"),
        TICK_STOP_ON_IDLE("tickStopOnIdle", 413, "969f58bde2",
                "the tick stops when the PCPU switches to idle and restarts aligned to the tick period when it"
                        + " leaves idle; tickSuspend/tickResume then do nothing (3)"),
        NO_STEAL_YIELDED("noStealYielded", 418, "e282067cf2",
                "the yield flag stays set while the VCPU is queued, and load balancing does not steal it (6.1)");

        final String param;
        final int since;
        final String commit;
        final String description;

        Switch(String param, int since, String commit, String description) {
            this.param = param;
            this.since = since;
            this.commit = commit;
            this.description = description;
        }

        /** The release as written, e.g. {@code 4.13}. */
        String release() {
            return since / 100 + "." + since % 100;
        }
    }

    /** The scheduler parameters, with units, defaults (those of Xen 4.0) and ranges. */
    /** The scheduler parameters of credit, for schedulers built on it. */
    public static List<ParameterSpec> specs() {
        List<ParameterSpec> l = new ArrayList<>();
        l.add(ParameterSpec.choice("xenVersion", "4.0", VERSIONS,
                "preset of the version switches: every switch introduced up to this Xen release is on, and"
                        + " ratelimitUs (4.2+) and loadBalanceRatelimitUs (4.18+) default to 1000; a switch given"
                        + " explicitly overrides the preset"));
        l.add(ParameterSpec.integer("tsliceMs", "ms", 30, 1, 1000,
                "sched_credit_tslice_ms (4.2+): the slice returned by schedule and the accounting period;"
                        + " the tick is a third of it (the whole of it below 3 ms); 30 is Xen 4.0's fixed value"));
        // optional: unless given, the xenVersion preset decides (so a listing shows no default)
        l.add(ParameterSpec.integer("ratelimitUs", "us", 0, 0, 500_000,
                "sched_ratelimit_us (4.2+): a VCPU that has run less than this since it was switched in keeps"
                        + " the PCPU; unless given, 0 = off under preset 4.0, 1000 under presets 4.2 and later;"
                        + " 1-99 are rejected, and so is 0 under preset 4.2 (Xen 4.2.0 resets it to 1000 at boot);"
                        + " a value above the tslice is clamped to it as Xen does at boot").asOptional());
        for (Switch s : Switch.values()) {
            l.add(ParameterSpec.flag(s.param, false,
                    "Xen " + s.release() + " (" + s.commit + "): " + s.description + "; unless given, on under"
                            + " presets " + s.release() + " and later").asOptional());
        }
        l.add(ParameterSpec.integer("loadBalanceRatelimitUs", "us", 0, 0, 1_000_000,
                "load-balance-ratelimit (4.18+): a PCPU whose runq head is OVER or IDLE load-balances only if it"
                        + " last did more than this ago; unless given, 0 = off before preset 4.18, 1000 under"
                        + " preset 4.18").asOptional());
        l.add(ParameterSpec.integer("vcpuMigrationDelayUs", "us", 0, 0, 100_000,
                "vcpu_migration_delay: a queued VCPU that ran less than this ago is cache-hot and not stolen;"
                        + " Xen's default 0 turns the test off"));
        l.add(ParameterSpec.choice("tickPhase", "random", List.of("random", "aligned"),
                "phase of each PCPU's first tick: random (independent phases drawn from the scheduler's random"
                        + " stream, as PCPUs' ticks are not synchronised in Xen) or aligned (every PCPU ticks at"
                        + " multiples of the tick period, as after C-state exits)"));
        return List.copyOf(l);
    }

    /**
     * Resolves validated parameters into settings.
     *
     * @throws InvalidParameterException for a rate limit of 1-99 us, or of 0 under preset 4.2
     *                                   (which Xen 4.2.0 cannot run, see the reference, 1.2)
     */
    public static CreditConfig from(Parameters p) {
        String version = p.choice("xenVersion");
        int v = releaseNumber(version);
        int tsliceMs = (int) p.integer("tsliceMs");
        // __csched_set_tslice: 3 ticks per tslice, 1 below 3 ms; tick period in whole us
        int ticksPerTslice = tsliceMs < 3 ? 1 : 3;
        long tickPeriodNs = (tsliceMs * 1000L / ticksPerTslice) * Durations.US;
        long tsliceNs = tsliceMs * Durations.MS;

        long ratelimitUs = p.isGiven("ratelimitUs") ? p.integer("ratelimitUs") : v >= 402 ? 1000 : 0;
        if (ratelimitUs != 0 && ratelimitUs < MIN_TIMER_NS / Durations.US) {
            throw new InvalidParameterException(p.owner() + ".ratelimitUs", Long.toString(ratelimitUs),
                    "0 (off) or a value in [100, 500000] us (XEN_SYSCTL_SCHED_RATELIMIT_MIN..MAX)");
        }
        if (ratelimitUs == 0 && v == 402) {
            // 4.2.0 csched_init resets 0 to the default at boot and its sysctl refuses 0 (62bc54ce1d)
            throw new InvalidParameterException(p.owner() + ".ratelimitUs", "0",
                    "a value in [100, 500000] us under xenVersion 4.2: Xen 4.2.0 cannot turn the rate limit off"
                            + " (it resets sched_ratelimit_us=0 to 1000 at boot and refuses 0 at run time; 0 means"
                            + " off from 4.2.2 and 4.3); for 4.1's rules without a rate limit use xenVersion 4.0"
                            + " with the 4.1 switches");
        }
        long ratelimitNs = Math.min(ratelimitUs * Durations.US, tsliceNs); // csched_init clamps to the tslice
        long lbUs = p.isGiven("loadBalanceRatelimitUs") ? p.integer("loadBalanceRatelimitUs") : v >= 418 ? 1000 : 0;

        return new CreditConfig(version, tsliceNs, tickPeriodNs, 10 * tsliceMs, ratelimitNs,
                flag(p, Switch.RATELIMIT_REMAINING, v),
                flag(p, Switch.YIELD_SKIPS_RATELIMIT, v),
                flag(p, Switch.WEIGHT_PER_VCPU, v),
                flag(p, Switch.INACTIVE_CREDIT_HALVING, v),
                flag(p, Switch.TICKLE_ONE_IDLE, v),
                flag(p, Switch.YIELD_FLAG, v),
                flag(p, Switch.NO_STEAL_YIELDED, v),
                flag(p, Switch.CREDIT_RESIDUAL, v),
                flag(p, Switch.NO_BOOST_ON_MIGRATE, v),
                flag(p, Switch.TICK_STOP_ON_IDLE, v),
                lbUs * Durations.US,
                p.integer("vcpuMigrationDelayUs") * Durations.US,
                p.choice("tickPhase").equals("aligned"));
    }

    private static boolean flag(Parameters p, Switch s, int version) {
        return p.isGiven(s.param) ? p.flag(s.param) : version >= s.since;
    }

    /** {@code 4.13} as 413. */
    static int releaseNumber(String version) {
        int dot = version.indexOf('.');
        return Integer.parseInt(version.substring(0, dot)) * 100 + Integer.parseInt(version.substring(dot + 1));
    }
}
