package io.github.vsched.core;

import io.github.vsched.api.DomainType;
import io.github.vsched.api.Guest;
import io.github.vsched.api.GuestEvent;
import io.github.vsched.api.GuestModel;
import io.github.vsched.core.FixedCostPlatform.IoCosts;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import io.github.vsched.core.rr.RoundRobinProvider;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Xen 4.0's virtual periodic timer for HVM guests ({@code xen/arch/x86/hvm/vpt.c} at
 * RELEASE-4.0.0; the modes are {@code HVM_PARAM_TIMER_MODE}, {@code public/hvm/params.h} lines
 * 66-89). A 1 ms tick; in the preemption cases, one PCPU shared under 2.3 ms round-robin slices
 * with a PV hog, so the ticking VCPU runs [0, 2.3), [4.6, 6.9), [9.2, 11.5) ms and misses the
 * ticks due at 3 and 4 ms, then at 7, 8 and 9 ms.
 */
class PeriodicTimerRulesTest {
    private static final long ISR = 10 * US;
    private static final long CHUNK = 50 * US;

    /**
     * Starts a 1 ms periodic timer, runs the handler ({@link #ISR}) once per tick, and between
     * ticks either blocks ({@code busy} false) or computes in {@link #CHUNK}s.
     */
    static final class Ticker implements GuestModel {
        final boolean busy;
        final List<Long> ticks = new ArrayList<>();
        int toHandle;
        boolean started;

        Ticker(boolean busy) {
            this.busy = busy;
        }

        @Override
        public void next(Guest g) {
            if (!started) {
                started = true;
                g.startPeriodicTimer(MS, 7);
            }
            if (toHandle > 0) {
                toHandle--;
                g.compute(ISR);
            } else if (busy) {
                g.compute(CHUNK);
            } else {
                g.block();
            }
        }

        @Override
        public void onEvent(Guest g, int kind, long tag) {
            assertThat(kind).isEqualTo(GuestEvent.PERIODIC_TIMER);
            assertThat(tag).isEqualTo(7);
            ticks.add(g.now());
            toHandle++;
        }
    }

    private static Scenario.Builder base(FixedCostPlatform platform, long duration) {
        return Scenario.builder("vpt").platform(platform).duration(duration).checked(true)
                .scheduler("round-robin", Map.of(RoundRobinProvider.SLICE, "2.3ms"));
    }

    /** Runs the busy ticker beside a PV hog in the given mode; returns its tick times. */
    static List<Long> preempted(HvmTimerMode mode) {
        Ticker t = new Ticker(true);
        Scenario s = base(FixedCostPlatform.ideal(1), 12 * MS)
                .domain(DomainSpec.builder("win").type(DomainType.HVM).timerMode(mode)
                        .workload("ticker", Guests.workload(i -> t)).build())
                .domain(DomainSpec.builder("hog").workload("hog", Guests.workload(i -> Guests.hog())).build())
                .build();
        Simulations.create(s).run();
        return t.ticks;
    }

    private static List<Long> between(List<Long> ticks, long from, long to) {
        return ticks.stream().filter(x -> x >= from && x < to).toList();
    }

    /** Ticks taken back to back: the first at {@code resume}, each after the handler of the one before. */
    private static void assertBackToBack(List<Long> burst, long resume) {
        assertThat(burst.get(0)).isEqualTo(resume);
        for (int i = 1; i < burst.size(); i++) {
            assertThat(burst.get(i) - burst.get(i - 1)).isBetween(ISR, CHUNK + ISR);
        }
    }

    // vpt.c 202-215 (pt_timer_fn -> vcpu_kick) and 162-168 (pt_save_timer leaves a blocked
    // VCPU's timers running): each tick wakes the blocked VCPU, which handles it and halts again.
    @Test
    void ticksWakeABlockedVcpu() {
        Ticker t = new Ticker(false);
        Scenario s = base(FixedCostPlatform.ideal(1).withIo(IoCosts.ZERO, 2 * US, 0), 5500 * US)
                .domain(DomainSpec.builder("win").type(DomainType.HVM)
                        .workload("ticker", Guests.workload(i -> t)).build())
                .build();
        PcpuTimeline timeline = new PcpuTimeline();
        Simulation sim = Simulations.create(s);
        sim.addListener(timeline);
        sim.run();
        assertThat(t.ticks).containsExactly(MS, 2 * MS, 3 * MS, 4 * MS, 5 * MS);
        // each wake-up: the tick's exit (2 us), then the handler; programming the RTC at 0 is one exit
        assertThat(Run.of(timeline.busySegments(0))).containsExactly(
                new Run(0, "win/0", 0, 2 * US),
                new Run(0, "win/0", MS, MS + 12 * US),
                new Run(0, "win/0", 2 * MS, 2 * MS + 12 * US),
                new Run(0, "win/0", 3 * MS, 3 * MS + 12 * US),
                new Run(0, "win/0", 4 * MS, 4 * MS + 12 * US),
                new Run(0, "win/0", 5 * MS, 5 * MS + 12 * US));
    }

