package io.github.vsched.credit;

import io.github.vsched.api.CpuMask;

/**
 * Mutable PCPU bitmaps over {@code long[]} words, Xen's {@code cpumask_t} operations, for the
 * hot paths where {@link CpuMask} (immutable, allocating) cannot be used. All arrays of one
 * scheduler have the same length.
 */
final class CpuBits {
    private CpuBits() {
    }

    /** Words needed for {@code n} PCPUs. */
    static long[] create(int n) {
        return new long[(n + 63) >>> 6];
    }

    /** A bitmap holding the members of {@code mask} below {@code n}. */
    static long[] of(CpuMask mask, int n) {
        long[] w = create(n);
        copyFrom(w, mask, n);
        return w;
    }

    /** Overwrites {@code dst} with the members of {@code mask} below {@code n}. */
    static void copyFrom(long[] dst, CpuMask mask, int n) {
        clearAll(dst);
        for (int c = mask.next(0); c >= 0 && c < n; c = mask.next(c + 1)) {
            set(dst, c);
        }
    }

    static void set(long[] w, int cpu) {
        w[cpu >>> 6] |= 1L << cpu;
    }

    static void clear(long[] w, int cpu) {
        w[cpu >>> 6] &= ~(1L << cpu);
    }

    static boolean test(long[] w, int cpu) {
        return (w[cpu >>> 6] & (1L << cpu)) != 0;
    }

    static void clearAll(long[] w) {
        for (int i = 0; i < w.length; i++) {
            w[i] = 0;
        }
    }

    static void copy(long[] dst, long[] src) {
        System.arraycopy(src, 0, dst, 0, dst.length);
    }

    static boolean isEmpty(long[] w) {
        for (long x : w) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code dst = a & b}. */
    static void and(long[] dst, long[] a, long[] b) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] = a[i] & b[i];
        }
    }

    /** {@code dst &= ~b}. */
    static void andNot(long[] dst, long[] b) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] &= ~b[i];
        }
    }

    /** {@code |a & b|} ({@code cpus_weight} of an intersection). */
    static int andCount(long[] a, long[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += Long.bitCount(a[i] & b[i]);
        }
        return n;
    }

    /** The smallest member {@code >= from}, or -1. */
    static int next(long[] w, int from) {
        if (from < 0) {
            from = 0;
        }
        int i = from >>> 6;
        if (i >= w.length) {
            return -1;
        }
        long x = w[i] & (-1L << from);
        while (true) {
            if (x != 0) {
                return (i << 6) + Long.numberOfTrailingZeros(x);
            }
            if (++i == w.length) {
                return -1;
            }
            x = w[i];
        }
    }

    /** Xen's {@code cycle_cpu}: the first member after {@code cpu}, wrapping; -1 if empty. */
    static int cycle(long[] w, int cpu) {
        int n = next(w, cpu + 1);
        return n >= 0 ? n : next(w, 0);
    }
}
