package io.github.vsched.core;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Independent random streams split from a scenario seed by name ({@code scheduler},
 * {@code workload:dom1}), so that each random source draws the same numbers whatever else
 * happens in the run: two schedulers run on one scenario see the same guest demands.
 */
public final class RandomStreams {
    private RandomStreams() {
    }

    /** The stream called {@code name} of scenario seed {@code seed}. */
    public static RandomGenerator stream(long seed, String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return new SplittableRandom(mix64(seed) ^ mix64(h));
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
