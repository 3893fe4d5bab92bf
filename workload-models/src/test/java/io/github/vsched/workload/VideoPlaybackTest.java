package io.github.vsched.workload;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.Hypercall;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.PlatformCosts;
import io.github.vsched.api.QualityEvent;
import io.github.vsched.api.Topology;
import io.github.vsched.api.Workload;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.VcpuStats;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.S;
import static io.github.vsched.api.Durations.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The video model: demand on an idle machine, frame rules by hand, randomness, contention, validation. */
class VideoPlaybackTest {
    static final VideoPlaybackProvider VIDEO = new VideoPlaybackProvider();

    static SimulationResult runOnPcpu1(Scenario.Builder b, Map<String, String> video, boolean hog) {
        b.domain(Scenarios.dom0(1, CpuMask.of(0)))
                .domain(Scenarios.guest("winxp", DomainType.HVM, 1, CpuMask.of(1), "video-playback", video));
        if (hog) {
            b.domain(Scenarios.guest("hog", DomainType.PV, 1, CpuMask.of(1), "cpu-hog", Map.of()));
        }
        return Scenarios.run(b);
    }

    /**
     * The paper's idle case: 60 us every 2.3 ms, plus two VM exits of the emulated LAPIC timer
     * (its EOI and re-arming it, 2 us each here): 64 us, 2.78% of a PCPU (plus the reads' 20 us
     * every 400 ms); dispatches every 2.3 ms and no frame late or dropped.
     */
    @Test
    void defaultVideoOnAnIdleMachineUsesTheBurstEveryPeriodAndMissesNoFrame() {
        SimulationResult r = runOnPcpu1(Scenarios.scenario("video-idle", 2, 5 * S), Map.of(), false);
        VcpuStats v = r.vcpu("winxp", 0);
        Map<String, Double> m = r.workloads().get("winxp");

        long timerExits = 2 * Scenarios.VM_EXIT;
        assertThat(v.cpuShare()).isCloseTo((60.0 * US + timerExits) / (2300 * US), within(0.0005));
        assertThat(v.dispatchInterval().p50()).isCloseTo(2300 * US, within(25 * US));
        assertThat(v.runLength().p50()).isCloseTo(60 * US + timerExits, within(US));
        assertThat(m.get("framesLate")).isZero();
        assertThat(m.get("framesDropped")).isZero();
        assertThat(m.get("framesOnTime")).isEqualTo(m.get("frames")).isBetween(120.0, 125.0);
        assertThat(m.get("readStalls")).isZero();
        assertThat(m.get("reads")).isBetween(12.0, 14.0); // one per 10 frames, plus the first
        // the read path: 4 VM exits, the device model in and out, the disk, the notification
        assertThat(m.get("readLatencyP99Ms")).isCloseTo((8 + 100 + 4000 + 103 + 5) / 1000.0, within(0.03));
    }

    /**
     * The same guest in the Q6600's real TSC units: 2300000tsc and 60000tsc at 2.4 GHz, the same
     * 2.6% decode duty cycle (the timer's VM exits weigh more at the shorter period).
     */
    @Test
    void tscReadingGivesTheSameDutyCycleAtAShorterPeriod() {
        FixedCostPlatform q = new FixedCostPlatform("tsc-2.4GHz", Topology.flat(2), 2_400_000_000L, 1L << 40,
                PlatformCosts.DEFAULTS, Scenarios.COSTS).withIo(Scenarios.COSTS, Scenarios.VM_EXIT, Scenarios.EVTCHN);
        Scenario.Builder b = Scenario.builder("video-tsc").platform(q).duration(2 * S).checked(true)
                .scheduler("round-robin", Map.of());
        SimulationResult r = runOnPcpu1(b, Map.of("period", "2300000tsc", "burst", "60000tsc"), false);
        VcpuStats v = r.vcpu("winxp", 0);
        assertThat(v.dispatchInterval().p50()).isCloseTo(958_333, within(10 * US));
        long timerExits = 2 * Scenarios.VM_EXIT;
        assertThat(v.runLength().p50()).isCloseTo(25 * US + timerExits, within(US));
        assertThat(v.cpuShare()).isCloseTo((25.0 * US + timerExits) / 958_333, within(0.0008));
        assertThat(r.workloads().get("winxp").get("framesLate")).isZero();
    }

