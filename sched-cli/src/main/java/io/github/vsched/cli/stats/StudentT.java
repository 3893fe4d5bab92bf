package io.github.vsched.cli.stats;

/**
 * Student's t distribution with a whole number of degrees of freedom: the two-sided
 * probability {@code P(|T| < t)} in closed form (Abramowitz and Stegun 26.7.3 and 26.7.4,
 * finite sums in {@code cos(theta)} with {@code theta = atan(t / sqrt(df))}), and its
 * quantiles by bisection.
 */
public final class StudentT {
    private StudentT() {
    }

    /**
     * {@code P(|T| < t)} for {@code df} degrees of freedom.
     *
     * @throws IllegalArgumentException if {@code df < 1}
     */
    public static double centralProbability(double t, int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + df);
        }
        double x = Math.abs(t);
        double theta = Math.atan(x / Math.sqrt(df));
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        double c2 = c * c;
        if (df % 2 == 1) {
            if (df == 1) {
                return 2 * theta / Math.PI;
            }
            // 1 + (2/3)c^2 + (2*4)/(3*5)c^4 + ... up to the c^(df-3) term
            double term = 1;
            double sum = 1;
            for (int k = 2; k <= df - 3; k += 2) {
                term *= c2 * k / (k + 1);
                sum += term;
            }
            return Math.min(1, 2 / Math.PI * (theta + s * c * sum));
        }
        // 1 + (1/2)c^2 + (1*3)/(2*4)c^4 + ... up to the c^(df-2) term
        double term = 1;
        double sum = 1;
        for (int k = 1; k <= df - 3; k += 2) {
            term *= c2 * k / (k + 1);
            sum += term;
        }
        return Math.min(1, s * sum);
    }

    /**
     * The {@code t} with {@code P(|T| < t) = confidence}: the half-width multiplier of a
     * two-sided confidence interval ({@code 2.776} for 95% and 4 degrees of freedom).
     *
     * @param confidence in (0, 1), e.g. 0.95
     */
    public static double quantile(double confidence, int df) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        double lo = 0;
        double hi = 1;
        while (centralProbability(hi, df) < confidence) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (centralProbability(mid, df) < confidence) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
