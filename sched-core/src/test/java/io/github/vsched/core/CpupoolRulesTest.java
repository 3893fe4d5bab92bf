package io.github.vsched.core;

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
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import io.github.vsched.core.rr.RoundRobinProvider;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.vsched.api.Durations.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cpupools as Xen keeps them ({@code xen/common/sched/cpupool.c}, {@code schedule.c}): the
 * PCPUs are partitioned into pools, each run by its own scheduler instance; a domain belongs to
 * one pool and its VCPUs run only on that pool's PCPUs (effective affinity = hard affinity and
 * the pool's CPUs, {@code cpupool_domain_master_cpumask}); every scheduler hook for a PCPU goes
 * to its pool's instance; Pool-0 keeps the PCPUs no other pool takes and holds dom0.
 */
class CpupoolRulesTest {

    /** Round-robin, recording what each instance's context shows and which PCPUs it scheduled. */
    private static final class Probe implements SchedulerProvider {
        final List<SchedulerContext> contexts = new ArrayList<>();
        final List<Set<Integer>> scheduled = new ArrayList<>();
        final List<List<String>> domainsAdded = new ArrayList<>();
        private final RoundRobinProvider rr = new RoundRobinProvider();

        @Override
        public String id() {
            return "probe";
        }

        @Override
        public String description() {
            return "round-robin that records its context";
        }

        @Override
        public List<ParameterSpec> parameters() {
            return rr.parameters();
        }

        @Override
        public Set<Capability> capabilities() {
            return rr.capabilities();
        }

        @Override
        public Scheduler create(SchedulerContext context, Parameters params) {
            Scheduler s = rr.create(context, params);
            contexts.add(context);
            Set<Integer> cpus = new HashSet<>();
            List<String> domains = new ArrayList<>();
            scheduled.add(cpus);
            domainsAdded.add(domains);
            return new ForwardingScheduler() {
                @Override
                public Scheduler delegate() {
                    return s;
                }

                @Override
                public void addDomain(DomainView domain) {
                    domains.add(domain.name());
                    s.addDomain(domain);
                }

                @Override
                public void schedule(PcpuView pcpu, long now, ScheduleDecision out) {
                    cpus.add(pcpu.id());
                    s.schedule(pcpu, now, out);
                }
            };
        }
    }

    private static DomainSpec hogs(String name, int vcpus, String pool) {
        return DomainSpec.builder(name).vcpus(vcpus).pool(pool).workload("h", Guests.workload(i -> Guests.hog()))
                .build();
    }

    private static Scenario.Builder fourPcpus(SchedulerProvider pool0, SchedulerProvider rt) {
        return Scenario.builder("pools").platform(FixedCostPlatform.ideal(4)).duration(20 * MS).checked(true)
                .scheduler(pool0, Map.of())
                .pool(new PoolSpec("rt", CpuMask.of(2, 3), new ComponentSpec<>(rt.id(), Map.of(), rt)));
    }

    @Test
    void vcpuRunsOnlyOnItsPoolsPcpus() {
        Probe p = new Probe();
        Simulation sim = Simulations.create(fourPcpus(p, p)
                .domain(hogs("dom0", 4, PoolSpec.POOL0))
                .domain(hogs("video", 2, "rt"))
                .domain(hogs("compile", 4, PoolSpec.POOL0)).build());
        PcpuTimeline timeline = PcpuTimeline.builder().guestsOnly().build();
        sim.addListener(timeline);
        sim.run();
        Set<Integer> videoPcpus = new HashSet<>();
        Set<Integer> otherPcpus = new HashSet<>();
        for (PcpuTimeline.Segment s : timeline.segments()) {
            (s.domain().equals("video") ? videoPcpus : otherPcpus).add(s.pcpu());
        }
        assertThat(videoPcpus).containsExactlyInAnyOrder(2, 3);
        assertThat(otherPcpus).containsExactlyInAnyOrder(0, 1);
        // the effective affinity schedulers see: hard affinity (all PCPUs) within the pool's PCPUs
        assertThat(sim.vcpu("video", 0).affinity()).isEqualTo(CpuMask.of(2, 3));
        assertThat(sim.vcpu("compile", 3).affinity()).isEqualTo(CpuMask.of(0, 1));
    }