    /**
     * A CPU hog shares the video's PCPU under round-robin: the video waits for the hog's slice
     * to end. 1 ms slices delay each wake-up by under 1 ms, inside the 2.3 ms a frame's last
     * wake-up has: no frame late. 10 ms slices batch the wake-ups (longer runs) and make most
     * frames late, none dropped (a wait under 10 ms is far below the 40 ms drop margin).
     * 100 ms slices drop frames.
     */
    @Test
    void framesDegradeAsAHogsSliceGrows() {
        SimulationResult s1 = runOnPcpu1(Scenarios.scenario("video-hog-1ms", 2, 4 * S, MS), Map.of(), true);
        SimulationResult s10 = runOnPcpu1(Scenarios.scenario("video-hog-10ms", 2, 4 * S, 10 * MS), Map.of(), true);
        SimulationResult s100 = runOnPcpu1(Scenarios.scenario("video-hog-100ms", 2, 4 * S, 100 * MS), Map.of(), true);
        Map<String, Double> m1 = s1.workloads().get("winxp");
        Map<String, Double> m10 = s10.workloads().get("winxp");
        Map<String, Double> m100 = s100.workloads().get("winxp");

        assertThat(m1.get("framesLate") + m1.get("framesDropped")).isZero();
        assertThat(m10.get("framesLate") / m10.get("frames")).isGreaterThan(0.5);
        assertThat(m10.get("framesDropped")).isZero();
        assertThat(m10.get("latenessMaxMs")).isLessThan(10);
        assertThat(m100.get("framesDropped") / m100.get("frames")).isGreaterThan(0.3);
        // batching: the paper's "average run length grows"
        assertThat(s10.vcpu("winxp", 0).runLength().mean()).isGreaterThan(2 * s1.vcpu("winxp", 0).runLength().mean());
        assertThat(s10.vcpu("winxp", 0).dispatchInterval().p99()).isGreaterThan(8 * MS);
    }

    /**
     * Frame rules by hand (no reads, fixed 60 us bursts, t0 = 0). Frame 2 is wake-ups 35..52
     * (80.5..119.6 ms); its deadline is wake-up 53's release, 121.9 ms. Not running in
     * [100, 150) ms: at 150 ms wake-ups 44..52 run back to back and frame 2 is done at
     * 150.54 ms, 28.64 ms late; frame 3 catches up before its deadline (161.0 ms).
     */
    @Test
    void aStallMakesExactlyTheFramesItCoversLate() {
        Workload w = Models.create(VIDEO, DomainType.HVM, 1, 1, Map.of("readEveryFrames", "0"));
        SoloDriver d = new SoloDriver(w.vcpu(0)).blackout(100 * MS, 150 * MS).runUntil(400 * MS);
        Map<String, Double> m = w.metrics(400 * MS);
        assertThat(m.get("framesLate")).isEqualTo(1.0);
        assertThat(m.get("framesDropped")).isZero();
        assertThat(m.get("latenessMaxMs")).isCloseTo(28.64, within(0.15));
        assertThat(d.cpuNs()).isEqualTo(174 * 60 * US); // wake-ups 0..173 (released by 400 ms) all ran
    }

    /**
     * Not running in [100, 200) ms: frame 2's drop time (121.9 + 40 ms) has passed, so its
     * remaining wake-ups are skipped; frame 3's 17 wake-ups run from 200 ms and end at
     * 201.02 ms, after its drop time 201.0 ms: dropped too. Frame 4 (deadline 200.1 ms) is done
     * at 202.04 ms: late.
     */
    @Test
    void framesNotDoneByTheirDropTimeAreDroppedAndTheirWorkAbandoned() {
        Workload w = Models.create(VIDEO, DomainType.HVM, 1, 1, Map.of("readEveryFrames", "0"));
        SoloDriver d = new SoloDriver(w.vcpu(0)).blackout(100 * MS, 200 * MS).runUntil(400 * MS);
        Map<String, Double> m = w.metrics(400 * MS);
        assertThat(m.get("framesDropped")).isEqualTo(2.0);
        assertThat(m.get("framesLate")).isEqualTo(1.0);
        assertThat(m.get("latenessMaxMs")).isCloseTo(1.94, within(0.02));
        assertThat(m.get("decodeBurstsSkipped")).isEqualTo(9.0); // wake-ups 44..52
        assertThat(d.cpuNs()).isEqualTo((174 - 9) * 60 * US);
    }

