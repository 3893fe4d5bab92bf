package io.github.vsched.credit;

import io.github.vsched.api.Capability;
import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.ForwardingScheduler;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.ScheduleDecision;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.api.Topology;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.SchedulerDriver;
import io.github.vsched.core.observe.SimulationListener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Credit on the real engine through {@link SchedulerDriver}, on a cost-free platform (checked
 * mode), for rule tests that put the scheduler into an exact state: the test builds domains on
 * chosen PCPUs, wakes, blocks and reschedules, advances the clock through the scheduler's own
 * timers, and reads or sets credit's state through its package-private accessors. Tickles, tick
 * migrations and the credit each accounting pass leaves are recorded from credit's trace events.
 * Unlike a hand-driven stand-in, the engine acts on a tickle at once (the platform has no IPI
 * latency), and it fires the accounting timer before PCPU 0's tick of the same instant.
 */
final class DrivenCredit {
    final SchedulerDriver driver;
    final CreditScheduler sched;
    /** PCPUs credit tickled ({@code tickle} trace events), in order, since the last {@link #clearTickles()}. */
    final List<Integer> tickles = new ArrayList<>();
    /** VCPUs the tick's migrate check asked to move ({@code migrate} trace events). */
    final List<VcpuView> migrations = new ArrayList<>();
    /** Each VCPU's credit as the last accounting pass left it ({@code credit} trace events). */
    final Map<VcpuView, Integer> creditAfterAcct = new HashMap<>();
    /** Accounting passes as "time@PCPU" ({@code acct} trace events). */
    final List<String> acctRuns = new ArrayList<>();
    /** The slice of the last decision on each PCPU ({@link ScheduleDecision#NO_SLICE} for none). */
    final long[] lastSlice;
    /** The engine, as the scheduler sees it (for {@code pause}/{@code unpause} as accounting does them). */
    SchedulerContext ctx;
    private final int pcpus;

    DrivenCredit(int pcpus, String... params) {
        this(Topology.flat(pcpus), params);
    }

    DrivenCredit(Topology topology, String... params) {
        this(FixedCostPlatform.ideal(topology.pcpus()).withTopology(topology), params);
    }

    DrivenCredit(FixedCostPlatform platform, String... params) {
        Map<String, String> raw = new HashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            raw.put(params[i], params[i + 1]);
        }
        this.pcpus = platform.topology().pcpus();
        this.lastSlice = new long[pcpus];
        Recording provider = new Recording();
        this.driver = SchedulerDriver.create(platform, provider, raw, 7, true);
        this.sched = provider.credit;
        driver.addListener(new SimulationListener() {
            @Override
            public boolean wantsTrace() {
                return true;
            }

            @Override
            public void onTrace(long now, int type, String typeName, int pcpu, VcpuView vcpu, long arg0, long arg1) {
                if (typeName.equals("tickle")) {
                    tickles.add((int) arg0);
                } else if (typeName.equals("migrate")) {
                    migrations.add(vcpu);
                } else if (typeName.equals("acct")) {
                    acctRuns.add(now + "@" + ctx.currentPcpu());
                } else if (typeName.equals("credit")) {
                    creditAfterAcct.put(vcpu, (int) arg0);
                }
            }
        });
    }

    // ------------------------------------------------------------ building

    /** A domain of {@code processors.length} blocked VCPUs, VCPU i on PCPU processors[i], affinity all. */
    DomainView domain(String name, int weight, int cap, int... processors) {
        return domain(name, weight, cap, null, processors);
    }

    /** As {@link #domain(String, int, int, int...)} with a hard affinity for every VCPU (null: all). */
    DomainView domain(String name, int weight, int cap, CpuMask affinity, int... processors) {
        List<CpuMask> pin = new ArrayList<>();
        for (int p : processors) {
            pin.add(CpuMask.of(p));
        }
        DomainView d = driver.addDomain(name, pin,
                Map.of("weight", Integer.toString(weight), "cap", Integer.toString(cap)));
        CpuMask aff = affinity == null ? CpuMask.all(pcpus) : affinity;
        for (VcpuView v : d.vcpus()) {
            driver.setAffinity(v, aff);
        }
        return d;
    }

    /** A one-VCPU domain's blocked VCPU on {@code processor}. */
    VcpuView vcpu(String name, int weight, int cap, int processor) {
        return domain(name, weight, cap, processor).vcpus().get(0);
    }

    VcpuView vcpu(String name, int weight, int cap, int processor, CpuMask affinity) {
        return domain(name, weight, cap, affinity, processor).vcpus().get(0);
    }

    // ------------------------------------------------------------ driving

    void wake(VcpuView v) {
        driver.wake(v);
    }

    void block(VcpuView v) {
        driver.block(v);
    }

    /** Runs schedule on a PCPU now; returns what it runs afterwards. */
    VcpuView schedule(int cpu) {
        driver.schedule(cpu);
        return current(cpu);
    }

    void advanceTo(long t) {
        driver.advanceTo(t);
    }

    void clearTickles() {
        tickles.clear();
    }

    VcpuView current(int cpu) {
        return driver.pcpu(cpu).current();
    }

    /** A PCPU's credit tick timer. */
    io.github.vsched.api.Timer tick(int cpu) {
        return ((CreditPcpu) driver.pcpu(cpu).schedulerPrivate()).ticker;
    }

    // ------------------------------------------------------------ credit's state

    CreditVcpu state(VcpuView v) {
        return sched.state(v);
    }

    /** The VCPUs queued on a PCPU, idle excluded, in order. */
    List<String> queue(int cpu) {
        List<String> l = new ArrayList<>();
        sched.forEachQueued(cpu, v -> l.add(v.domain().name() + "v" + v.index()));
        return Collections.unmodifiableList(l);
    }

    int pri(VcpuView v) {
        return sched.priority(v);
    }

    int credit(VcpuView v) {
        return sched.credit(v);
    }

    // ------------------------------------------------------------ recording

    /** Credit's provider, keeping the engine's context and the slice of every decision. */
    private final class Recording implements SchedulerProvider {
        private final CreditSchedulerProvider credit0 = new CreditSchedulerProvider();
        CreditScheduler credit;

        @Override
        public String id() {
            return credit0.id();
        }

        @Override
        public String description() {
            return credit0.description();
        }

        @Override
        public List<ParameterSpec> parameters() {
            return credit0.parameters();
        }

        @Override
        public List<ParameterSpec> domainParameters() {
            return credit0.domainParameters();
        }

        @Override
        public Set<Capability> capabilities() {
            return credit0.capabilities();
        }

        @Override
        public long starvationBoundNs(Parameters params, int runnablePerPcpu) {
            return credit0.starvationBoundNs(params, runnablePerPcpu);
        }

        @Override
        public Scheduler create(SchedulerContext context, Parameters params) {
            ctx = context;
            credit = (CreditScheduler) credit0.create(context, params);
            return new ForwardingScheduler() {
                @Override
                public Scheduler delegate() {
                    return credit;
                }

                @Override
                public void schedule(PcpuView pcpu, long now, ScheduleDecision out) {
                    credit.schedule(pcpu, now, (next, slice) -> {
                        lastSlice[pcpu.id()] = slice;
                        out.run(next, slice);
                    });
                }
            };
        }
    }
}
