package io.github.vsched.workload;

import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The distribution of a CPU burst (or any positive duration) around a mean: fixed, normal,
 * exponential or lognormal, the spread given as a coefficient of variation (standard deviation
 * over mean). Samples are whole nanoseconds, at least 1.
 *
 * <ul>
 *   <li>{@code fixed}: always the mean.</li>
 *   <li>{@code normal}: mean and standard deviation {@code cv * mean}, truncated to positive
 *       values by redrawing; {@code cv} is limited to 0.5 so the truncation (at 2 standard
 *       deviations or more) raises the mean by under 3%.</li>
 *   <li>{@code exponential}: the given mean; its cv is 1 by definition.</li>
 *   <li>{@code lognormal}: {@code exp(N(mu, sigma^2))} with {@code sigma^2 = ln(1 + cv^2)}
 *       and {@code mu = ln(mean) - sigma^2 / 2}, so mean and cv are exactly those given.</li>
 * </ul>
 */
final class BurstDistribution {
    /** The distribution names accepted by the parameters. */
    static final List<String> SHAPES = List.of("fixed", "normal", "exponential", "lognormal");
    /** Largest cv allowed for {@code normal}. */
    static final double MAX_NORMAL_CV = 0.5;

    private static final int FIXED = 0;
    private static final int NORMAL = 1;
    private static final int EXPONENTIAL = 2;
    private static final int LOGNORMAL = 3;

    private final int shape;
    private final double mean;
    private final double cv;
    private final double mu;
    private final double sigma;

    private BurstDistribution(int shape, double mean, double cv) {
        this.shape = shape;
        this.mean = mean;
        this.cv = cv;
        double s2 = Math.log(1 + cv * cv);
        this.sigma = Math.sqrt(s2);
        this.mu = Math.log(Math.max(mean, Double.MIN_NORMAL)) - s2 / 2;
    }

    /** A distribution by name ({@link #SHAPES}), mean in ns and cv (ignored by fixed and exponential). */
    static BurstDistribution of(String shape, double meanNs, double cv) {
        int s = SHAPES.indexOf(shape);
        if (s < 0) {
            throw new IllegalArgumentException("unknown distribution '" + shape + "'; known: " + SHAPES);
        }
        return new BurstDistribution(s, meanNs, s == EXPONENTIAL ? 1 : s == FIXED ? 0 : cv);
    }

    /** A fixed duration. */
    static BurstDistribution fixed(long ns) {
        return new BurstDistribution(FIXED, ns, 0);
    }

    /**
     * Reads a distribution from three parameters (shape, mean, cv) and rejects combinations
     * that make no sense: a cv given for a shape that has none of its own, or a normal cv
     * above {@link #MAX_NORMAL_CV}.
     */
    static BurstDistribution fromParameters(Parameters p, String shapeName, String meanName, String cvName) {
        String shape = p.choice(shapeName);
        double cv = p.decimal(cvName);
        if (p.isGiven(cvName) && (shape.equals("fixed") || shape.equals("exponential"))) {
            throw new InvalidParameterException(p.owner() + "." + cvName, "has no effect with " + shapeName
                    + "=" + shape + " (" + (shape.equals("fixed") ? "a fixed duration has cv 0" : "an exponential has cv 1")
                    + "); set " + shapeName + " to normal or lognormal, or leave " + cvName + " out");
        }
        if (shape.equals("normal") && cv > MAX_NORMAL_CV) {
            throw new InvalidParameterException(p.owner() + "." + cvName, Double.toString(cv),
                    "at most " + MAX_NORMAL_CV + " with " + shapeName + "=normal (a normal this wide is mostly"
                            + " truncated at zero; use lognormal for more variable bursts)");
        }
        return of(shape, p.duration(meanName), cv);
    }

    /**
     * The two parameter specs of a distribution (its shape and cv; the mean is the model's own
     * duration parameter).
     *
     * @param what        what is distributed, e.g. {@code "the decode burst"}
     * @param shapeSource why the default shape, e.g. {@code "the paper reports one run length"}
     */
    static List<ParameterSpec> specs(String shapeName, String defaultShape, String cvName, double defaultCv,
                                     String what, String shapeSource) {
        return List.of(
                ParameterSpec.choice(shapeName, defaultShape, SHAPES,
                        "distribution of " + what + ": fixed, normal (truncated at zero), exponential or"
                                + " lognormal, spread by " + cvName + "; default " + defaultShape + " ("
                                + shapeSource + ")"),
                ParameterSpec.decimal(cvName, "", defaultCv, 0, 3,
                        "coefficient of variation (standard deviation / mean) of " + what + " for the normal (at"
                                + " most 0.5) and lognormal distributions (fixed has 0, exponential 1); default "
                                + defaultCv + " (model choice)"));
    }

    /** Draws one duration in ns (at least 1). Uses a fixed number of draws except when a normal redraws. */
    long sample(RandomGenerator r) {
        double x;
        switch (shape) {
            case FIXED -> x = mean;
            case NORMAL -> {
                if (cv == 0) {
                    x = mean;
                    break;
                }
                do {
                    x = mean + mean * cv * r.nextGaussian();
                } while (x <= 0);
            }
            case EXPONENTIAL -> x = mean * r.nextExponential();
            default -> x = cv == 0 ? mean : Math.exp(mu + sigma * r.nextGaussian());
        }
        long ns = Math.round(x);
        return ns < 1 ? 1 : ns;
    }

    /** The mean in ns. */
    double mean() {
        return mean;
    }

    /** The coefficient of variation actually used (0 for fixed, 1 for exponential). */
    double cv() {
        return cv;
    }

    /** The shape's name. */
    String shape() {
        return SHAPES.get(shape);
    }

    @Override
    public String toString() {
        return shape() + "(mean " + mean + " ns, cv " + cv + ")";
    }
}
