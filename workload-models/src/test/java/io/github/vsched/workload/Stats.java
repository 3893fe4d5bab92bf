package io.github.vsched.workload;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * Goodness-of-fit tests for the models' random distributions. All tests use a fixed seed and
 * the significance level {@link #ALPHA}: a correct sampler fails with probability 1% for a
 * random seed, and for the fixed seed the outcome is reproducible.
 */
final class Stats {
    private Stats() {
    }

    /** Significance level of every test. */
    static final double ALPHA = 0.01;
    /** Upper 1% point of the standard normal. */
    private static final double Z_99 = 2.326348;

    /** The Kolmogorov-Smirnov statistic D of {@code samples} against {@code cdf}. */
    static double ks(double[] samples, DoubleUnaryOperator cdf) {
        double[] x = samples.clone();
        Arrays.sort(x);
        int n = x.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = cdf.applyAsDouble(x[i]);
            d = Math.max(d, Math.max(f - (double) i / n, (double) (i + 1) / n - f));
        }
        return d;
    }

    /** The critical value of D at {@link #ALPHA} for {@code n} samples (asymptotic: 1.628 / sqrt(n)). */
    static double ksCritical(int n) {
        return 1.628 / Math.sqrt(n);
    }

    /** Pearson's chi-square statistic of observed counts against expected counts. */
    static double chiSquare(long[] observed, double[] expected) {
        double s = 0;
        for (int i = 0; i < observed.length; i++) {
            double d = observed[i] - expected[i];
            s += d * d / expected[i];
        }
        return s;
    }

    /** The chi-square critical value at {@link #ALPHA} for {@code df} degrees of freedom (Wilson-Hilferty). */
    static double chiSquareCritical(int df) {
        double a = 2.0 / (9 * df);
        double c = 1 - a + Z_99 * Math.sqrt(a);
        return df * c * c * c;
    }

    /** The standard normal CDF (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
    static double phi(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                + 0.254829592) * t * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    static double[] toDoubles(long[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