    /**
     * The frames of {@link #framesNotDoneByTheirDropTimeAreDroppedAndTheirWorkAbandoned} as
     * they are told: frame 2 dropped when the player runs again at 200 ms (78.1 ms after its
     * deadline), frame 3 dropped at 201.02 ms, frame 4 late by 1.94 ms at 202.04 ms; every
     * other frame on time.
     */
    @Test
    void eachFramesFateIsToldWhenItIsDecided() {
        Workload w = Models.create(VIDEO, DomainType.HVM, 1, 1, Map.of("readEveryFrames", "0"));
        SoloDriver d = new SoloDriver(w.vcpu(0)).blackout(100 * MS, 200 * MS).runUntil(400 * MS);
        Map<String, Double> m = w.metrics(400 * MS);
        List<SoloDriver.Report> dropped = d.reports(QualityEvent.FRAME_DROPPED);
        assertThat(dropped).hasSize(2);
        assertThat(dropped.get(0).time()).isEqualTo(200 * MS);
        assertThat(dropped.get(0).value()).isCloseTo(78_100 * US, within(100 * US));
        assertThat(dropped.get(1).time()).isCloseTo(201_020 * US, within(10 * US));
        List<SoloDriver.Report> late = d.reports(QualityEvent.FRAME_LATE);
        assertThat(late).hasSize(1);
        assertThat(late.get(0).time()).isCloseTo(202_040 * US, within(10 * US));
        assertThat(late.get(0).value() / 1e6).isCloseTo(m.get("latenessMaxMs"), within(0.002));
        assertThat((double) d.reports(QualityEvent.FRAME_ON_TIME).size()).isEqualTo(m.get("framesOnTime"));
        assertThat(d.reports(QualityEvent.FRAME_ON_TIME)).allSatisfy(r -> assertThat(r.value()).isNotNegative());
        assertThat(d.reports).extracting(SoloDriver.Report::time).isSorted();
    }

    /** A player starved until the end still reports the frames whose drop time has passed as dropped. */
    @Test
    void framesPastTheirDropTimeAtTheEndCountAsDropped() {
        Workload w = Models.create(VIDEO, DomainType.HVM, 1, 1, Map.of("readEveryFrames", "0"));
        new SoloDriver(w.vcpu(0)).blackout(100 * MS, 10 * S).runUntil(500 * MS).advanceTo(500 * MS);
        Map<String, Double> m = w.metrics(500 * MS);
        assertThat(m.get("framesOnTime")).isEqualTo(2.0); // frames 0 and 1
        // frames 2..10 passed their drop times (161.9 ... 481.6 ms); frame 11's (520.7 ms) is still ahead
        assertThat(m.get("framesDropped")).isEqualTo(9.0);
        assertThat(m.get("frames")).isEqualTo(11.0);
    }

    /** Catching up after a delay does not change any wake-up's demand: the burst sequence is the same. */
    @Test
    void batchingPreservesEachWakeupsDemand() {
        Map<String, String> p = Map.of("readEveryFrames", "0", "burstDistribution", "lognormal", "burstCv", "0.5");
        SoloDriver free = new SoloDriver(Models.create(VIDEO, DomainType.HVM, 1, 9, p).vcpu(0)).runUntil(S);
        SoloDriver held = new SoloDriver(Models.create(VIDEO, DomainType.HVM, 1, 9, p).vcpu(0))
                .blackout(100 * MS, 130 * MS).blackout(500 * MS, 510 * MS).runUntil(S);
        assertThat(held.computeDurations()).containsExactly(free.computeDurations());
    }

