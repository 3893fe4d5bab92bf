package io.github.vsched.workload;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.QualityEvent;
import io.github.vsched.api.Workload;
import io.github.vsched.core.SimulationResult;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.S;
import static io.github.vsched.api.Durations.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The audio model: 5% on an idle machine, underruns by hand and under a hog, randomness, validation. */
class AudioPlaybackTest {
    static final AudioPlaybackProvider AUDIO = new AudioPlaybackProvider();

    static SimulationResult run(long slice, boolean hog, Map<String, String> audio, long duration) {
        var b = Scenarios.scenario("audio", 1, duration, slice)
                .domain(Scenarios.guest("audio", DomainType.HVM, 1, CpuMask.of(0), "audio-playback", audio));
        if (hog) {
            b.domain(Scenarios.guest("hog", DomainType.PV, 1, CpuMask.of(0), "cpu-hog", Map.of()));
        }
        return Scenarios.run(b);
    }

    /** Default: 0.5 ms per 10 ms of audio is 5% of a CPU (plus the 2 ms prefill), and no underrun. */
    @Test
    void defaultAudioUsesFivePercentAndNeverUnderruns() {
        SimulationResult r = run(10 * MS, false, Map.of(), 5 * S);
        Map<String, Double> m = r.workloads().get("audio");
        assertThat(r.vcpu("audio", 0).cpuShare()).isCloseTo(0.05, within(0.001));
        assertThat(m.get("underruns")).isZero();
        assertThat(m.get("underrunMs")).isZero();
        // steady state: the buffer is down to 40 - 10 - 0.5 ms when a refill's write lands
        assertThat(m.get("levelMinMs")).isCloseTo(29.5, within(0.01));
        assertThat(m.get("refills")).isCloseTo(500, within(1.0));
    }

    /**
     * An HVM guest's AC97 card: each refill's audio lands after five accesses, each a round trip
     * through qemu-dm in dom0 on its own PCPU (2 us VM exit + 100 us + 5 us): the buffer is down by
     * 5 x 107 us more when the write lands, and no underrun.
     */
    @Test
    void writeAccessesDelayEachRefillByTheirRoundTrips() {
        var b = Scenarios.scenario("audio-hvm", 2, 2 * S)
                .domain(Scenarios.dom0(1, CpuMask.of(1)))
                .domain(Scenarios.guest("audio", DomainType.HVM, 1, CpuMask.of(0), "audio-playback",
                        Map.of("writeAccesses", "5")));
        Map<String, Double> m = Scenarios.run(b).workloads().get("audio");
        assertThat(m.get("deviceAccesses")).isCloseTo(5 * m.get("refills"), within(5.0));
        assertThat(m.get("levelMinMs")).isCloseTo(29.5 - 5 * 0.107, within(0.01));
        assertThat(m.get("underruns")).isZero();
        assertThatThrownBy(() -> Models.create(AUDIO, DomainType.PV, 1, 1, Map.of("writeAccesses", "5")))
                .hasMessageContaining("writeAccesses").hasMessageContaining("HVM");
    }

    /**
     * A hog shares the PCPU under round-robin. With 10 ms slices the player waits at most 10 ms
     * and the 40 ms buffer covers it. With 100 ms slices each cycle is: the player refills the
     * whole buffer (2 ms), the hog runs 100 ms, the buffer runs dry after 40 ms: an underrun of
     * 100 + 2 - 40 = 62 ms every 102 ms, about 61% of the time.
     */
    @Test
    void aHogsLongSlicesEmptyTheBuffer() {
        Map<String, Double> short10 = run(10 * MS, true, Map.of(), 3 * S).workloads().get("audio");
        assertThat(short10.get("underruns")).isZero();
        assertThat(short10.get("levelMinMs")).isGreaterThan(15.0);

        Map<String, Double> long100 = run(100 * MS, true, Map.of(), 3 * S).workloads().get("audio");
        assertThat(long100.get("underruns")).isBetween(27.0, 31.0);
        assertThat(long100.get("underrunMs") / 3000).isCloseTo(62.0 / 102, within(0.03));
        assertThat(long100.get("levelMinMs")).isZero();
    }

    /**
     * By hand: steady state writes land at r + 0.5 ms leaving 39.5 ms. The last write before the
     * player is held off in [100, 160) ms lands at 90.5 ms, so the buffer is empty from 130 ms;
     * at 160 ms the player refills all 40 ms (2 ms of CPU) and the write at 162 ms ends a single
     * underrun of 32 ms.
     */
    @Test
    void aStallLongerThanTheBufferIsOneUnderrunOfExactlyTheGap() {
        Workload w = Models.create(AUDIO, DomainType.HVM, 1, 1, Map.of("randomStart", "false"));
        SoloDriver d = new SoloDriver(w.vcpu(0)).blackout(100 * MS, 160 * MS).runUntil(400 * MS);
        Map<String, Double> m = w.metrics(400 * MS);
        assertThat(m.get("underruns")).isEqualTo(1.0);
        assertThat(m.get("underrunMs")).isEqualTo(32.0);
        assertThat(d.computes).anySatisfy(c -> assertThat(c).containsExactly(160 * MS, 2 * MS));
    }

