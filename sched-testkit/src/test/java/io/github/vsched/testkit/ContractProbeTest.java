package io.github.vsched.testkit;

import io.github.vsched.api.Capability;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.ScheduleDecision;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.guest.Guests;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract's probe names the gap a scheduler that forgets to tickle leaves, up to the end of the run. */
class ContractProbeTest {
    private static final long MS = 1_000_000L;

    /** Queues a waking VCPU but never tickles: an idle PCPU does not notice it. */
    static final class NeverTickles implements SchedulerProvider {
        @Override
        public String id() {
            return "never-tickles";
        }

        @Override
        public String description() {
            return "a FIFO that never tickles an idle PCPU";
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of();
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.WORK_CONSERVING);
        }

        @Override
        public Scheduler create(SchedulerContext context, Parameters params) {
            ArrayDeque<VcpuView> queue = new ArrayDeque<>();
            return new Scheduler() {
                @Override
                public void addDomain(DomainView domain) {
                }

                @Override
                public void addVcpu(VcpuView vcpu) {
                }

                @Override
                public void wake(VcpuView v) {
                    if (!queue.contains(v) && context.pcpu(v.processor()).current() != v) {
                        queue.addLast(v);
                    }
                }

                @Override
                public void sleep(VcpuView v) {
                    queue.remove(v);
                }

                @Override
                public void schedule(PcpuView pcpu, long now, ScheduleDecision out) {
                    VcpuView cur = pcpu.current();
                    if (!cur.isIdle() && cur.isRunnable()) {
                        queue.addLast(cur);
                    }
                    VcpuView next = queue.pollFirst();
                    out.run(next == null ? pcpu.idleVcpu() : next, next == null ? ScheduleDecision.NO_SLICE : MS);
                }

                @Override
                public int pickCpu(VcpuView v, boolean commit) {
                    return v.processor();
                }
            };
        }
    }

    @Test
    void aGapStillOpenAtTheEndIsMeasuredAndNamed() {
        Simulation sim = Simulations.create(SchedulerTestKit.scheduler(new NeverTickles())
                .domain("s", 1, () -> Guests.sleeper(MS, 3 * MS))
                .duration(50 * MS).scenario());
        ContractProbe probe = new ContractProbe(sim);
        sim.addListener(probe);
        sim.run();

        long from = probe.maxIdleWhileWaitingAt();
        assertThat(from).isBetween(0L, 5 * MS);
        assertThat(probe.maxIdleWhileWaitingNs()).isEqualTo(50 * MS - from);
        assertThat(probe.maxIdleWhileWaiting()).isEqualTo("a PCPU idled while a VCPU allowed on it waited from "
                + from + " ns to " + 50 * MS + " ns (at first pcpu0 idle while s/0 waited)");
    }
}