    /** KS tests (alpha 0.01, fixed seed) of the decode bursts against each distribution's CDF. */
    @Test
    void burstsFollowTheirDistributions() {
        double mean = 60 * US;
        double[] logn = bursts(Map.of("burstDistribution", "lognormal", "burstCv", "0.5"));
        double s2 = Math.log(1 + 0.25);
        double mu = Math.log(mean) - s2 / 2;
        assertThat(Stats.ks(logn, x -> Stats.phi((Math.log(x) - mu) / Math.sqrt(s2))))
                .isLessThan(Stats.ksCritical(logn.length));

        double[] norm = bursts(Map.of("burstDistribution", "normal", "burstCv", "0.3"));
        assertThat(Stats.ks(norm, x -> Stats.phi((x - mean) / (0.3 * mean)))).isLessThan(Stats.ksCritical(norm.length));

        double[] exp = bursts(Map.of("burstDistribution", "exponential"));
        assertThat(Stats.ks(exp, x -> 1 - Math.exp(-x / mean))).isLessThan(Stats.ksCritical(exp.length));

        double[] fixed = bursts(Map.of());
        assertThat(fixed).containsOnly(mean);
    }

    private static double[] bursts(Map<String, String> p) {
        Map<String, String> all = new HashMap<>(p);
        all.put("readEveryFrames", "0");
        SoloDriver d = new SoloDriver(Models.create(VIDEO, DomainType.HVM, 1, 3, all).vcpu(0)).runUntil(5 * S);
        assertThat(d.computes).hasSizeGreaterThan(2000);
        return Stats.toDoubles(d.computeDurations());
    }

    /** Reads slower than the frames they hold stall the player and cost frames. */
    @Test
    void readsSlowerThanPlaybackStallThePlayer() {
        Workload fast = Models.create(VIDEO, DomainType.HVM, 1, 1, Map.of());
        new SoloDriver(fast.vcpu(0)).ioLatency(5 * MS).runUntil(2 * S);
        assertThat(fast.metrics(2 * S).get("readStalls")).isZero();
        assertThat(fast.metrics(2 * S).get("framesOnTime")).isEqualTo(fast.metrics(2 * S).get("frames")).isGreaterThan(45.0);

        Workload slow = Models.create(VIDEO, DomainType.HVM, 1, 1, Map.of());
        SoloDriver d = new SoloDriver(slow.vcpu(0)).ioLatency(600 * MS).runUntil(5 * S); // 10 frames take 400 ms
        Map<String, Double> m = slow.metrics(5 * S);
        assertThat(m.get("readStalls")).isGreaterThan(2.0);
        assertThat(m.get("framesLate") + m.get("framesDropped")).isGreaterThan(10.0);
        assertThat(d.ios).allSatisfy(io -> assertThat(io[2]).isEqualTo(65_536));
    }

    /**
     * With the multimedia timer, the RTC's 1024 Hz tick (976.563 us; the first one period after
     * the player's start) costs 5 us each on top of the decode bursts: 1023 ticks are due in the
     * first second (the last may still be unhandled at its end), not the 1000 of a 1 ms clock.
     */
    @Test
    void multimediaTimerAddsTheRtcsTick() {
        Workload w = Models.create(VIDEO, DomainType.HVM, 1, 1, Map.of("readEveryFrames", "0", "multimediaTimer", "true"));
        SoloDriver d = new SoloDriver(w.vcpu(0)).runUntil(S);
        double ticks = w.metrics(S).get("ticks");
        assertThat(ticks).isBetween(1022.0, 1023.0);
        long decode = (long) (double) w.metrics(S).get("decodeBursts") * 60 * US;
        assertThat(d.cpuNs() - decode).isEqualTo((long) ticks * 5 * US);
        assertThat(w.metrics(S).get("framesLate")).isZero();
    }

