package io.github.vsched.core;

import io.github.vsched.api.PcpuView;
import io.github.vsched.api.RunState;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.observe.SimulationListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.core.guest.Guests.compute;
import static io.github.vsched.core.guest.Guests.halt;
import static io.github.vsched.core.guest.Guests.sleepFor;
import static io.github.vsched.core.guest.Guests.yieldCpu;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listener events traces are written from: every runstate change as Xen's
 * {@code vcpu_runstate_change} makes it, {@code vcpu_sleep_nosync} and {@code SCHEDOP_yield}.
 */
class RunstateListenerTest {

    /** Everything reported, one line per event, in order. */
    static final class Log implements SimulationListener {
        final List<String> lines = new ArrayList<>();
        final Map<String, long[]> times = new HashMap<>();
        final Map<String, long[]> since = new HashMap<>(); // state ordinal, entry time

        static String name(VcpuView v) {
            return v.isIdle() ? "idle" + v.processor() : v.domain().name() + "/" + v.index();
        }

        @Override
        public void onRunstateChange(VcpuView v, RunState from, RunState to, long now) {
            assertThat(v.runState()).isEqualTo(to);
            lines.add(now + " " + name(v) + " " + from + "->" + to);
            long[] s = since.computeIfAbsent(name(v), k -> new long[]{from.ordinal(), 0});
            assertThat(s[0]).as("%s leaves the state it entered", name(v)).isEqualTo(from.ordinal());
            times.computeIfAbsent(name(v), k -> new long[4])[from.ordinal()] += now - s[1];
            s[0] = to.ordinal();
            s[1] = now;
        }

        @Override
        public void onDispatch(PcpuView pcpu, VcpuView vcpu, long now, boolean afterWake) {
            lines.add(now + " " + name(vcpu) + " dispatch");
        }

        @Override
        public void onSleep(VcpuView vcpu, long now) {
            lines.add(now + " " + name(vcpu) + " sleep");
        }

        @Override
        public void onYield(VcpuView vcpu, long now) {
            lines.add(now + " " + name(vcpu) + " yield");
        }

        @Override
        public void onEnd(long now) {
            since.forEach((name, s) -> times.computeIfAbsent(name, k -> new long[4])[(int) s[0]] += now - s[1]);
        }

        List<String> of(String vcpu) {
            return lines.stream().filter(l -> l.contains(" " + vcpu + " ")).toList();
        }
    }

    /**
     * One PCPU, no costs: b computes 5 ms, sleeps 5 ms, yields, computes 5 ms and halts; a hog
     * runs whenever b does not. Every change of b is reported before the dispatch it leads to;
     * the halt is a sleep, then running -> offline; the times between a VCPU's changes are its
     * runstate times in the result.
     */
    @Test
    void everyChangeIsReportedAndTheirIntervalsAreTheRunstateTimes() {
        Log log = new Log();
        Simulation sim = Simulations.create(RoundRobinScheduleTest.scenario(FixedCostPlatform.ideal(1), 40 * MS)
                .domain(RoundRobinScheduleTest.domain("b", Guests.script(compute(5 * MS), sleepFor(5 * MS), yieldCpu(),
                        compute(5 * MS), halt())))
                .domain(RoundRobinScheduleTest.domain("a", Guests.hog()))
                .build());
        sim.addListener(log);
        SimulationResult r = sim.run();

        assertThat(log.of("b/0")).as(String.join("\n", log.lines)).startsWith(
                "0 b/0 BLOCKED->RUNNABLE",
                "0 b/0 RUNNABLE->RUNNING",
                "0 b/0 dispatch",
                "5000000 b/0 RUNNING->BLOCKED",
                "10000000 b/0 BLOCKED->RUNNABLE");
        List<String> b = log.of("b/0");
        assertThat(b).anyMatch(l -> l.endsWith(" b/0 yield"));
        String sleep = b.get(b.size() - 2);
        String offline = b.get(b.size() - 1);
        assertThat(sleep).endsWith(" b/0 sleep");
        assertThat(offline).isEqualTo(sleep.substring(0, sleep.indexOf(' ')) + " b/0 RUNNING->OFFLINE");
        for (String name : List.of("b/0", "a/0")) {
            VcpuStats v = r.vcpu(name.substring(0, 1), 0);
            assertThat(log.times.get(name)).as(name)
                    .containsExactly(v.runningNs(), v.runnableNs(), v.blockedNs(), v.offlineNs());
        }
        assertThat(log.of("idle0")).first().isEqualTo("0 idle0 RUNNING->RUNNABLE");
    }
}
