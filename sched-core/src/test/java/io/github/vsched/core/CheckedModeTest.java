package io.github.vsched.core;

import io.github.vsched.api.Capability;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.ForwardingScheduler;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.ScheduleDecision;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.observe.InvariantViolationException;
import io.github.vsched.core.rr.RoundRobinProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static io.github.vsched.api.Durations.MS;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A scheduler that breaks the rules on purpose is stopped by the engine with a message naming
 * the PCPU, the VCPU and the decision, not by a crash somewhere later.
 */
class CheckedModeTest {

    /** Round-robin with one fault injected. */
    abstract static class Faulty implements ForwardingScheduler {
        final Scheduler rr;
        final SchedulerContext ctx;

        Faulty(SchedulerContext ctx) {
            this.ctx = ctx;
            this.rr = new RoundRobinProvider().create(ctx,
                    Parameters.resolve("rr", new RoundRobinProvider().parameters(), Map.of(), 0));
        }

        @Override
        public Scheduler delegate() {
            return rr;
        }
    }

    static SchedulerProvider provider(java.util.function.Function<SchedulerContext, Scheduler> f) {
        return new SchedulerProvider() {
            @Override
            public String id() {
                return "faulty";
            }

            @Override
            public String description() {
                return "breaks a rule";
            }

            @Override
            public List<ParameterSpec> parameters() {
                return List.of();
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of();
            }

            @Override
            public Scheduler create(SchedulerContext context, Parameters params) {
                return f.apply(context);
            }
        };
    }

    static SimulationResult run(java.util.function.Function<SchedulerContext, Scheduler> f, int pcpus) {
        Scenario s = Scenario.builder("faulty").platform(FixedCostPlatform.ideal(pcpus)).duration(50 * MS)
                .scheduler(provider(f), Map.of()).checked(true)
                .domain(DomainSpec.builder("sleepy").workload("s", Guests.workload(i -> Guests.sleeper(MS, 2 * MS))).build())
                .domain(DomainSpec.builder("hog").workload("h", Guests.workload(i -> Guests.hog())).build())
                .build();
        return Simulations.create(s).run();
    }

    @Test
    void returningABlockedVcpuIsCaught() {
        assertThatThrownBy(() -> run(ctx -> new Faulty(ctx) {
            VcpuView sleepy;

            @Override
            public void addVcpu(VcpuView v) {
                super.addVcpu(v);
                if (v.domain().name().equals("sleepy")) {
                    sleepy = v;
                }
            }

            @Override
            public void schedule(PcpuView p, long now, ScheduleDecision out) {
                super.schedule(p, now, out);
                if (!sleepy.isRunnable()) {
                    out.run(sleepy, 10 * MS);
                }
            }
        }, 1)).isInstanceOf(InvariantViolationException.class)
                .hasMessageContaining("scheduler faulty on pcpu0")
                .hasMessageContaining("not runnable (blocked)")
                .hasMessageContaining("decision: run sleepy/0 slice 10000000");
    }

    @Test
    void returningAVcpuRunningElsewhereIsCaught() {
        assertThatThrownBy(() -> run(ctx -> new Faulty(ctx) {
            @Override
            public void schedule(PcpuView p, long now, ScheduleDecision out) {
                super.schedule(p, now, out);
                PcpuView other = ctx.pcpu(1 - p.id());
                if (!other.isIdle()) {
                    out.run(other.current(), 10 * MS);
                }
            }
        }, 2)).isInstanceOf(InvariantViolationException.class)
                .hasMessageContaining("returned a VCPU that is running on pcpu");
    }

    @Test
    void aNegativeSliceIsCaught() {
        assertThatThrownBy(() -> run(ctx -> new Faulty(ctx) {
            @Override
            public void schedule(PcpuView p, long now, ScheduleDecision out) {
                out.run(p.idleVcpu(), -5);
            }
        }, 1)).isInstanceOf(InvariantViolationException.class)
                .hasMessageContaining("non-positive slice -5 ns")
                .hasMessageContaining("decision: run idle0 slice -5");
    }

    @Test
    void noDecisionIsCaught() {
        assertThatThrownBy(() -> run(ctx -> new Faulty(ctx) {
            @Override
            public void schedule(PcpuView p, long now, ScheduleDecision out) {
            }
        }, 1)).isInstanceOf(InvariantViolationException.class)
                .hasMessageContaining("returned no VCPU");
    }

