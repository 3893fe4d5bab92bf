package io.github.vsched.cli.report;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Numbers for people: three significant digits, and never an exponent, whatever the magnitude. */
class NumbersTest {
    @Test
    void everyMagnitudeIsWrittenInDecimals() {
        assertThat(Numbers.format(2302)).isEqualTo("2302");
        assertThat(Numbers.format(60.04)).isEqualTo("60.0");
        assertThat(Numbers.format(0.351)).isEqualTo("0.351");
        assertThat(Numbers.format(0.004)).isEqualTo("0.004");
        assertThat(Numbers.format(3e-5)).isEqualTo("0.0000300");
        assertThat(Numbers.format(-4.56e-4)).isEqualTo("-0.000456");
        assertThat(Numbers.format(1e-15)).isEqualTo("0");
        assertThat(Numbers.format(123_456_789.5)).isEqualTo("123456790");
        assertThat(Numbers.format(1.5e12)).isEqualTo("1500000000000");
        for (double v : new double[]{3e-5, 7.7e-9, 1.23e8, 4.5e15, -2e-7}) {
            assertThat(Numbers.format(v)).as("%s", v).doesNotContainIgnoringCase("e");
        }
    }

    @Test
    void pointsInTimeReadAsSecondsWhenTheyAreRound() {
        assertThat(Numbers.instant(0)).isEqualTo("0 s");
        assertThat(Numbers.instant(3_000_000_000L)).isEqualTo("3 s");
        assertThat(Numbers.instant(100_000_000L)).isEqualTo("0.1 s");
        assertThat(Numbers.instant(55_000_000L)).isEqualTo("55 ms");
    }

    @Test
    void fixedDecimalsWriteWhatStringFormatWrites() {
        SplittableRandom r = new SplittableRandom(7);
        double[] edges = {0, -0.0, 0.5, -0.5, 0.125, 0.15, 2.675, 1.005, -0.0004, -0.004, 999.9995, 1e15 + 0.5,
                Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, 123456.789, Double.POSITIVE_INFINITY, Double.NaN};
        for (int d = 0; d <= 12; d++) {
            for (double v : edges) {
                assertThat(Numbers.fixed(v, d)).as("%s with %d decimals", v, d)
                        .isEqualTo(String.format(Locale.ROOT, "%." + d + "f", v));
            }
            for (int i = 0; i < 20_000; i++) {
                double v = (r.nextBoolean() ? 1 : -1) * Math.pow(10, r.nextDouble(-8, 9)) * r.nextDouble();
                if (i % 3 == 0) {
                    v = Math.round(v * 1000) / 1000.0 + (r.nextInt(3) - 1) * 5e-4; // ties at the last digit
                }
                assertThat(Numbers.fixed(v, d)).as("%s with %d decimals", v, d)
                        .isEqualTo(String.format(Locale.ROOT, "%." + d + "f", v));
            }
        }
    }
}
