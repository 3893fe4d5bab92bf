package io.github.vsched.cli.stats;

/**
 * The mean of one quantity over replications (seeds) with a two-sided confidence interval
 * from Student's t: {@code mean +- t(confidence, n-1) * sd / sqrt(n)}.
 *
 * @param n          number of replications
 * @param mean       their mean
 * @param sd         sample standard deviation (0 when {@code n < 2})
 * @param halfWidth  half-width of the interval; NaN when {@code n < 2} (no interval)
 * @param confidence the interval's confidence level, e.g. 0.95
 */
public record Estimate(int n, double mean, double sd, double halfWidth, double confidence) {

    /** Estimates the mean of {@code values}. */
    public static Estimate of(double[] values, double confidence) {
        int n = values.length;
        if (n == 0) {
            return new Estimate(0, Double.NaN, Double.NaN, Double.NaN, confidence);
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        if (n == 1) {
            return new Estimate(1, mean, 0, Double.NaN, confidence);
        }
        double ss = 0;
        boolean same = true;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
            same &= v == values[0];
        }
        // identical replications have no spread, whatever rounding the mean picked up
        double sd = same ? 0 : Math.sqrt(ss / (n - 1));
        return new Estimate(n, mean, sd, StudentT.quantile(confidence, n - 1) * sd / Math.sqrt(n), confidence);
    }

    /** Whether there is an interval (at least two replications). */
    public boolean hasInterval() {
        return !Double.isNaN(halfWidth);
    }

    /** Lower end of the interval (the mean when there is none). */
    public double low() {
        return hasInterval() ? mean - halfWidth : mean;
    }

    /** Upper end of the interval (the mean when there is none). */
    public double high() {
        return hasInterval() ? mean + halfWidth : mean;
    }
}
