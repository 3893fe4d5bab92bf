package io.github.vsched.core.metrics;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.Guest;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.QualityEvent;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.DispatchSeries.Dispatch;
import io.github.vsched.core.metrics.DispatchSeries.Event;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The dispatch series and the stutter recorder on runs with a known schedule: on an ideal
 * 2-PCPU machine (no costs) a "player" computes 100 us every 2 ms on PCPU 1, alone, so it is
 * dispatched at 0, 2, 4 ... ms and runs exactly 100 us each time; it reports its frames in a
 * fixed pattern. A hog keeps PCPU 0 busy and is never watched.
 */
class DispatchSeriesTest {
    private static final long PERIOD = 2 * MS;
    private static final long BURST = 100 * US;

    /**
     * Every 2 ms: compute the burst, then report the frame it finished by the pattern
     * (frame k's fate is {@code pattern[k % length]}; the value is k), then sleep.
     */
    private static GuestModel player(QualityEvent... pattern) {
        return new GuestModel() {
            long k;
            boolean computed;

            @Override
            public void next(Guest g) {
                if (!computed) {
                    computed = true;
                    g.compute(BURST);
                    return;
                }
                computed = false;
                if (pattern.length > 0) {
                    g.report(pattern[(int) (k % pattern.length)], k);
                }
                k++;
                g.setTimer(k * PERIOD, 0);
                g.block();
            }
        };
    }

    private static Simulation simulation(long duration, QualityEvent... pattern) {
        return Simulations.create(Scenario.builder("series")
                .platform(FixedCostPlatform.ideal(2)).duration(duration).checked(true)
                .scheduler("round-robin", Map.of())
                .domain(DomainSpec.builder("hog").affinity(CpuMask.of(0))
                        .workload("hog", Guests.workload(i -> Guests.hog())).build())
                .domain(DomainSpec.builder("player").affinity(CpuMask.of(1))
                        .workload("player", Guests.workload(i -> player(pattern))).build())
                .build());
    }

    @Test
    void aPeriodicVcpuAloneIsDispatchedEveryPeriodAndRunsItsBurst() {
        Simulation sim = simulation(21 * MS);
        DispatchSeries series = DispatchSeries.builder().build().watch(sim.vcpu("player", 0));
        sim.addListener(series);
        sim.run();

        List<Dispatch> d = series.dispatches("player/0");
        assertThat(d).hasSize(11);
        for (int k = 0; k < d.size(); k++) {
            assertThat(d.get(k).time()).as("dispatch %d", k).isEqualTo(k * PERIOD);
            assertThat(d.get(k).pcpu()).isEqualTo(1);
            assertThat(d.get(k).afterWake()).isTrue();
            assertThat(d.get(k).intervalNs()).isEqualTo(k == 0 ? DispatchSeries.NO_INTERVAL : PERIOD);
            assertThat(d.get(k).runNs()).isEqualTo(BURST);
        }
        assertThat(series.vcpus()).containsExactly("player/0");
        assertThat(series.truncated("player/0")).isFalse();
        assertThatThrownBy(() -> series.dispatches("hog/0")).hasMessageContaining("not watched");
    }

    @Test
    void onlyDispatchesInTheWindowAreKeptWithTheIntervalsTheyEnd() {
        Simulation sim = simulation(21 * MS);
        DispatchSeries series = DispatchSeries.builder().window(5 * MS, 10 * MS).build().watch(sim.vcpu("player", 0));
        sim.addListener(series);
        sim.run();

        // dispatches at 6, 8 and 10 ms; the one at 6 ms ends the interval that began at 4 ms
        assertThat(series.dispatches("player/0")).containsExactly(
                new Dispatch(6 * MS, 1, true, PERIOD, BURST),
                new Dispatch(8 * MS, 1, true, PERIOD, BURST),
                new Dispatch(10 * MS, 1, true, PERIOD, BURST));
    }

    @Test
    void memoryIsBoundedAndTheCutIsSaid() {
        Simulation sim = simulation(21 * MS, QualityEvent.FRAME_LATE);
        DispatchSeries series = DispatchSeries.builder().maxDispatches(4).maxEvents(2).build()
                .watch(sim.vcpu("player", 0));
        sim.addListener(series);
        sim.run();

        assertThat(series.dispatches("player/0")).extracting(Dispatch::time).containsExactly(0L, 2 * MS, 4 * MS, 6 * MS);
        assertThat(series.events("player/0")).hasSize(2);
        assertThat(series.truncated("player/0")).isTrue();
    }

    @Test
    void aDispatchStillRunningAtTheEndHasNoRunLength() {
        Simulation sim = simulation(4 * MS + 50 * US);
        DispatchSeries series = DispatchSeries.builder().build().watch(sim.vcpu("player", 0));
        sim.addListener(series);
        sim.run();

        List<Dispatch> d = series.dispatches("player/0");
        assertThat(d).last().isEqualTo(new Dispatch(4 * MS, 1, true, PERIOD, DispatchSeries.STILL_RUNNING));
    }

