package io.github.vsched.credit2;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.Topology;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.SchedulerDriver;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import io.github.vsched.core.observe.SimulationListener;
import io.github.vsched.testkit.Timelines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds credit2 runs for rule tests: checked mode on a cost-free platform unless told otherwise,
 * so every time follows from the rules alone; and {@link Driven}, a machine stepped through
 * {@link SchedulerDriver} that records the PCPUs its tickles kicked.
 */
final class Credit2Sim {
    static final long US = 1_000L;
    static final long MS = 1_000_000L;

    private final Scenario.Builder builder;
    private FixedCostPlatform platform;
    private final Map<String, String> params = new LinkedHashMap<>();

    private Credit2Sim(String name, int pcpus) {
        this.builder = Scenario.builder(name).checked(true);
        this.platform = FixedCostPlatform.ideal(pcpus);
    }

    static Credit2Sim on(String name, int pcpus) {
        return new Credit2Sim(name, pcpus);
    }

    Credit2Sim platform(FixedCostPlatform p) {
        this.platform = p;
        return this;
    }

    Credit2Sim duration(long ns) {
        builder.duration(ns);
        return this;
    }

    Credit2Sim param(String key, String value) {
        params.put(key, value);
        return this;
    }

    /** A one-VCPU domain with per-domain credit2 parameters ({@code weight}, {@code cap}). */
    Credit2Sim domain(String name, GuestModel model, String... domainParams) {
        return domain(name, 1, null, model, domainParams);
    }

    /** A domain of {@code vcpus} VCPUs, each running {@code model}'s behaviour, with a hard affinity or null. */
    Credit2Sim domain(String name, int vcpus, CpuMask affinity, GuestModel model, String... domainParams) {
        DomainSpec.Builder b = DomainSpec.builder(name).vcpus(vcpus)
                .workload("script", Guests.workload(i -> i == 0 ? model : copyOf(model)));
        if (affinity != null) {
            b.affinity(affinity);
        }
        for (int i = 0; i < domainParams.length; i += 2) {
            b.schedulerParam(domainParams[i], domainParams[i + 1]);
        }
        builder.domain(b.build());
        return this;
    }

    /** Only hogs are copied for extra VCPUs; scripts are single-use. */
    private static GuestModel copyOf(GuestModel m) {
        return Guests.hog();
    }

    Simulation build() {
        return Simulations.create(builder.platform(platform).scheduler(Credit2SchedulerProvider.ID, params).build());
    }

    static Credit2Scheduler credit2(Simulation sim) {
        return (Credit2Scheduler) sim.scheduler();
    }

    /** Non-empty busy segments of a PCPU in microseconds (see {@link Timelines#busy}). */
    static List<String> busy(PcpuTimeline t, int pcpu) {
        return Timelines.busy(t, pcpu, US);
    }

    /** A machine with one socket of {@code n} single-threaded cores. */
    static Topology flat(int n) {
        return Topology.flat(n);
    }

    /** A credit2 machine driven step by step, with the PCPUs its tickles kicked. */
    static final class Driven {
        final SchedulerDriver driver;
        final Credit2Scheduler sched;
        final List<Integer> tickles = new ArrayList<>();
        final List<String> migrations = new ArrayList<>();
        final int pcpus;

        Driven(FixedCostPlatform platform) {
            this(platform, Map.of());
        }

        Driven(FixedCostPlatform platform, Map<String, String> params) {
            pcpus = platform.topology().pcpus();
            driver = SchedulerDriver.create(platform, new Credit2SchedulerProvider(), params, 7, true);
            sched = (Credit2Scheduler) driver.scheduler();
            driver.addListener(new SimulationListener() {
                @Override
                public boolean wantsTrace() {
                    return true;
                }

                @Override
                public void onTrace(long now, int type, String typeName, int pcpu, VcpuView vcpu, long arg0,
                                    long arg1) {
                    if (typeName.equals("tickle")) {
                        tickles.add((int) arg0);
                    } else if (typeName.equals("migrate")) {
                        migrations.add(vcpu.name() + ":" + arg0 + "->" + arg1);
                    }
                }
            });
        }

        /** A blocked one-VCPU domain placed on {@code pcpu}, then free to run anywhere. */
        VcpuView vcpu(String name, int pcpu, String... domainParams) {
            Map<String, String> dp = new LinkedHashMap<>();
            for (int i = 0; i < domainParams.length; i += 2) {
                dp.put(domainParams[i], domainParams[i + 1]);
            }
            VcpuView v = driver.addDomain(name, List.of(CpuMask.of(pcpu)), dp).vcpus().get(0);
            driver.setAffinity(v, CpuMask.all(pcpus));
            return v;
        }

        /** A blocked one-VCPU domain pinned to {@code pcpu}. */
        VcpuView pinned(String name, int pcpu) {
            return driver.addDomain(name, List.of(CpuMask.of(pcpu)), Map.of()).vcpus().get(0);
        }

        Credit2Vcpu svc(VcpuView v) {
            return sched.state(v);
        }

        VcpuView current(int pcpu) {
            return driver.pcpu(pcpu).current();
        }

        List<String> queued(int pcpu) {
            List<String> out = new ArrayList<>();
            sched.forEachQueued(pcpu, v -> out.add(v.name()));
            return out;
        }

        /** The runq of the runqueue of {@code pcpu}, in order, as names. */
        List<String> runq(int pcpu) {
            List<String> out = new ArrayList<>();
            for (Credit2Vcpu s = sched.pcpu(pcpu).rqd.head(); s != null; s = s.runqNext) {
                out.add(s.vcpu.name());
            }
            return out;
        }
    }
}
