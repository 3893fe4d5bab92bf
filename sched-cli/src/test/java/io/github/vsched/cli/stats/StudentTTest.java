package io.github.vsched.cli.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StudentTTest {

    /** Two-sided 95% quantiles from the standard t table. */
    @Test
    void quantilesMatchTheTable() {
        assertThat(StudentT.quantile(0.95, 1)).isCloseTo(12.706, within(1e-3));
        assertThat(StudentT.quantile(0.95, 2)).isCloseTo(4.303, within(1e-3));
        assertThat(StudentT.quantile(0.95, 4)).isCloseTo(2.776, within(1e-3));
        assertThat(StudentT.quantile(0.95, 9)).isCloseTo(2.262, within(1e-3));
        assertThat(StudentT.quantile(0.95, 30)).isCloseTo(2.042, within(1e-3));
        assertThat(StudentT.quantile(0.95, 120)).isCloseTo(1.980, within(1e-3));
        assertThat(StudentT.quantile(0.99, 10)).isCloseTo(3.169, within(1e-3));
        assertThat(StudentT.quantile(0.90, 5)).isCloseTo(2.015, within(1e-3));
    }

    @Test
    void theCentralProbabilityGrowsWithTAndApproachesTheNormal() {
        for (int df : new int[]{1, 2, 3, 7, 50}) {
            double prev = 0;
            for (double t = 0; t < 20; t += 0.25) {
                double p = StudentT.centralProbability(t, df);
                assertThat(p).isBetween(prev - 1e-12, 1.0);
                prev = p;
            }
        }
        assertThat(StudentT.centralProbability(1.959964, 100_000)).isCloseTo(0.95, within(1e-4));
    }

    @Test
    void anEstimateHasTheTIntervalOfTheMean() {
        Estimate e = Estimate.of(new double[]{10, 12, 11, 13, 9}, 0.95);
        assertThat(e.n()).isEqualTo(5);
        assertThat(e.mean()).isEqualTo(11.0);
        assertThat(e.sd()).isCloseTo(Math.sqrt(2.5), within(1e-12));
        assertThat(e.halfWidth()).isCloseTo(2.776 * Math.sqrt(2.5) / Math.sqrt(5), within(1e-3));
        assertThat(Estimate.of(new double[]{63.2, 63.2, 63.2}, 0.95).halfWidth()).isZero();
        assertThat(Estimate.of(new double[]{4}, 0.95).hasInterval()).isFalse();
    }
}