    /** The clock tick is a periodic timer of the emulated RTC: an HVM device, refused for PV; tickPeriod sets it. */
    @Test
    void multimediaTimerIsAnHvmClockWithAPeriod() {
        assertThatThrownBy(() -> Models.create(VIDEO, DomainType.PV, 1, 1, Map.of("multimediaTimer", "true")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("HVM");
        assertThatThrownBy(() -> Models.create(VIDEO, DomainType.HVM, 1, 1, Map.of("tickPeriod", "1ms")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("multimediaTimer is false");
        Workload w = Models.create(VIDEO, DomainType.HVM, 1, 1, Map.of("readEveryFrames", "0",
                "multimediaTimer", "true", "tickPeriod", "15.625ms", "tickCpu", "0ns"));
        new SoloDriver(w.vcpu(0)).runUntil(S + MS);
        assertThat(w.metrics(S + MS).get("ticks")).isEqualTo(64.0);
    }

    /**
     * Showing a frame through the emulated display: three accesses after each frame's last decode,
     * one at a time, each a VM exit (2 us), the device model in dom0 (100 us) and the notification
     * back (5 us) while the VCPU waits; dom0 idles on its own PCPU, so every access takes 107 us
     * and the frames stay on time.
     */
    @Test
    void presentAccessesMakeEachFrameWaitForTheDeviceModel() {
        SimulationResult r = runOnPcpu1(Scenarios.scenario("video-present", 2, 2 * S),
                Map.of("readEveryFrames", "0", "presentAccesses", "3"), false);
        Map<String, Double> m = r.workloads().get("winxp");
        double shown = m.get("framesOnTime") + m.get("framesLate");
        assertThat(m.get("framesOnTime")).isEqualTo(m.get("frames")).isBetween(49.0, 50.0);
        assertThat(m.get("deviceAccesses")).isBetween(3 * shown, 3 * shown + 3);
        assertThat(m.get("deviceAccessP99Us")).isCloseTo(107, within(1.0));
        assertThat(m.get("deviceAccessMaxUs")).isCloseTo(107, within(0.5));
        // dom0 spends the device model's 100 us on each access: all of it is work the HVM guest causes
        assertThat(r.workloads().get("dom0").get("deviceModelCpuMs"))
                .isCloseTo(m.get("deviceAccesses") * 0.1, within(0.05));
    }

    /**
     * Sound: the card's interrupt every 10 ms from the start of playback costs 50 us and five
     * accesses; on an idle machine none is merged, and the frames stay on time.
     */
    @Test
    void soundInterruptsComeEverySoundPeriodWithTheirAccesses() {
        SimulationResult r = runOnPcpu1(Scenarios.scenario("video-sound", 2, S),
                Map.of("readEveryFrames", "0", "sound", "true"), false);
        Map<String, Double> m = r.workloads().get("winxp");
        assertThat(m.get("soundInterrupts")).isBetween(98.0, 100.0);
        assertThat(m.get("soundInterruptsMerged")).isZero();
        assertThat(m.get("deviceAccesses")).isBetween(5 * m.get("soundInterrupts") - 5, 5 * m.get("soundInterrupts"));
        assertThat(m.get("framesOnTime")).isEqualTo(m.get("frames"));
    }

    /** Shadow page faults lengthen each decode by the expected faults' cost: 60 us x 20/ms x 3 us = 3.6 us. */
    @Test
    void shadowFaultsLengthenEachDecodeBurst() {
        Workload w = Models.create(VIDEO, DomainType.HVM, 1, 1, Map.of("readEveryFrames", "0",
                "shadowFaultsPerMs", "20"));
        SoloDriver d = new SoloDriver(w.vcpu(0)).runUntil(100 * MS);
        assertThat(d.computes).isNotEmpty().allSatisfy(c -> assertThat(c[1]).isEqualTo(63_600));
    }

    /** Emulated devices and shadow paging belong to HVM guests; their details need them switched on. */
    @Test
    void emulatedDevicesAndShadowPagingAreHvmOnly() {
        for (Map<String, String> p : List.of(Map.of("presentAccesses", "2"), Map.of("sound", "true"),
                Map.of("shadowFaultsPerMs", "5"))) {
            assertThatThrownBy(() -> Models.create(VIDEO, DomainType.PV, 1, 1, p))
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("HVM");
        }
        assertThatThrownBy(() -> Models.create(VIDEO, DomainType.HVM, 1, 1, Map.of("soundAccesses", "2")))
                .hasMessageContaining("g.soundAccesses").hasMessageContaining("sound is false");
        assertThatThrownBy(() -> Models.create(VIDEO, DomainType.HVM, 1, 1, Map.of("shadowFaultCpu", "2us")))
                .hasMessageContaining("shadowFaultsPerMs is 0");
    }

    /** The hypercall carries sbt and usbt; a grant is recorded, and ENOSYS (round-robin) is survived. */
    @Test
    void softRealtimeRequestIsRecordedWhateverTheAnswer() {
        Workload w = Models.create(VIDEO, DomainType.HVM, 1, 1, Map.of("requestRealtime", "true",
                "readEveryFrames", "0"));
        SoloDriver d = new SoloDriver(w.vcpu(0)).hypercallResult(Hypercall.OK).runUntil(10 * MS);
        assertThat(d.hypercalls).hasSize(1);
        assertThat(d.hypercalls.get(0)).containsExactly(Hypercall.SCHEDOP_SOFT_REALTIME, 60 * US, 2300 * US);
        assertThat(w.metrics(10 * MS).get("realtimeGranted")).isEqualTo(1.0);

        SimulationResult r = runOnPcpu1(Scenarios.scenario("video-rt-rr", 2, S),
                Map.of("requestRealtime", "true", "sbt", "25us", "usbt", "1ms"), false);
        Map<String, Double> m = r.workloads().get("winxp");
        assertThat(m.get("realtimeRequested")).isEqualTo(1.0);
        assertThat(m.get("realtimeGranted")).isZero();
        assertThat(m.get("realtimeResult")).isEqualTo((double) Hypercall.ENOSYS);
        assertThat(m.get("framesOnTime")).isEqualTo(m.get("frames")).isGreaterThan(20.0);
    }

    @Test
    void invalidCombinationsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> Models.create(VIDEO, DomainType.HVM, 1, 1, Map.of("period", "50ms")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'workload video-playback of domain g.period'")
                .hasMessageContaining("'50ms'")
                .hasMessageContaining("at most one frame interval (40ms at fps 25)");
        assertThatThrownBy(() -> Models.create(VIDEO, DomainType.HVM, 1, 1, Map.of("sbt", "30us")))
                .hasMessageContaining("g.sbt").hasMessageContaining("requestRealtime is false");
        assertThatThrownBy(() -> Models.create(VIDEO, DomainType.HVM, 1, 1, Map.of("burstCv", "0.3")))
                .hasMessageContaining("g.burstCv").hasMessageContaining("burstDistribution=fixed");
        assertThatThrownBy(() -> Models.create(VIDEO, DomainType.HVM, 1, 1,
                Map.of("burstDistribution", "normal", "burstCv", "0.8")))
                .hasMessageContaining("'0.8'").hasMessageContaining("at most 0.5");
        assertThatThrownBy(() -> Models.create(VIDEO, DomainType.HVM, 1, 1, Map.of("burst", "0us")))
                .hasMessageContaining("g.burst").hasMessageContaining("[1us, 100ms]");
        assertThatThrownBy(() -> Models.create(VIDEO, DomainType.HVM, 1, 1,
                Map.of("readEveryFrames", "0", "readBytes", "4096")))
                .hasMessageContaining("readEveryFrames is 0");
    }

    /** Secondary VCPUs stay blocked; the player is VCPU 0. */
    @Test
    void secondVcpuStaysParked() {
        Scenario.Builder b = Scenarios.scenario("video-2vcpu", 2, S)
                .domain(Scenarios.dom0(1, CpuMask.of(0)))
                .domain(Scenarios.guest("winxp", DomainType.HVM, 2, CpuMask.of(1), "video-playback", Map.of()));
        SimulationResult r = Simulations.create(b.build()).run();
        assertThat(r.vcpu("winxp", 1).runningNs()).isZero();
        assertThat(r.vcpu("winxp", 0).cpuShare()).isGreaterThan(0.02);
    }
}
