package io.github.vsched.credit2;

import io.github.vsched.api.Durations;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;

import java.util.List;

/**
 * The scheduler-wide settings of one credit2 scheduler (Xen's boot options, read once by
 * {@code csched2_init} and {@code csched2_global_init}), and Xen's fixed constants. Section
 * numbers refer to {@code docs/xen-credit2-reference.md}.
 *
 * @param ratelimitNs         {@code sched_ratelimit_us} in ns; 0 = off (4.2)
 * @param arrangement         {@code credit2_runqueue}: which PCPUs share a runqueue (2.1)
 * @param maxCpusPerRunqueue  {@code sched_credit2_max_cpus_runqueue} (2.1)
 * @param migrateResistNs     {@code sched_credit2_migrate_resist} in ns (5.3, 6.2)
 * @param loadWindowShift     {@code credit2_load_window_shift}: the window is 2^shift ns (7.1)
 * @param loadPrecisionShift  {@code credit2_load_precision_shift}: fractional bits of loads (7.1)
 * @param balanceUnder        {@code credit2_balance_under}: log2 of the imbalance that moves load
 *                            while both runqueues are below full (7.3)
 * @param balanceOver         {@code credit2_balance_over}: the same once one is at or above full (7.3)
 * @param capPeriodNs         {@code credit2_cap_period_ms} in ns: the budget replenishment period (8.1)
 * @param smtPowerSavings     {@code sched_smt_power_savings}: prefer idle threads of busy cores (6.1)
 */
