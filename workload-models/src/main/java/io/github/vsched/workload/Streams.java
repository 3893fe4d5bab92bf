package io.github.vsched.workload;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Random sub-streams for the VCPUs (or job slots) of one workload. All of them are derived at
 * creation from the workload's stream, in index order, so each VCPU's draws do not depend on
 * how the scheduler interleaves the VCPUs.
 */
final class Streams {
    private Streams() {
    }

    /** {@code n} independent streams derived from {@code parent}. */
    static RandomGenerator[] split(RandomGenerator parent, int n) {
        RandomGenerator[] out = new RandomGenerator[n];
        for (int i = 0; i < n; i++) {
            out[i] = new SplittableRandom(parent.nextLong());
        }
        return out;
    }

    /** A Poisson-distributed count with mean {@code mean} (Knuth's product of uniforms; mean up to a few hundred). */
    static int poisson(RandomGenerator r, double mean) {
        if (mean <= 0) {
            return 0;
        }
        double limit = Math.exp(-mean);
        double p = 1;
        int k = -1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > limit);
        return k;
    }
}
