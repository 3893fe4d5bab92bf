package io.github.vsched.core;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.Durations;
import io.github.vsched.api.Platform;
import io.github.vsched.api.PlatformProvider;
import io.github.vsched.api.SchedulerProvider;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one simulation needs: machine, scheduler, guests, seed and duration. Immutable
 * and validated; scenario files are parsed into it, tests build it with {@link #builder}.
 *
 * @param name       a short name, shown in reports
 * @param seed       the seed every random stream is split from
 * @param durationNs simulated time to run
 * @param platform   the platform plugin and its parameters
 * @param scheduler  the scheduler plugin and its parameters
 * @param domains    the guest domains, in creation order (dom0 first when present)
 * @param checked    whether to verify the engine's invariants after every event
 * @param adjustments changes of scheduler parameters at given times ({@code xl sched-* } during
 *                   the run), in time order
 * @param pools      the cpupools besides Pool-0 (empty: one scheduler over the whole machine);
 *                   Pool-0 keeps the other PCPUs and runs {@code scheduler}
 */
public record Scenario(String name, long seed, long durationNs,
                       ComponentSpec<PlatformProvider> platform,
                       ComponentSpec<SchedulerProvider> scheduler,
                       List<DomainSpec> domains, boolean checked, List<Adjustment> adjustments,
                       List<PoolSpec> pools) {

    /** A scenario without timed adjustments or cpupools. */
    public Scenario(String name, long seed, long durationNs, ComponentSpec<PlatformProvider> platform,
                    ComponentSpec<SchedulerProvider> scheduler, List<DomainSpec> domains, boolean checked) {
        this(name, seed, durationNs, platform, scheduler, domains, checked, List.of(), List.of());
    }

    /** Validates and copies. */
    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(scheduler, "scheduler");
        if (durationNs <= 0) {
            throw new IllegalArgumentException("scenario " + name + ": duration must be > 0, got " + durationNs + " ns");
        }
        domains = List.copyOf(domains);
        adjustments = adjustments.stream().sorted(java.util.Comparator.comparingLong(Adjustment::atNs)).toList();
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("scenario " + name + ": needs at least one domain");
        }
        Set<String> names = new HashSet<>();
        DomainSpec driver = null;
        for (DomainSpec d : domains) {
            if (d.driverDomain()) {
                if (driver != null) {
                    throw new ScenarioConflictException("scenario " + name + ": domains " + driver.name() + " and "
                            + d.name() + " are both driver domains; at most one domain may be",
                            d.name(), ScenarioConflictException.Setting.DRIVER);
                }
                driver = d;
            }
        }
        for (DomainSpec d : domains) {
            if (!names.add(d.name())) {
                throw new IllegalArgumentException("scenario " + name + ": two domains named '" + d.name() + "'");
            }
        }
        pools = List.copyOf(pools);
        checkPools(name, domains, pools);
    }

    /**
     * Pool names are unique, PCPU sets do not overlap, every domain names a pool that exists,
     * and the driver domain (dom0) stays in Pool-0. PCPUs beyond the machine are refused when
     * the platform is known ({@link SimulationFactory#create}).
     */
    private static void checkPools(String name, List<DomainSpec> domains, List<PoolSpec> pools) {
        Map<String, PoolSpec> byName = new HashMap<>();
        for (PoolSpec p : pools) {
            if (byName.put(p.name(), p) != null) {
                throw new IllegalArgumentException("scenario " + name + ": two cpupools named '" + p.name() + "'");
            }
        }
        for (int i = 0; i < pools.size(); i++) {
            for (int j = 0; j < i; j++) {
                CpuMask both = pools.get(i).cpus().and(pools.get(j).cpus());
                if (!both.isEmpty()) {
                    throw new IllegalArgumentException("scenario " + name + ": cpupools " + pools.get(j).name()
                            + " and " + pools.get(i).name() + " both take PCPUs " + both
                            + " (a PCPU belongs to one pool)");
                }
            }
        }
        for (DomainSpec d : domains) {
            if (!d.pool().equals(PoolSpec.POOL0) && !byName.containsKey(d.pool())) {
                throw new ScenarioConflictException("scenario " + name + ": domain " + d.name() + " is in cpupool '"
                        + d.pool() + "', which the scenario does not declare (its pools: " + poolNames(pools) + ")",
                        d.name(), ScenarioConflictException.Setting.POOL);
            }
            if (d.driverDomain() && !d.pool().equals(PoolSpec.POOL0)) {
                throw new ScenarioConflictException("scenario " + name + ": domain " + d.name() + " is the driver domain"
                        + " (dom0), which stays in " + PoolSpec.POOL0 + " as in Xen; it cannot be in cpupool "
                        + d.pool(), d.name(), ScenarioConflictException.Setting.POOL);
            }
        }
    }

    private static String poolNames(List<PoolSpec> pools) {
        List<String> n = new ArrayList<>();
        n.add(PoolSpec.POOL0);
        for (PoolSpec p : pools) {
            n.add(p.name());
        }
        return String.join(", ", n);
    }

    /** This scenario under another scheduler (same seed, same guests). */
    public Scenario withScheduler(ComponentSpec<SchedulerProvider> s) {
        return new Scenario(name, seed, durationNs, platform, s, domains, checked, adjustments, pools);
    }

    /** This scenario with another seed. */
    public Scenario withSeed(long s) {
        return new Scenario(name, s, durationNs, platform, scheduler, domains, checked, adjustments, pools);
    }

    /** This scenario with another duration. */
    public Scenario withDuration(long ns) {
        return new Scenario(name, seed, ns, platform, scheduler, domains, checked, adjustments, pools);
    }

    /** This scenario with checked mode on or off. */
    public Scenario withChecked(boolean on) {
        return new Scenario(name, seed, durationNs, platform, scheduler, domains, on, adjustments, pools);
    }

    /** This scenario with other cpupools (Pool-0 aside). */
    public Scenario withPools(List<PoolSpec> p) {
        return new Scenario(name, seed, durationNs, platform, scheduler, domains, checked, adjustments, p);
    }

    /** Starts a scenario. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link Scenario}. */
    public static final class Builder {
        private final String name;
        private long seed = 1;
        private long durationNs = Durations.S;
        private ComponentSpec<PlatformProvider> platform;
        private ComponentSpec<SchedulerProvider> scheduler;
        private final List<DomainSpec> domains = new ArrayList<>();
        private final List<Adjustment> adjustments = new ArrayList<>();
        private boolean checked;
        private final List<PoolSpec> pools = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** The seed (default 1). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Simulated time to run (default 1 s). */
        public Builder duration(long ns) {
            this.durationNs = ns;
            return this;
        }

        /** A platform plugin by id. */
        public Builder platform(String id, Map<String, String> params) {
            this.platform = ComponentSpec.of(id, params);
            return this;
        }

        /** A platform given directly. */
        public Builder platform(Platform p) {
            this.platform = new ComponentSpec<>(p.id(), Map.of(), FixedPlatforms.provider(p));
            return this;
        }

        /** A platform provider given directly (e.g. one not registered as a service). */
        public Builder platform(PlatformProvider provider, Map<String, String> params) {
            this.platform = new ComponentSpec<>(provider.id(), params, provider);
            return this;
        }

        /** A scheduler plugin by id. */
        public Builder scheduler(String id, Map<String, String> params) {
            this.scheduler = ComponentSpec.of(id, params);
            return this;
        }

        /** A scheduler given directly (e.g. a test scheduler not registered as a service). */
        public Builder scheduler(SchedulerProvider provider, Map<String, String> params) {
            this.scheduler = new ComponentSpec<>(provider.id(), params, provider);
            return this;
        }

        /** Adds a domain. */
        public Builder domain(DomainSpec d) {
            domains.add(d);
            return this;
        }

        /**
         * A change of scheduler parameters during the run ({@link Adjustment#scheduler},
         * {@link Adjustment#domain}, {@link Adjustment#vcpu}).
         */
        public Builder adjust(Adjustment a) {
            adjustments.add(a);
            return this;
        }

        /** Adds a cpupool besides Pool-0 (which keeps the other PCPUs and runs {@link #scheduler}). */
        public Builder pool(PoolSpec p) {
            pools.add(p);
            return this;
        }

        /** Checked mode (default off; tests turn it on, or set {@code -Dvsched.checked=true}). */
        public Builder checked(boolean on) {
            this.checked = on;
            return this;
        }

        /** Builds the scenario; the platform defaults to a 1-PCPU {@link FixedCostPlatform}. */
        public Scenario build() {
            ComponentSpec<PlatformProvider> p = platform != null ? platform
                    : new ComponentSpec<>("fixed", Map.of(), FixedPlatforms.provider(FixedCostPlatform.ideal(1)));
            return new Scenario(name, seed, durationNs, p,
                    Objects.requireNonNull(scheduler, "scenario " + name + ": no scheduler"), domains, checked,
                    adjustments, pools);
        }
    }
}
