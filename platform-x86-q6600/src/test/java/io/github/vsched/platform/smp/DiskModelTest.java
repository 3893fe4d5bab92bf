package io.github.vsched.platform.smp;

import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.Parameters;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Statistics of the disk model with fixed seeds. Bounds are four standard errors (or a
 * chi-square quantile at p = 0.001), so they hold for almost any seed, not just these.
 */
class DiskModelTest {
    private static final int N = 100_000;
    private static final long KIB4 = 4096;

    private static DiskModel defaults() {
        return DiskModel.from(Parameters.resolve("test", SmpParameters.specs(), Map.of(), 0));
    }

    private static DiskModel with(double readHit, long averageSeekNs, long trackSeekNs) {
        DiskModel d = defaults();
        return new DiskModel(averageSeekNs, trackSeekNs, d.rpm(), d.transferBytesPerSecond(), readHit,
                d.writeHitRatio(), d.cacheHitNs(), d.copyBytesPerSecond());
    }

    @Test
    void defaultsAreTheDocumentedDrive() {
        DiskModel d = defaults();
        assertThat(d.averageSeekNs()).isEqualTo(8_500_000);
        assertThat(d.trackSeekNs()).isEqualTo(1_000_000);
        assertThat(d.revolutionNs()).isEqualTo(8_333_333); // 7200 rpm
        assertThat(d.maxSeekNs()).isEqualTo(16_000_000);
        assertThat(d.transferBytesPerSecond()).isEqualTo(85_500_000);
        assertThat(d.readHitRatio()).isEqualTo(0.5);
        assertThat(d.writeHitRatio()).isZero();
        // hit: 20 us + 4 KiB at 2000 MB/s; miss transfer: 4 KiB at 85.5 MB/s, rounded up
        assertThat(d.hitServiceNs(KIB4)).isEqualTo(22_048);
        assertThat(d.transferNs(KIB4)).isEqualTo(47_907);
    }

    @Test
    void analyticMeanIsTheHitMissMix() {
        DiskModel d = defaults();
        double miss = 8_500_000 + 8_333_333 / 2.0 + 47_907;
        assertThat(d.meanServiceNs(IoKind.DISK_READ, KIB4)).isCloseTo(0.5 * 22_048 + 0.5 * miss,
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(d.meanServiceNs(IoKind.DISK_WRITE, KIB4)).isCloseTo(miss, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void sampleMeanOfReadsMatchesTheAnalyticMean() {
        assertSampleMean(defaults(), IoKind.DISK_READ, KIB4, 42);
        assertSampleMean(defaults(), IoKind.DISK_READ, 64 * 1024, 7);
    }

    @Test
    void sampleMeanOfWritesMatchesTheAnalyticMean() {
        assertSampleMean(defaults(), IoKind.DISK_WRITE, KIB4, 4242);
    }

    private static void assertSampleMean(DiskModel d, IoKind kind, long bytes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < N; i++) {
            double s = d.serviceNs(kind, bytes, r);
            sum += s;
            sumSq += s * s;
        }
        double mean = sum / N;
        double sd = Math.sqrt(sumSq / N - mean * mean);
        double standardError = sd / Math.sqrt(N);
        assertThat(mean).isCloseTo(d.meanServiceNs(kind, bytes), org.assertj.core.data.Offset.offset(4 * standardError));
    }

    @Test
    void observedHitRatioIsWithinABinomialBound() {
        for (double h : new double[] {0.1, 0.5, 0.9}) {
            DiskModel d = with(h, 8_500_000, 1_000_000);
            SplittableRandom r = new SplittableRandom(2024);
            int hits = 0;
            for (int i = 0; i < N; i++) {
                long s = d.serviceNs(IoKind.DISK_READ, KIB4, r);
                // a hit takes 22 us, a miss at least the 1 ms track-to-track seek
                if (s == d.hitServiceNs(KIB4)) {
                    hits++;
                } else {
                    assertThat(s).isGreaterThanOrEqualTo(d.trackSeekNs() + d.transferNs(KIB4));
                }
            }
            double expected = N * h;
            double bound = 4 * Math.sqrt(N * h * (1 - h));
            assertThat((double) hits).as("hits at ratio %s", h).isCloseTo(expected,
                    org.assertj.core.data.Offset.offset(bound));
        }
    }

    @Test
    void rotationalDelayIsUniformOverOneRevolution() {
        // no hits and a constant seek: service - seek is the rotational delay alone
        DiskModel d = with(0.0, 1_000_000, 1_000_000);
        SplittableRandom r = new SplittableRandom(99);
        int bins = 20;
        int[] count = new int[bins];
        long rev = d.revolutionNs();
        for (int i = 0; i < N; i++) {
            long rotation = d.serviceNs(IoKind.DISK_READ, 0, r) - 1_000_000;
            assertThat(rotation).isBetween(0L, rev - 1);
            count[(int) (rotation * bins / rev)]++;
        }
        double expected = (double) N / bins;
        double chi2 = 0;
        for (int c : count) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        // chi-square with 19 degrees of freedom: P(X > 43.82) = 0.001
        assertThat(chi2).isLessThan(43.82);
    }

    @Test
    void seeksStayWithinTrackToTrackAndTwiceTheAverage() {
        DiskModel d = with(0.0, 8_500_000, 1_000_000);
        SplittableRandom r = new SplittableRandom(5);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < N; i++) {
            long s = d.serviceNs(IoKind.DISK_READ, 0, r);
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        assertThat(min).isGreaterThanOrEqualTo(1_000_000);
        assertThat(max).isLessThan(16_000_000 + d.revolutionNs());
        // the extremes are approached
        assertThat(min).isLessThan(1_200_000);
        assertThat(max).isGreaterThan(16_000_000 + d.revolutionNs() - 1_000_000);
    }

    @Test
    void sameSeedSameServiceTimesAndMissesSurviveAHitRatioChange() {
        DiskModel low = with(0.3, 8_500_000, 1_000_000);
        DiskModel high = with(0.6, 8_500_000, 1_000_000);
        SplittableRandom a = new SplittableRandom(11);
        SplittableRandom b = new SplittableRandom(11);
        for (int i = 0; i < 10_000; i++) {
            long sLow = low.serviceNs(IoKind.DISK_READ, KIB4, a);
            long sHigh = high.serviceNs(IoKind.DISK_READ, KIB4, b);
            if (sHigh != high.hitServiceNs(KIB4)) {
                // a miss at 0.6 is a miss at 0.3, with the same seek and rotation
                assertThat(sLow).isEqualTo(sHigh);
            }
        }
    }

    @Test
    void rejectsNetworkRequestsAndNegativeSizes() {
        DiskModel d = defaults();
        SplittableRandom r = new SplittableRandom(1);
        assertThatThrownBy(() -> d.serviceNs(IoKind.NET_EXCHANGE, 10, r)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.serviceNs(IoKind.DISK_READ, -1, r)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsATrackSeekLongerThanTheAverage() {
        assertThatThrownBy(() -> with(0.5, 1_000_000, 2_000_000))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("diskTrackSeek")
                .hasMessageContaining("2ms")
                .hasMessageContaining("at most diskAverageSeek (1ms)");
    }

    @Test
    void rejectsRatiosOutsideZeroToOne() {
        assertThatThrownBy(() -> with(1.5, 8_500_000, 1_000_000))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("diskReadHitRatio")
                .hasMessageContaining("1.5")
                .hasMessageContaining("[0.0, 1.0]");
    }
}
