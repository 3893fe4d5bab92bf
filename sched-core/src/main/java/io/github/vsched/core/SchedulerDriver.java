package io.github.vsched.core;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.Platform;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.internal.Engine;
import io.github.vsched.core.internal.OutsideDriver;
import io.github.vsched.core.observe.SimulationListener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Drives a scheduler through the real engine step by step, without guest workloads: wake this
 * VCPU now, block that one, reschedule a PCPU, advance the clock through the scheduler's timers.
 * For microbenchmarks of the scheduler hot path and for unit tests that put a scheduler into an
 * exact state. Every step goes through the same generic layer as a full simulation (decision
 * checks included); with {@code checked} set, invariants are verified after each timer event.
 */
public final class SchedulerDriver {
    private final Engine engine;
    private final OutsideDriver steps;
    private final SchedulerProvider provider;
    private final Parameters schedulerParams;
    private final long tscHz;

    private SchedulerDriver(Engine engine, SchedulerProvider provider, Parameters schedulerParams, long tscHz) {
        this.engine = engine;
        this.steps = engine.outsideDriver();
        this.provider = provider;
        this.schedulerParams = schedulerParams;
        this.tscHz = tscHz;
    }

    /**
     * A driver for {@code provider} on {@code platform}.
     *
     * @param params scheduler parameters as text
     * @param seed   seed of the scheduler's random stream
     */
    public static SchedulerDriver create(Platform platform, SchedulerProvider provider, Map<String, String> params,
                                         long seed, boolean checked) {
        Parameters p = SchedulerParameterResolver.scheduler(provider, params, platform.tscHz());
        Engine engine = new Engine(platform, provider, RandomStreams.stream(seed, "scheduler"), checked);
        engine.createScheduler(p);
        return new SchedulerDriver(engine, provider, p, platform.tscHz());
    }

    /** Adds a domain of {@code vcpus} VCPUs, all blocked, with per-domain scheduler parameters. */
    public DomainView addDomain(String name, int vcpus, Map<String, String> domainParams) {
        Parameters dp = SchedulerParameterResolver.domain(provider, schedulerParams, name, domainParams, tscHz);
        List<Parameters> vp = new ArrayList<>();
        List<CpuMask> aff = new ArrayList<>(Collections.nCopies(vcpus, (CpuMask) null));
        for (int i = 0; i < vcpus; i++) {
            vp.add(SchedulerParameterResolver.vcpu(provider, schedulerParams, dp, name, i, Map.of(), tscHz));
        }
        return engine.addDomain(name, DomainType.PV, 0, dp, aff, vp);
    }

    /**
     * Adds a domain of {@code affinity.size()} VCPUs, all blocked, with per-domain scheduler
     * parameters and a hard affinity per VCPU ({@code null} meaning all PCPUs). Each VCPU is
     * placed as Xen's {@code alloc_vcpu} places it within its affinity, so a one-PCPU affinity
     * puts it on that PCPU.
     */
    public DomainView addDomain(String name, List<CpuMask> affinity, Map<String, String> domainParams) {
        Parameters dp = SchedulerParameterResolver.domain(provider, schedulerParams, name, domainParams, tscHz);
        List<Parameters> vp = new ArrayList<>();
        for (int i = 0; i < affinity.size(); i++) {
            vp.add(SchedulerParameterResolver.vcpu(provider, schedulerParams, dp, name, i, Map.of(), tscHz));
        }
        return engine.addDomain(name, DomainType.PV, 0, dp, new ArrayList<>(affinity), vp);
    }

    /**
     * Changes the hard affinity of a VCPU that is not running ({@code vcpu_set_affinity}); if
     * its PCPU is outside the new mask it migrates now, through the scheduler's {@code pickCpu}.
     *
     * @throws IllegalStateException if the VCPU is running (its reschedule would be deferred)
     */
    public void setAffinity(VcpuView v, CpuMask mask) {
        if (v.isRunning()) {
            throw new IllegalStateException(v.name() + " is running; change its affinity while it is not");
        }
        engine.setAffinity(v, mask);
    }

    /** Changes a domain's scheduler parameters now ({@code xl sched-credit -d}), as text. */
    public void adjustDomain(DomainView d, Map<String, String> domainParams) {
        Parameters dp = SchedulerParameterResolver.domain(provider, schedulerParams, d.name(), domainParams, tscHz);
        List<Parameters> vp = new ArrayList<>();
        for (int i = 0; i < d.vcpus().size(); i++) {
            vp.add(SchedulerParameterResolver.vcpu(provider, schedulerParams, dp, d.name(), i, Map.of(), tscHz));
        }
        engine.adjustDomain(d, dp, vp);
    }

    /** Adds a listener (for example a {@link io.github.vsched.core.metrics.PcpuTimeline}). */
    public void addListener(SimulationListener l) {
        engine.addListener(l);
    }

    /** Wakes a blocked VCPU now; the tickles it causes run now (remote ones after the IPI). */
    public void wake(VcpuView v) {
        steps.wake(v);
    }

    /** The VCPU, which must be running, blocks; its PCPU reschedules now. */
    public void block(VcpuView v) {
        steps.block(v);
    }

    /** Runs {@code schedule} on a PCPU now (as a tickle would). */
    public void schedule(int pcpu) {
        steps.schedule(pcpu);
    }

    /** Processes every event (timers, remote softirqs, context switches) up to {@code time}. */
    public void advanceTo(long time) {
        engine.runUntil(time);
    }

    /** The current time. */
    public long now() {
        return engine.now();
    }

    /** A PCPU's live view. */
    public PcpuView pcpu(int id) {
        return engine.pcpu(id);
    }

    /** The scheduler instance. */
    public Scheduler scheduler() {
        return engine.scheduler();
    }
}