    @Test
    void eachPoolHasItsOwnSchedulerInstance() {
        Probe p = new Probe();
        Simulation sim = Simulations.create(fourPcpus(p, p)
                .domain(hogs("dom0", 2, PoolSpec.POOL0))
                .domain(hogs("video", 2, "rt")).build());
        sim.run();
        assertThat(p.contexts).hasSize(2);
        assertThat(sim.scheduler(PoolSpec.POOL0)).isNotSameAs(sim.scheduler("rt"));
        assertThat(sim.scheduler()).isSameAs(sim.scheduler(PoolSpec.POOL0));
        // each instance is asked to schedule only its pool's PCPUs, and is given only its domains
        assertThat(p.scheduled.get(0)).containsExactlyInAnyOrder(0, 1);
        assertThat(p.scheduled.get(1)).containsExactlyInAnyOrder(2, 3);
        assertThat(p.domainsAdded.get(0)).containsExactly("dom0");
        assertThat(p.domainsAdded.get(1)).containsExactly("video");
        assertThat(sim.scheduler(sim.vcpu("video", 0))).isSameAs(sim.scheduler("rt"));
    }

    @Test
    void aPoolsSchedulerContextShowsItsPcpusAndDomainsAndTheMachinesNumbering() {
        Probe p = new Probe();
        Simulations.create(fourPcpus(p, p)
                .domain(hogs("dom0", 1, PoolSpec.POOL0))
                .domain(hogs("video", 1, "rt")).build());
        SchedulerContext pool0 = p.contexts.get(0);
        SchedulerContext rt = p.contexts.get(1);
        assertThat(pool0.cpus()).isEqualTo(CpuMask.of(0, 1));
        assertThat(rt.cpus()).isEqualTo(CpuMask.of(2, 3));
        // PCPU numbers stay the machine's, as in Xen
        assertThat(rt.pcpuCount()).isEqualTo(4);
        assertThat(pool0.domains()).extracting(DomainView::name).containsExactly("dom0");
        assertThat(rt.domains()).extracting(DomainView::name).containsExactly("video");
    }

    @Test
    void aSchedulerMayNotReachIntoAnotherPool() {
        Probe p = new Probe();
        Simulations.create(fourPcpus(p, p).domain(hogs("dom0", 1, PoolSpec.POOL0)).build());
        SchedulerContext rt = p.contexts.get(1);
        assertThatThrownBy(() -> rt.tickle(0)).hasMessageContaining("tickled pcpu0")
                .hasMessageContaining("cpupool Pool-0");
        assertThatThrownBy(() -> rt.newTimer("t", 1, now -> { })).hasMessageContaining("pcpu1")
                .hasMessageContaining("cpupool Pool-0");
    }

    @Test
    void withoutPoolsPool0IsTheWholeMachine() {
        Probe p = new Probe();
        Simulation sim = Simulations.create(Scenario.builder("one").platform(FixedCostPlatform.ideal(4))
                .duration(20 * MS).checked(true).scheduler(p, Map.of()).domain(hogs("dom0", 4, PoolSpec.POOL0))
                .build());
        SimulationResult r = sim.run();
        assertThat(p.contexts).hasSize(1);
        assertThat(p.contexts.get(0).cpus()).isEqualTo(CpuMask.all(4));
        assertThat(p.scheduled.get(0)).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(r.pools()).singleElement().satisfies(pool -> {
            assertThat(pool.name()).isEqualTo(PoolSpec.POOL0);
            assertThat(pool.cpus()).isEqualTo("0-3");
        });
    }

    @Test
    void dom0StaysInPool0() {
        assertThatThrownBy(() -> fourPcpus(new RoundRobinProvider(), new RoundRobinProvider())
                .domain(hogs("dom0", 1, "rt")).build())
                .isInstanceOf(ScenarioConflictException.class)
                .hasMessageContaining("dom0")
                .hasMessageContaining("stays in Pool-0");
    }

    @Test
    void aDomainsAffinityMustMeetItsPool() {
        RoundRobinProvider rr = new RoundRobinProvider();
        Scenario s = fourPcpus(rr, rr).domain(hogs("dom0", 1, PoolSpec.POOL0))
                .domain(DomainSpec.builder("video").pool("rt").affinity(CpuMask.of(0, 1))
                        .workload("h", Guests.workload(i -> Guests.hog())).build()).build();
        assertThatThrownBy(() -> Simulations.create(s)).isInstanceOf(ScenarioConflictException.class)
                .hasMessageContaining("video VCPU 0 has affinity 0-1 but its cpupool rt has PCPUs 2-3");
    }