    /**
     * The same stall as it is told: the write at 162 ms ends an underrun of 32 ms and finds the
     * buffer empty; from the third write on, each finds 29.5 ms (the 39.5 ms the last one left,
     * less a period played); the prefill found nothing.
     */
    @Test
    void underrunsAndWritesAreToldWhenTheyHappen() {
        Workload w = Models.create(AUDIO, DomainType.HVM, 1, 1, Map.of("randomStart", "false"));
        SoloDriver d = new SoloDriver(w.vcpu(0)).blackout(100 * MS, 160 * MS).runUntil(400 * MS);
        List<SoloDriver.Report> underruns = d.reports(QualityEvent.AUDIO_UNDERRUN);
        assertThat(underruns).containsExactly(new SoloDriver.Report(162 * MS, QualityEvent.AUDIO_UNDERRUN, 32 * MS));
        List<SoloDriver.Report> writes = d.reports(QualityEvent.AUDIO_WRITE);
        assertThat((double) writes.size()).isEqualTo(w.metrics(400 * MS).get("refills"));
        assertThat(writes).filteredOn(r -> r.time() == 162 * MS).extracting(SoloDriver.Report::value).containsExactly(0L);
        assertThat(writes.get(0).value()).isZero();
        assertThat(writes).filteredOn(r -> r.time() > 20 * MS && r.time() < 100 * MS)
                .allSatisfy(r -> assertThat(r.value()).isEqualTo(29_500 * US));
    }

    /** An underrun still going on when the run ends counts, with its duration so far. */
    @Test
    void anUnderrunUnderWayAtTheEndCounts() {
        Workload w = Models.create(AUDIO, DomainType.HVM, 1, 1, Map.of("randomStart", "false"));
        new SoloDriver(w.vcpu(0)).blackout(100 * MS, 10 * S).runUntil(S).advanceTo(200 * MS);
        assertThat(w.metrics(200 * MS).get("underruns")).isEqualTo(1.0);
        assertThat(w.metrics(200 * MS).get("underrunMs")).isCloseTo(200 - 90.5 - 39.5, within(1e-9));
    }

    /** KS (alpha 0.01, fixed seed): in steady state every refill writes one period, so its burst is the drawn one. */
    @Test
    void refillBurstsFollowTheirDistribution() {
        Workload w = Models.create(AUDIO, DomainType.PV, 1, 5,
                Map.of("burstDistribution", "normal", "burstCv", "0.3"));
        SoloDriver d = new SoloDriver(w.vcpu(0)).runUntil(30 * S);
        double[] bursts = Arrays.copyOfRange(Stats.toDoubles(d.computeDurations()), 2, d.computes.size());
        assertThat(bursts.length).isGreaterThan(2500);
        double mean = 500 * US;
        assertThat(Stats.ks(bursts, x -> Stats.phi((x - mean) / (0.3 * mean)))).isLessThan(Stats.ksCritical(bursts.length));
        assertThat(w.metrics(30 * S).get("underruns")).isZero();
    }

    /** With randomStart (the default) playback starts within the first period, at a seed-dependent instant. */
    @Test
    void playbackStartsAtARandomInstantOfTheFirstPeriod() {
        java.util.Set<Long> starts = new java.util.HashSet<>();
        for (long seed = 1; seed <= 5; seed++) {
            Workload w = Models.create(AUDIO, DomainType.HVM, 1, seed, Map.of());
            SoloDriver d = new SoloDriver(w.vcpu(0)).runUntil(100 * MS);
            long start = d.computes.get(0)[0];
            assertThat(start).isBetween(0L, 10 * MS - 1);
            starts.add(start);
        }
        assertThat(starts).hasSize(5);
    }

    @Test
    void periodMustBeShorterThanTheBuffer() {
        assertThatThrownBy(() -> Models.create(AUDIO, DomainType.HVM, 1, 1, Map.of("bufferMs", "10", "period", "10ms")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("g.period").hasMessageContaining("'10ms'")
                .hasMessageContaining("less than bufferMs (10ms)");
        assertThatThrownBy(() -> Models.create(AUDIO, DomainType.HVM, 1, 1, Map.of("bufferMs", "40ms")))
                .hasMessageContaining("g.bufferMs").hasMessageContaining("a whole number in [1, 10000] ms");
    }
}