    @Test
    void ignoringAffinityIsCaught() {
        // "pinned" may run on pcpu0 only, where it waits behind hog0; pcpu1 takes it anyway
        Scenario s = Scenario.builder("faulty").platform(FixedCostPlatform.ideal(2)).duration(50 * MS)
                .scheduler(provider(ctx -> new Faulty(ctx) {
                    @Override
                    public void schedule(PcpuView p, long now, ScheduleDecision out) {
                        super.schedule(p, now, out);
                        VcpuView pinned = ctx.domains().get(0).vcpus().get(0);
                        if (p.id() == 1 && pinned.isRunnable() && !pinned.isRunning()) {
                            out.run(pinned, 10 * MS);
                        }
                    }
                }), Map.of()).checked(true)
                .domain(DomainSpec.builder("pinned").affinity(io.github.vsched.api.CpuMask.of(0))
                        .workload("s", Guests.workload(i -> Guests.sleeper(MS, 2 * MS))).build())
                .domain(DomainSpec.builder("hog0").affinity(io.github.vsched.api.CpuMask.of(0))
                        .workload("h", Guests.workload(i -> Guests.hog())).build())
                .domain(DomainSpec.builder("hog").workload("h", Guests.workload(i -> Guests.hog())).build())
                .build();
        assertThatThrownBy(() -> Simulations.create(s).run()).isInstanceOf(InvariantViolationException.class)
                .hasMessageContaining("scheduler faulty on pcpu1")
                .hasMessageContaining("returned a VCPU whose affinity 0 excludes pcpu1")
                .hasMessageContaining("decision: run pinned/0");
    }

    @Test
    void anotherPcpusIdleVcpuIsCaught() {
        assertThatThrownBy(() -> run(ctx -> new Faulty(ctx) {
            @Override
            public void schedule(PcpuView p, long now, ScheduleDecision out) {
                out.run(ctx.pcpu(1 - p.id()).idleVcpu(), ScheduleDecision.NO_SLICE);
            }
        }, 2)).isInstanceOf(InvariantViolationException.class)
                .hasMessageContaining("idle VCPU of another PCPU");
    }

    @Test
    void losingAVcpuIsCaught() {
        assertThatThrownBy(() -> run(ctx -> new Faulty(ctx) {
            @Override
            public void wake(VcpuView v) {
                if (ctx.now() < 5 * MS) {
                    super.wake(v); // boot normally, then forget wake-ups
                }
            }
        }, 1)).isInstanceOf(InvariantViolationException.class)
                .hasMessageContaining("sleepy/0 is runnable but neither running nor queued (lost)");
    }

    @Test
    void queueingABlockedVcpuIsCaught() {
        assertThatThrownBy(() -> run(ctx -> new Faulty(ctx) {
            @Override
            public void forEachQueued(int pcpu, Consumer<VcpuView> action) {
                super.forEachQueued(pcpu, action);
                VcpuView sleepy = ctx.domains().get(0).vcpus().get(0);
                if (!sleepy.isRunnable()) {
                    action.accept(sleepy);
                }
            }
        }, 1)).isInstanceOf(InvariantViolationException.class)
                .hasMessageContaining("sleepy/0 is queued but not runnable");
    }

    @Test
    void pickingACpuOutsideTheAffinityIsCaught() {
        assertThatThrownBy(() -> {
            Scenario s = Scenario.builder("faulty").platform(FixedCostPlatform.ideal(2)).duration(10 * MS)
                    .scheduler(provider(ctx -> new Faulty(ctx) {
                        @Override
                        public int pickCpu(VcpuView v, boolean commit) {
                            return 1;
                        }
                    }), Map.of()).checked(true)
                    .domain(DomainSpec.builder("hog").workload("h", Guests.workload(i -> Guests.hog())).build())
                    .build();
            Simulation sim = Simulations.create(s);
            // hog starts on PCPU 1 (the higher of two idle ones); pinned to PCPU 0 it must move
            sim.at(MS, x -> x.setAffinity("hog", 0, io.github.vsched.api.CpuMask.of(0)));
            sim.run();
        }).isInstanceOf(InvariantViolationException.class)
                .hasMessageContaining("pickCpu(hog/0) returned 1, outside its affinity 0");
    }
}
