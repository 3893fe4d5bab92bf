package io.github.vsched.credit2;

import io.github.vsched.api.CpuMask;

/**
 * A mutable set of PCPU numbers below a fixed size (Xen's {@code cpumask_t} as credit2 uses it for
 * a runqueue's {@code active}, {@code idle}, {@code tickled} and {@code smt_idle} masks and its
 * scratch masks). Every operation works in place, so the hot path allocates nothing.
 */
final class PcpuSet {
    private final long[] words;
    private final int size;

    /** An empty set for PCPUs {@code 0 .. size-1}. */
    PcpuSet(int size) {
        this.size = size;
        this.words = new long[(size + 63) >>> 6];
    }

    int capacity() {
        return size;
    }

    void set(int cpu) {
        words[cpu >>> 6] |= 1L << cpu;
    }

    void clear(int cpu) {
        words[cpu >>> 6] &= ~(1L << cpu);
    }

    boolean test(int cpu) {
        return cpu >= 0 && cpu < size && (words[cpu >>> 6] & (1L << cpu)) != 0;
    }

    /** Clears {@code cpu} and says whether it was set ({@code __cpumask_test_and_clear_cpu}). */
    boolean testAndClear(int cpu) {
        boolean was = test(cpu);
        if (was) {
            clear(cpu);
        }
        return was;
    }

    void clearAll() {
        java.util.Arrays.fill(words, 0);
    }

    boolean isEmpty() {
        for (long w : words) {
            if (w != 0) {
                return false;
            }
        }
        return true;
    }

    int count() {
        int c = 0;
        for (long w : words) {
            c += Long.bitCount(w);
        }
        return c;
    }

    /** This set becomes a copy of {@code o}. */
    PcpuSet copyFrom(PcpuSet o) {
        System.arraycopy(o.words, 0, words, 0, words.length);
        return this;
    }

    /** This set becomes the members of {@code m} below the capacity. */
    PcpuSet copyFrom(CpuMask m) {
        clearAll();
        for (int c = m.next(0); c >= 0 && c < size; c = m.next(c + 1)) {
            set(c);
        }
        return this;
    }

    /** Keeps only members also in {@code o}. */
    PcpuSet and(PcpuSet o) {
        for (int i = 0; i < words.length; i++) {
            words[i] &= o.words[i];
        }
        return this;
    }

    /** Keeps only members also in {@code m}. */
    PcpuSet and(CpuMask m) {
        for (int c = next(0); c >= 0; c = next(c + 1)) {
            if (!m.contains(c)) {
                clear(c);
            }
        }
        return this;
    }

    /** Removes the members of {@code o}. */
    PcpuSet andNot(PcpuSet o) {
        for (int i = 0; i < words.length; i++) {
            words[i] &= ~o.words[i];
        }
        return this;
    }

    /** Adds the members of {@code o}. */
    PcpuSet or(PcpuSet o) {
        for (int i = 0; i < words.length; i++) {
            words[i] |= o.words[i];
        }
        return this;
    }

    /** Whether every member is in {@code o} ({@code cpumask_subset}). */
    boolean subsetOf(PcpuSet o) {
        for (int i = 0; i < words.length; i++) {
            if ((words[i] & ~o.words[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the two sets share a member ({@code cpumask_intersects}). */
    boolean intersects(PcpuSet o) {
        for (int i = 0; i < words.length; i++) {
            if ((words[i] & o.words[i]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether a member of this set is in {@code m}. */
    boolean intersects(CpuMask m) {
        for (int c = next(0); c >= 0; c = next(c + 1)) {
            if (m.contains(c)) {
                return true;
            }
        }
        return false;
    }

    /** The smallest member {@code >= from}, or -1. */
    int next(int from) {
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
                int c = (i << 6) + Long.numberOfTrailingZeros(w);
                return c < size ? c : -1;
            }
            if (++i == words.length) {
                return -1;
            }
            w = words[i];
        }
    }

    /** The first member after {@code cpu} in cyclic order, or -1 if empty ({@code cpumask_cycle}). */
    int cycle(int cpu) {
        int n = next(cpu + 1);
        return n >= 0 ? n : next(0);
    }

    /** {@code cpu} if it is a member, else the next member cyclically, or -1 ({@code cpumask_test_or_cycle}). */
    int testOrCycle(int cpu) {
        return test(cpu) ? cpu : cycle(cpu);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int c = next(0); c >= 0; c = next(c + 1)) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(c);
        }
        return sb.append('}').toString();
    }
}