    // vpt.c 162-178 (pt_save_timer stops a runnable VCPU's timer), 181-198 (pt_restore_timer
    // counts the missed ticks, 123-140) and 318-327 (pt_intr_post: one per injected interrupt):
    // xend's default mode 1 delivers every missed tick, back to back, when the VCPU runs again.
    @Test
    void missedTicksOfARunnableVcpuArriveBackToBackOnResumeInMode1() {
        List<Long> ticks = preempted(HvmTimerMode.NO_DELAY_FOR_MISSED_TICKS);
        assertThat(between(ticks, 0, 2300 * US)).containsExactly(MS, 2 * MS);
        assertThat(between(ticks, 2300 * US, 4600 * US)).isEmpty();      // held while descheduled
        List<Long> first = between(ticks, 4600 * US, 5 * MS);
        assertThat(first).hasSize(2);                                      // due at 3 and 4 ms
        assertBackToBack(first, 4600 * US);
        assertThat(between(ticks, 5 * MS, 6900 * US)).containsExactly(5 * MS, 6 * MS);
        assertThat(between(ticks, 6900 * US, 9200 * US)).isEmpty();
        List<Long> second = between(ticks, 9200 * US, 10 * MS);
        assertThat(second).hasSize(3);                                     // due at 7, 8 and 9 ms
        assertBackToBack(second, 9200 * US);
        assertThat(between(ticks, 10 * MS, 11500 * US)).containsExactly(10 * MS, 11 * MS);
    }

    // params.h 68-71 and vpt.c 142-160, 329-331: mode 0 differs from mode 1 only in holding the
    // guest's clock back while it is descheduled; the ticks it is given are the same.
    @Test
    void mode0DeliversTheSameTicksAsMode1() {
        assertThat(preempted(HvmTimerMode.DELAY_FOR_MISSED_TICKS))
                .isEqualTo(preempted(HvmTimerMode.NO_DELAY_FOR_MISSED_TICKS));
    }

    // vpt.c 310-317 (pt_intr_post collapses) after 181-198 (pt_restore_timer counts the missed
    // ticks as pending, 138): mode 3 gives one late tick on resume for any number missed.
    @Test
    void missedTicksCollapseIntoOneInMode3() {
        List<Long> ticks = preempted(HvmTimerMode.ONE_MISSED_TICK_PENDING);
        assertThat(ticks).containsExactly(MS, 2 * MS, 4600 * US, 5 * MS, 6 * MS, 9200 * US, 10 * MS, 11 * MS);
    }

    // vpt.c 135-136 (mode 2 counts no missed tick as pending, only sets do_not_freeze) and 210
    // (the next tick clears it again): a VCPU that runs through a tick after each preemption
    // gets none of the ticks it missed, and its ticks stay on their 1 ms grid.
    @Test
    void missedTicksAreDroppedInMode2() {
        List<Long> ticks = preempted(HvmTimerMode.NO_MISSED_TICKS_PENDING);
        assertThat(ticks).containsExactly(MS, 2 * MS, 5 * MS, 6 * MS, 10 * MS, 11 * MS);
    }

    // vpt.c 135-136 and 172-174: in mode 2 a preemption within the tick period after one that
    // missed ticks finds the timer running (do_not_freeze); the tick it fires is pending on resume.
    @Test
    void mode2KeepsTheTimerRunningThroughThePreemptionThatFollowsMissedTicks() {
        Ticker t = new Ticker(true);
        // 0.6 ms slices: the ticker runs [0, .6), [1.2, 1.8), [2.4, 2.9) ms
        Scenario s = Scenario.builder("vpt").platform(FixedCostPlatform.ideal(1)).duration(2900 * US).checked(true)
                .scheduler("round-robin", Map.of(RoundRobinProvider.SLICE, "0.6ms"))
                .domain(DomainSpec.builder("win").type(DomainType.HVM).timerMode(HvmTimerMode.NO_MISSED_TICKS_PENDING)
                        .workload("ticker", Guests.workload(i -> t)).build())
                .domain(DomainSpec.builder("hog").workload("hog", Guests.workload(i -> Guests.hog())).build())
                .build();
        Simulations.create(s).run();
        // the 1 ms tick, missed while frozen, is dropped at 1.2 and leaves the timer running; it
        // fires at 2 ms while the ticker is out, and that tick is injected at 2.4
        assertThat(t.ticks).containsExactly(2400 * US);
    }

    // Guest.startPeriodicTimer: a PV guest has no emulated clock device.
    @Test
    void aPvGuestCannotStartAPeriodicTimer() {
        Scenario s = base(FixedCostPlatform.ideal(1), MS)
                .domain(DomainSpec.builder("pv").workload("ticker", Guests.workload(i -> new Ticker(false))).build())
                .build();
        assertThatThrownBy(() -> Simulations.create(s).run())
                .hasMessageContaining("pv/0").hasMessageContaining("HVM");
    }
}
