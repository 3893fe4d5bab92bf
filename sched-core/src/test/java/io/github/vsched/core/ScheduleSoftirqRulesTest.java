package io.github.vsched.core;

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
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** A probe: timers that tickle PCPUs at set times; {@code schedule} records when each PCPU ran it. */
    static final class Probe implements SchedulerProvider {
        /** Tickles: {timer's PCPU, time, PCPU tickled}. */
        final long[][] tickles;
        final List<List<Long>> passes = new ArrayList<>();

        Probe(long[]... tickles) {
            this.tickles = tickles;
        }

        @Override
        public String id() {
            return "softirq-probe";
        }

        @Override
        public String description() {
            return "tickles PCPUs from timers";
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
        public Scheduler create(SchedulerContext ctx, Parameters params) {
            for (int c = 0; c < ctx.pcpuCount(); c++) {
                passes.add(new ArrayList<>());
            }
            for (long[] t : tickles) {
                ctx.newTimer("tickle", (int) t[0], now -> ctx.tickle((int) t[2])).set(t[1]);
            }
            return new Scheduler() {
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
            };
        }
    }

    private static Probe run(long[]... tickles) {
        Probe probe = new Probe(tickles);
        SchedulerDriver d = SchedulerDriver.create(FixedCostPlatform.ideal(3).withIpi(IPI), probe, Map.of(), 1, true);
        d.advanceTo(5 * MS);
        return probe;
    }

    @Test
    void aRemoteRaiseIsServedByAPassTheTargetMakesForALocalReason() {
        // pcpu0 tickles pcpu1 at 1 ms (the IPI lands at 1.010 ms); pcpu1 reschedules for itself at 1.005 ms
        Probe p = run(new long[] {0, MS, 1}, new long[] {1, MS + 5 * US, 1});
        assertThat(p.passes.get(1)).containsExactly(MS + 5 * US);
    }

    @Test
    void repeatedRemoteRaisesCoalesceIntoTheFirstIpi() {
        // pcpu0 tickles pcpu1 twice at 1 ms, pcpu2 once more at 1.002 ms: one pass, when the first IPI lands
        Probe p = run(new long[] {0, MS, 1}, new long[] {0, MS, 1}, new long[] {2, MS + 2 * US, 1});
        assertThat(p.passes.get(1)).containsExactly(MS + IPI);
    }

    @Test
    void aRaiseAfterThePassSendsANewIpi() {
        Probe p = run(new long[] {0, MS, 1}, new long[] {0, 2 * MS, 1});
        assertThat(p.passes.get(1)).containsExactly(MS + IPI, 2 * MS + IPI);
    }
}
