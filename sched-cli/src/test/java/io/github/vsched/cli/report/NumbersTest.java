package io.github.vsched.cli.report;

import org.junit.jupiter.api.Test;

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
}