    @Test
    void anAffinityIsIntersectedWithThePoolsPcpus() {
        RoundRobinProvider rr = new RoundRobinProvider();
        Simulation sim = Simulations.create(fourPcpus(rr, rr).domain(hogs("dom0", 1, PoolSpec.POOL0))
                .domain(DomainSpec.builder("video").pool("rt").affinity(CpuMask.of(1, 2))
                        .workload("h", Guests.workload(i -> Guests.hog())).build()).build());
        assertThat(sim.vcpu("video", 0).affinity()).isEqualTo(CpuMask.of(2));
        // xl vcpu-pin during a run: the same intersection, and a mask outside the pool is refused
        sim.runUntil(MS);
        sim.setAffinity("video", 0, CpuMask.of(0, 3));
        assertThat(sim.vcpu("video", 0).affinity()).isEqualTo(CpuMask.of(3));
        assertThatThrownBy(() -> sim.setAffinity("video", 0, CpuMask.of(0)))
                .hasMessageContaining("has no PCPU in its cpupool rt");
    }

    @Test
    void poolsDoNotOverlapAndLeavePool0APcpu() {
        RoundRobinProvider rr = new RoundRobinProvider();
        ComponentSpec<SchedulerProvider> spec = new ComponentSpec<>(rr.id(), Map.of(), rr);
        assertThatThrownBy(() -> Scenario.builder("x").scheduler(rr, Map.of()).domain(hogs("dom0", 1, PoolSpec.POOL0))
                .pool(new PoolSpec("a", CpuMask.of(1, 2), spec)).pool(new PoolSpec("b", CpuMask.of(2, 3), spec))
                .build()).hasMessageContaining("cpupools a and b both take PCPUs 2");
        Scenario all = Scenario.builder("x").platform(FixedCostPlatform.ideal(2)).scheduler(rr, Map.of())
                .domain(hogs("dom0", 1, PoolSpec.POOL0)).pool(new PoolSpec("a", CpuMask.of(0, 1), spec)).build();
        assertThatThrownBy(() -> Simulations.create(all)).hasMessageContaining("leave none to Pool-0");
        Scenario outside = Scenario.builder("x").platform(FixedCostPlatform.ideal(2)).scheduler(rr, Map.of())
                .domain(hogs("dom0", 1, PoolSpec.POOL0)).pool(new PoolSpec("a", CpuMask.of(1, 5), spec)).build();
        assertThatThrownBy(() -> Simulations.create(outside)).hasMessageContaining("takes PCPUs 5");
        assertThatThrownBy(() -> new PoolSpec("a", CpuMask.of(), spec)).hasMessageContaining("has no PCPU");
        assertThatThrownBy(() -> new PoolSpec(PoolSpec.POOL0, CpuMask.of(1), spec))
                .hasMessageContaining("exists in every machine");
    }

    @Test
    void aSchedulerOfWholeMachinesIsRefusedInAPool() {
        RoundRobinProvider rr = new RoundRobinProvider();
        SchedulerProvider wholeMachine = new SchedulerProvider() {
            @Override
            public String id() {
                return "whole";
            }

            @Override
            public String description() {
                return "no cpupools capability";
            }

            @Override
            public List<ParameterSpec> parameters() {
                return rr.parameters();
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of(Capability.AFFINITY);
            }

            @Override
            public Scheduler create(SchedulerContext context, Parameters params) {
                return rr.create(context, params);
            }
        };
        assertThatThrownBy(() -> Simulations.create(fourPcpus(rr, wholeMachine).domain(hogs("dom0", 1, PoolSpec.POOL0))
                .build())).hasMessageContaining("cpupool rt runs scheduler whole, which schedules only whole machines");
        assertThatThrownBy(() -> Simulations.create(fourPcpus(wholeMachine, rr).domain(hogs("dom0", 1, PoolSpec.POOL0))
                .build())).hasMessageContaining("cpupool Pool-0: scheduler whole schedules only whole machines");
    }

    @Test
    void aDomainNamesAPoolTheScenarioDeclares() {
        RoundRobinProvider rr = new RoundRobinProvider();
        assertThatThrownBy(() -> fourPcpus(rr, rr).domain(hogs("dom0", 1, PoolSpec.POOL0))
                .domain(hogs("video", 1, "realtime")).build())
                .isInstanceOf(ScenarioConflictException.class)
                .hasMessageContaining("cpupool 'realtime', which the scenario does not declare (its pools: Pool-0, rt)");
    }
}
