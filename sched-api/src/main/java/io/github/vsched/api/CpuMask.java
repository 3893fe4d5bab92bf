package io.github.vsched.api;

import java.util.Arrays;

/**
 * An immutable set of PCPU numbers: a VCPU's affinity, a topology group. The equivalent of
 * Xen's {@code cpumask_t}.
 */
public final class CpuMask {
    private final long[] words;
    private final int cardinality;

    private CpuMask(long[] words) {
        this.words = words;
        int c = 0;
        for (long w : words) {
            c += Long.bitCount(w);
        }
        this.cardinality = c;
    }

    /** The PCPUs {@code 0 .. n-1}. */
    public static CpuMask all(int n) {
        long[] w = new long[(n + 63) >>> 6];
        for (int i = 0; i < n; i++) {
            w[i >>> 6] |= 1L << i;
        }
        return new CpuMask(w);
    }

    /** The given PCPUs. */
    public static CpuMask of(int... cpus) {
        int max = -1;
        for (int c : cpus) {
            if (c < 0) {
                throw new IllegalArgumentException("negative PCPU number " + c);
            }
            max = Math.max(max, c);
        }
        long[] w = new long[(max + 64) >>> 6];
        for (int c : cpus) {
            w[c >>> 6] |= 1L << c;
        }
        return new CpuMask(w);
    }

    /** Whether PCPU {@code cpu} is in the set. */
    public boolean contains(int cpu) {
        int i = cpu >>> 6;
        return cpu >= 0 && i < words.length && (words[i] & (1L << cpu)) != 0;
    }

    /**
     * The members {@code 64 * index} to {@code 64 * index + 63} as bits (bit {@code k} for PCPU
     * {@code 64 * index + k}); 0 past the last word. For code that combines a mask with bits of
     * its own without building a new mask.
     */
    public long word(int index) {
        return index < words.length ? words[index] : 0;
    }

    /** How many PCPUs are in the set. */
    public int size() {
        return cardinality;
    }

    /** Whether the set is empty. */
    public boolean isEmpty() {
        return cardinality == 0;
    }

    /** The smallest member {@code >= from}, or -1. */
    public int next(int from) {
        if (from < 0) {
            from = 0;
        }
        int i = from >>> 6;
        if (i >= words.length) {
            return -1;
        }
        long w = words[i] & (-1L << from);
        while (true) {
            if (w != 0) {
                return (i << 6) + Long.numberOfTrailingZeros(w);
            }
            if (++i == words.length) {
                return -1;
            }
            w = words[i];
        }
    }

    /** The first member after {@code cpu} in cyclic order (Xen's {@code cycle_cpu}), or -1 if empty. */
    public int cycle(int cpu) {
        int n = next(cpu + 1);
        return n >= 0 ? n : next(0);
    }

    /** The intersection with another set. */
    public CpuMask and(CpuMask o) {
        long[] w = new long[Math.min(words.length, o.words.length)];
        for (int i = 0; i < w.length; i++) {
            w[i] = words[i] & o.words[i];
        }
        return new CpuMask(w);
    }

    /** Members of this set that are not in {@code o}. */
    public CpuMask andNot(CpuMask o) {
        long[] w = words.clone();
        for (int i = 0; i < Math.min(w.length, o.words.length); i++) {
            w[i] &= ~o.words[i];
        }
        return new CpuMask(w);
    }

    /** The union with another set. */
    public CpuMask or(CpuMask o) {
        long[] w = Arrays.copyOf(words, Math.max(words.length, o.words.length));
        for (int i = 0; i < o.words.length; i++) {
            w[i] |= o.words[i];
        }
        return new CpuMask(w);
    }

    /** Whether every member is below {@code n}. */
    public boolean within(int n) {
        int last = -1;
        for (int c = next(0); c >= 0; c = next(c + 1)) {
            last = c;
        }
        return last < n;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CpuMask m) || m.cardinality != cardinality) {
            return false;
        }
        for (int i = 0; i < Math.max(words.length, m.words.length); i++) {
            long a = i < words.length ? words[i] : 0;
            long b = i < m.words.length ? m.words[i] : 0;
            if (a != b) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        int n = words.length;
        while (n > 0 && words[n - 1] == 0) {
            n--;
        }
        for (int i = 0; i < n; i++) {
            h = 31 * h + Long.hashCode(words[i]);
        }
        return h;
    }

    /** Ranges such as {@code 0-3,6}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int c = next(0); c >= 0; ) {
            int end = c;
            while (contains(end + 1)) {
                end++;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(c);
            if (end > c) {
                sb.append('-').append(end);
            }
            c = next(end + 1);
        }
        return sb.toString();
    }
}