    @Test
    void theGuestsQualityEventsReachTheSeriesAtTheirTime() {
        Simulation sim = simulation(21 * MS, QualityEvent.FRAME_ON_TIME, QualityEvent.FRAME_LATE);
        DispatchSeries series = DispatchSeries.builder().window(3 * MS, 7 * MS).build().watch(sim.vcpu("player", 0));
        sim.addListener(series);
        sim.run();

        // frame k is reported at the end of its burst, k * 2 ms + 100 us
        assertThat(series.events("player/0")).containsExactly(
                new Event(4 * MS + BURST, QualityEvent.FRAME_ON_TIME, 2),
                new Event(6 * MS + BURST, QualityEvent.FRAME_LATE, 3));
    }

    /**
     * Frames in the pattern on time, late, late, dropped, on time, late (repeated): 11 frames
     * in 21 ms, frames 0..10: on time 0, 4, 6, 10; late 1, 2, 5, 7, 8; dropped 3, 9. The longest
     * run not on time is frames 1..3; the first stutter is frame 1, at 2.1 ms.
     */
    @Test
    void theStutterRecorderCountsFramesAndTheLongestLateRun() {
        QualityEvent on = QualityEvent.FRAME_ON_TIME;
        QualityEvent late = QualityEvent.FRAME_LATE;
        Simulation sim = simulation(21 * MS, on, late, late, QualityEvent.FRAME_DROPPED, on, late);
        StutterRecorder stutter = new StutterRecorder();
        sim.addListener(stutter);
        sim.run();

        StutterRecorder.Stutter s = stutter.stutter(sim.vcpu("player", 0));
        assertThat(s).isEqualTo(new StutterRecorder.Stutter(4, 5, 2, 3, 0, 0, 0, 2 * MS + BURST));
        assertThat(s.frames()).isEqualTo(11);
        assertThat(s.video()).isTrue();
        assertThat(s.audio()).isFalse();
        assertThat(stutter.stutter(sim.vcpu("hog", 0))).isEqualTo(StutterRecorder.Stutter.NONE);
    }

    /**
     * On the hot path the recorders allocate nothing once their arrays have grown: after a
     * warm-up that fills the series to its bound, 100,000 more dispatches, deschedules and
     * quality events allocate (almost) nothing.
     */
    @Test
    void recordingAllocatesNothingOnceTheArraysHaveGrown() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        assumeThat(mx).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
        assumeThat(bean.isThreadAllocatedMemorySupported()).isTrue();
        bean.setThreadAllocatedMemoryEnabled(true);
        Simulation sim = simulation(MS);
        VcpuView player = sim.vcpu("player", 0);
        VcpuView hog = sim.vcpu("hog", 0);
        PcpuView pcpu = sim.pcpu(1);
        DispatchSeries series = DispatchSeries.builder().maxDispatches(1_000).maxEvents(1_000).build().watch(player);
        StutterRecorder stutter = new StutterRecorder();
        Runnable steps = () -> {
            for (long t = 0; t < 100_000; t++) {
                series.onDispatch(pcpu, player, t * 10, t % 3 == 0);
                series.onDispatch(pcpu, hog, t * 10 + 1, true);
                series.onDeschedule(pcpu, player, t * 10 + 5);
                series.onQuality(player, QualityEvent.FRAME_LATE, t, t * 10 + 5);
                stutter.onQuality(player, t % 2 == 0 ? QualityEvent.FRAME_ON_TIME : QualityEvent.FRAME_LATE, t, t);
                stutter.onQuality(player, QualityEvent.AUDIO_UNDERRUN, t, t);
            }
        };
        steps.run(); // warm-up: JIT, the arrays grown to their bounds
        long tid = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(tid);
        steps.run();
        long allocated = bean.getThreadAllocatedBytes(tid) - before;
        assertThat(allocated).as("allocated %d bytes in 100,000 steps", allocated).isLessThan(16_384);
        assertThat(series.truncated("player/0")).isTrue();
        assertThat(series.dispatches("player/0")).hasSize(1_000);
        assertThat(stutter.stutter(player).underruns()).isEqualTo(200_000);
    }

    @Test
    void underrunsAddUpTheirDurations() {
        Simulation sim = simulation(21 * MS, QualityEvent.AUDIO_WRITE, QualityEvent.AUDIO_UNDERRUN);
        StutterRecorder stutter = new StutterRecorder();
        sim.addListener(stutter);
        sim.run();

        // underruns are reported for k = 1, 3, 5, 7, 9 with the value k (ns)
        StutterRecorder.Stutter s = stutter.stutter(sim.vcpu("player", 0));
        assertThat(s.underruns()).isEqualTo(5);
        assertThat(s.underrunNs()).isEqualTo(1 + 3 + 5 + 7 + 9);
        assertThat(s.audioWrites()).isEqualTo(6);
        assertThat(s.audio()).isTrue();
        assertThat(s.video()).isFalse();
        assertThat(s.firstStutterNs()).isEqualTo(2 * MS + BURST);
    }
}