record Credit2Config(long ratelimitNs, Arrangement arrangement, int maxCpusPerRunqueue, long migrateResistNs,
                     int loadWindowShift, int loadPrecisionShift, int balanceUnder, int balanceOver,
                     long capPeriodNs, boolean smtPowerSavings) {

    /** {@code CSCHED2_DEFAULT_WEIGHT}. */
    static final int DEFAULT_WEIGHT = 256;
    /** {@code CSCHED2_MIN_TIMER}: the shortest slice, 500 us. */
    static final long MIN_TIMER_NS = 500 * Durations.US;
    /** {@code CSCHED2_CREDIT_INIT}: credit at creation and added by a reset, 10 ms. */
    static final int CREDIT_INIT = 10_000_000;
    /** {@code CSCHED2_CREDIT_MIN}: the floor of a VCPU's credit (4.14+). */
    static final int CREDIT_MIN = -CREDIT_INIT;
    /** {@code CSCHED2_IDLE_CREDIT}: the idle VCPU's constant credit, below every guest's. */
    static final int IDLE_CREDIT = CREDIT_MIN - 1;
    /** {@code CSCHED2_CARRYOVER_MAX}: credit kept above {@code CREDIT_INIT} across a reset. */
    static final int CARRYOVER_MAX = (int) MIN_TIMER_NS;
    /** {@code CSCHED2_MIGRATE_COMPENSATION}: credit given to a VCPU that changes PCPU, 50 us. */
    static final int MIGRATE_COMPENSATION = 50_000;
    /** {@code CSCHED2_RATELIMIT_TICKLE_TOLERANCE}: 50 us. */
    static final long RATELIMIT_TICKLE_TOLERANCE_NS = 50 * Durations.US;
    /** {@code CSCHED2_CREDIT_RESET}: a reset happens when the best credit is at or below this. */
    static final int CREDIT_RESET = 0;
    /** {@code CSCHED2_MAX_TIMER}: the longest slice, {@code CREDIT_INIT} (4.8+). */
    static final long MAX_TIMER_NS = CREDIT_INIT;
    /** {@code LOADAVG_GRANULARITY_SHIFT}: load tracking counts time in units of 2^10 ns. */
    static final int LOADAVG_GRANULARITY_SHIFT = 10;
    /** {@code XEN_SYSCTL_SCHED_RATELIMIT_MIN}, in us. */
    static final long RATELIMIT_MIN_US = 100;
    /** {@code XEN_SYSCTL_SCHED_RATELIMIT_MAX}, in us. */
    static final long RATELIMIT_MAX_US = 500_000;

    /** {@code credit2_runqueue}: how PCPUs are grouped into runqueues ({@code OPT_RUNQUEUE_*}). */
    enum Arrangement {
        /** One runqueue per PCPU. */
        CPU("cpu"),
        /** One per core (hardware threads of a core together). */
        CORE("core"),
        /** One per socket (Xen's default). */
        SOCKET("socket"),
        /** One per NUMA node; the SPI's topology has no nodes, so a node is taken to be a socket. */
        NODE("node"),
        /** One for all PCPUs (still split by {@code maxCpusPerRunqueue}). */
        ALL("all");

        final String word;

        Arrangement(String word) {
            this.word = word;
        }

        static Arrangement of(String word) {
            for (Arrangement a : values()) {
                if (a.word.equals(word)) {
                    return a;
                }
            }
            throw new IllegalArgumentException(word);
        }
    }

    /** The scheduler parameters, with Xen 4.19's defaults and vsched's ranges. */
    static List<ParameterSpec> specs() {
        return List.of(
                ParameterSpec.integer("ratelimitUs", "us", 1000, 0, RATELIMIT_MAX_US,
                        "sched_ratelimit_us: a VCPU that has run less than this since it was switched in keeps its"
                                + " PCPU, is not chosen for preemption by a tickle until 50 us before it, and a slice is"
                                + " at least what is left of it; 0 = off; 1-99 are refused (XEN_SYSCTL_SCHED_RATELIMIT_MIN)"),
                ParameterSpec.choice("runqueue", "socket", List.of("cpu", "core", "socket", "node", "all"),
                        "credit2_runqueue: which PCPUs share a runqueue; node is taken as socket, since the platform"
                                + " topology has no NUMA nodes"),
                ParameterSpec.integer("maxCpusPerRunqueue", "", 16, 1, 4096,
                        "sched_credit2_max_cpus_runqueue: the most PCPUs in one runqueue; PCPUs are spread evenly over"
                                + " as many runqueues as this needs, thread siblings kept together"),
                ParameterSpec.integer("migrateResistUs", "us", 500, 0, 1_000_000,
                        "sched_credit2_migrate_resist: a PCPU takes a queued VCPU that last ran elsewhere only if its"
                                + " credit exceeds that of what the PCPU would run otherwise by this much; tickles"
                                + " subtract it for a PCPU other than the VCPU's own"),
                ParameterSpec.integer("loadWindowShift", "", 30, LOADAVG_GRANULARITY_SHIFT + 1, 40,
                        "credit2_load_window_shift: the load averages decay over a window of 2^shift ns (30: about 1 s);"
                                + " Xen resets values up to 10 to 30, vsched refuses them"),
                ParameterSpec.integer("loadPrecisionShift", "", 18, 4, 30,
                        "credit2_load_precision_shift: fractional bits of the load averages (1.0 = 2^shift);"
                                + " Xen raises values below 4 to 4, vsched refuses them"),
                ParameterSpec.integer("balanceUnder", "", 0, -30, 30,
                        "credit2_balance_under: while both runqueues are below full load, balance_load moves load only"
                                + " if their averages differ by at least 2^this (0: one VCPU's worth)"),
                ParameterSpec.integer("balanceOver", "", -3, -30, 30,
                        "credit2_balance_over: once one runqueue is at or above full load, balance_load moves load if"
                                + " the averages differ by at least 2^this (-3: an eighth of a VCPU's worth)"),
                ParameterSpec.integer("capPeriodMs", "ms", 10, 1, 10_000,
                        "credit2_cap_period_ms: a capped domain's budget is replenished every period, by cap% of it"),
                ParameterSpec.flag("smtPowerSavings", false,
                        "sched_smt_power_savings: a wake-up prefers idle threads of busy cores to wholly idle cores"
                                + " (only matters on platforms with hardware threads)"));
    }

    /**
     * Resolves validated parameters into settings.
     *
     * @throws InvalidParameterException for a rate limit of 1-99 us, or balance tolerances that
     *                                   would shift by a negative or too large amount
     */
    static Credit2Config from(Parameters p) {
        long ratelimitUs = p.integer("ratelimitUs");
        if (ratelimitUs != 0 && ratelimitUs < RATELIMIT_MIN_US) {
            throw new InvalidParameterException(p.owner() + ".ratelimitUs", Long.toString(ratelimitUs),
                    "0 (off) or a value in [100, 500000] us (XEN_SYSCTL_SCHED_RATELIMIT_MIN..MAX)");
        }
        int precision = (int) p.integer("loadPrecisionShift");
        int under = (int) p.integer("balanceUnder");
        int over = (int) p.integer("balanceOver");
        checkTolerance(p, "balanceUnder", under, precision);
        checkTolerance(p, "balanceOver", over, precision);
        int window = (int) p.integer("loadWindowShift");
        if (window - LOADAVG_GRANULARITY_SHIFT + precision > 45) {
            throw new InvalidParameterException(p.owner() + ".loadWindowShift", Integer.toString(window),
                    "a value with (loadWindowShift - 10) + loadPrecisionShift <= 45, so that load arithmetic cannot"
                            + " overflow (loadPrecisionShift is " + precision + ")");
        }
        return new Credit2Config(ratelimitUs * Durations.US, Arrangement.of(p.choice("runqueue")),
                (int) p.integer("maxCpusPerRunqueue"), p.integer("migrateResistUs") * Durations.US,
                window, precision, under, over, p.integer("capPeriodMs") * Durations.MS, p.flag("smtPowerSavings"));
    }

    private static void checkTolerance(Parameters p, String name, int value, int precision) {
        if (precision + value < 0 || precision + value > 62) {
            throw new InvalidParameterException(p.owner() + "." + name, Integer.toString(value),
                    "a value in [" + -precision + ", " + (62 - precision) + "] (loadPrecisionShift + " + name
                            + " must be a shift of 0 to 62)");
        }
    }

    /** The load window in units of 2^10 ns ({@code prv->load_window_shift}). */
    int windowShift() {
        return loadWindowShift - LOADAVG_GRANULARITY_SHIFT;
    }
}
