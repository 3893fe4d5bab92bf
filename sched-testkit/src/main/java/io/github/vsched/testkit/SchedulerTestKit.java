package io.github.vsched.testkit;

import io.github.vsched.api.GuestModel;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.guest.Guests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A fluent way to run a scheduler on a small machine and assert on what it did, in checked mode
 * (the engine verifies its invariants after every event):
 *
 * <pre>{@code
 * Recording r = SchedulerTestKit.scheduler("rtds")
 *         .domain("rt", 1, Guests::hog, d -> d.vcpuSchedulerParam(0, "budget", "3ms")
 *                 .vcpuSchedulerParam(0, "period", "10ms").vcpuSchedulerParam(0, "extratime", "false"))
 *         .domain("hog", 1, Guests::hog, d -> d.vcpuSchedulerParam(0, "budget", "5ms")
 *                 .vcpuSchedulerParam(0, "period", "10ms"))
 *         .duration(Durations.S).run();
 * Guarantees.of(r).reservation("rt/0", 3 * Durations.MS, 10 * Durations.MS, 10_000).holds();
 * }</pre>
 *
 * Scheduler-, domain- and VCPU-level parameters are given as text, exactly as in a scenario
 * file; the scheduler is found by id through {@link java.util.ServiceLoader} on the test's class
 * path. The default machine is {@link FixedCostPlatform#ideal} with a 1 us context switch and a
 * 2 us IPI, as the {@link SchedulerContract} uses.
 */
public final class SchedulerTestKit {
    private final String schedulerId;
    private final SchedulerProvider provider;
    private final Map<String, String> params = new LinkedHashMap<>();
    private final List<DomainSpec> domains = new ArrayList<>();
    private FixedCostPlatform platform = FixedCostPlatform.ideal(1).withContextSwitch(1_000).withIpi(2_000);
    private long seed = 1;
    private long durationNs = 1_000_000_000L;

    private SchedulerTestKit(String schedulerId, SchedulerProvider provider) {
        this.schedulerId = schedulerId;
        this.provider = provider;
    }

    /** Starts a run of scheduler {@code id}. */
    public static SchedulerTestKit scheduler(String id) {
        return new SchedulerTestKit(id, null);
    }

    /**
     * Starts a run of the scheduler {@code provider} creates, not looked up by id (a scheduler
     * with a fault planted by {@link PlantedFaults}, say).
     */
    public static SchedulerTestKit scheduler(SchedulerProvider provider) {
        return new SchedulerTestKit(provider.id(), provider);
    }

    /** A scheduler-wide parameter, as text ({@code "tslice", "10ms"}). */
    public SchedulerTestKit param(String name, String value) {
        params.put(name, value);
        return this;
    }

    /** The default machine with {@code n} PCPUs. */
    public SchedulerTestKit pcpus(int n) {
        this.platform = FixedCostPlatform.ideal(n).withContextSwitch(1_000).withIpi(2_000);
        return this;
    }

    /** A machine of your own. */
    public SchedulerTestKit platform(FixedCostPlatform p) {
        this.platform = p;
        return this;
    }

    /** The seed (default 1). */
    public SchedulerTestKit seed(long s) {
        this.seed = s;
        return this;
    }

    /** Simulated time (default 1 s). */
    public SchedulerTestKit duration(long ns) {
        this.durationNs = ns;
        return this;
    }

    /** A domain of {@code vcpus} VCPUs, each running a fresh model from {@code model}. */
    public SchedulerTestKit domain(String name, int vcpus, Supplier<GuestModel> model) {
        return domain(name, vcpus, model, d -> { });
    }

    /**
     * A domain of {@code vcpus} VCPUs running {@code model}, configured further by
     * {@code config}: its per-domain and per-VCPU scheduler parameters
     * ({@link DomainSpec.Builder#schedulerParam}, {@link DomainSpec.Builder#vcpuSchedulerParam}),
     * affinities, type.
     */
    public SchedulerTestKit domain(String name, int vcpus, Supplier<GuestModel> model,
                                   Consumer<DomainSpec.Builder> config) {
        DomainSpec.Builder b = DomainSpec.builder(name).vcpus(vcpus)
                .workload("testkit", Guests.workload(i -> model.get()));
        config.accept(b);
        domains.add(b.build());
        return this;
    }

    /** A domain built in full by the caller. */
    public SchedulerTestKit domain(DomainSpec d) {
        domains.add(d);
        return this;
    }

    /** The scenario as it will run, in checked mode. */
    public Scenario scenario() {
        Scenario.Builder b = Scenario.builder("testkit " + schedulerId).seed(seed).duration(durationNs).checked(true)
                .platform(platform);
        if (provider != null) {
            b.scheduler(provider, Map.copyOf(params));
        } else {
            b.scheduler(schedulerId, Map.copyOf(params));
        }
        domains.forEach(b::domain);
        return b.build();
    }

    /** Runs it and returns what happened. */
    public Recording run() {
        Simulation sim = Simulations.factory(Thread.currentThread().getContextClassLoader()).create(scenario());
        Recording r = new Recording();
        sim.addListener(r.listener());
        sim.addListener(r.timeline());
        r.finish(sim.run());
        return r;
    }
}
