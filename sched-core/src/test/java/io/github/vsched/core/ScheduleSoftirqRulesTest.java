package io.github.vsched.core;

import io.github.vsched.api.DomainView;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.ScheduleDecision;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.Topology;
import io.github.vsched.api.VcpuView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.US;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SCHEDULE_SOFTIRQ as Xen 4.0 raises it ({@code xen/common/softirq.c}, {@code cpu_raise_softirq}):
 * one pending bit per PCPU, set at once by a remote raise whose IPI follows; the IPI is sent only
 * when the bit was clear, and any pass of {@code schedule()} on the target clears it.
 */
class ScheduleSoftirqRulesTest {
    private static final long IPI = 10 * US;
    /** What an IPI to another socket adds (the platform below has two sockets of two PCPUs). */
    private static final long CROSS_SOCKET = 20 * US;

    /**
     * Runs a scheduler with no VCPUs whose timers tickle PCPUs: each tickle is {timer's PCPU,
     * time, PCPU tickled}. Returns, per PCPU, the times it ran {@code schedule}.
     */
    private static List<List<Long>> passes(long[]... tickles) {
        List<List<Long>> passes = new ArrayList<>();
        FixedCostPlatform p = FixedCostPlatform.ideal(4).withTopology(Topology.regular(2, 2, 1, 2)).withIpi(IPI);
        p = p.withCosts(p.costs().toBuilder().crossSocketIpiNs(CROSS_SOCKET).build());
        SchedulerDriver d = SchedulerDriver.create(p, CheckedModeTest.provider(ctx -> {
            for (int c = 0; c < ctx.pcpuCount(); c++) {
                passes.add(new ArrayList<>());
            }
            for (long[] t : tickles) {
                ctx.newTimer("tickle", (int) t[0], now -> ctx.tickle((int) t[2])).set(t[1]);
            }
            return new IdleScheduler(passes);
        }), Map.of(), 1, true);
        d.advanceTo(5 * MS);
        return passes;
    }

    /** Idles every PCPU and records when each ran {@code schedule}. */
    private record IdleScheduler(List<List<Long>> passes) implements Scheduler {
        @Override
        public void addDomain(DomainView domain) {
        }

        @Override
        public void addVcpu(VcpuView vcpu) {
        }

        @Override
        public void wake(VcpuView vcpu) {
        }

        @Override
        public void sleep(VcpuView vcpu) {
        }

        @Override
        public void schedule(PcpuView pcpu, long now, ScheduleDecision out) {
            passes.get(pcpu.id()).add(now);
            out.run(pcpu.idleVcpu(), ScheduleDecision.NO_SLICE);
        }

        @Override
        public int pickCpu(VcpuView vcpu, boolean commit) {
            return vcpu.processor();
        }
    }

    @Test
    void aRemoteRaiseIsServedByAPassTheTargetMakesForALocalReason() {
        // pcpu0 tickles pcpu1 at 1 ms (the IPI lands at 1.010 ms); pcpu1 reschedules for itself at 1.005 ms
        List<List<Long>> p = passes(new long[] {0, MS, 1}, new long[] {1, MS + 5 * US, 1});
        assertThat(p.get(1)).containsExactly(MS + 5 * US);
    }

    @Test
    void aRaiseWhileOneIsPendingSendsNoIpiOfItsOwn() {
        // pcpu2 (the other socket) tickles pcpu1 at 1 ms: its IPI lands at 1.030 ms. pcpu0, beside
        // pcpu1, tickles it again at 1.002 ms: the bit is already set, so no IPI of its own, which
        // would have landed earlier, at 1.012 ms
        List<List<Long>> p = passes(new long[] {2, MS, 1}, new long[] {0, MS + 2 * US, 1}, new long[] {0, MS + 2 * US, 1});
        assertThat(p.get(1)).containsExactly(MS + IPI + CROSS_SOCKET);
    }

    @Test
    void aRaiseAfterThePassSendsANewIpi() {
        List<List<Long>> p = passes(new long[] {0, MS, 1}, new long[] {0, 2 * MS, 1});
        assertThat(p.get(1)).containsExactly(MS + IPI, 2 * MS + IPI);
    }
}
