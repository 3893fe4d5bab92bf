package io.github.vsched.platform.smp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Exact {@code a * b / c} for non-negative longs, the one piece of arithmetic behind every
 * rate conversion here (bytes at a bandwidth, cycles at a clock, nanoseconds and TSC cycles).
 * The product is taken exactly even when it does not fit in 64 bits, so no precision is lost
 * to doubles.
 */
final class MulDiv {
    private MulDiv() {
    }

    /**
     * {@code a * b / c} rounded as asked.
     *
     * @throws IllegalArgumentException if {@code a} or {@code b} is negative or {@code c <= 0}
     * @throws ArithmeticException      if the result does not fit in a long
     */
    static long of(long a, long b, long c, RoundingMode mode) {
        if (a < 0 || b < 0 || c <= 0) {
            throw new IllegalArgumentException("need a, b >= 0 and c > 0, got " + a + ", " + b + ", " + c);
        }
        if (Math.multiplyHigh(a, b) == 0 && a * b >= 0) {
            long p = a * b;
            long q = p / c;
            long r = p % c;
            if (r == 0) {
                return q;
            }
            return switch (mode) {
                case DOWN, FLOOR -> q;
                case UP, CEILING -> q + 1;
                case HALF_UP -> 2 * r >= c ? q + 1 : q;
                case HALF_DOWN -> 2 * r > c ? q + 1 : q;
                case HALF_EVEN -> 2 * r > c || 2 * r == c && (q & 1) == 1 ? q + 1 : q;
                case UNNECESSARY -> throw new ArithmeticException(a + " * " + b + " / " + c + " is not exact");
            };
        }
        BigInteger product = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
        return new BigDecimal(product).divide(BigDecimal.valueOf(c), 0, mode).longValueExact();
    }

    /** Nanoseconds to move {@code bytes} at {@code bytesPerSecond}, rounded up. */
    static long transferNs(long bytes, long bytesPerSecond) {
        return of(bytes, 1_000_000_000L, bytesPerSecond, RoundingMode.CEILING);
    }
}
