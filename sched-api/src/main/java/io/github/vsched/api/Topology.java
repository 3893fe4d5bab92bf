package io.github.vsched.api;

import java.util.Objects;

/**
 * Where each PCPU sits: socket, core (hardware threads of one core are siblings) and
 * last-level cache group (the cores sharing a cache). Xen's {@code cpu_sibling_map} is
 * {@link #threadSiblings}, its {@code cpu_core_map} is {@link #socketMates}.
 */
public final class Topology {
    private final int[] socketOf;
    private final int[] coreOf;
    private final int[] cacheOf;
    private final CpuMask[] threadSiblings;
    private final CpuMask[] socketMates;
    private final CpuMask[] cacheMates;
    private final CpuMask all;

    /**
     * @param socketOf socket of each PCPU
     * @param coreOf   globally unique core number of each PCPU (threads share it)
     * @param cacheOf  globally unique shared-cache group of each PCPU
     */
    public Topology(int[] socketOf, int[] coreOf, int[] cacheOf) {
        Objects.requireNonNull(socketOf);
        int n = socketOf.length;
        if (n == 0 || coreOf.length != n || cacheOf.length != n) {
            throw new IllegalArgumentException("topology needs >= 1 PCPU and one socket, core and cache entry per PCPU");
        }
        this.socketOf = socketOf.clone();
        this.coreOf = coreOf.clone();
        this.cacheOf = cacheOf.clone();
        this.threadSiblings = new CpuMask[n];
        this.socketMates = new CpuMask[n];
        this.cacheMates = new CpuMask[n];
        for (int c = 0; c < n; c++) {
            threadSiblings[c] = group(coreOf, coreOf[c]);
            socketMates[c] = group(socketOf, socketOf[c]);
            cacheMates[c] = group(cacheOf, cacheOf[c]);
        }
        this.all = CpuMask.all(n);
    }

    /**
     * A regular machine: {@code sockets} x {@code coresPerSocket} x {@code threadsPerCore}
     * PCPUs, numbered socket-major, with each run of {@code coresPerCache} cores of a socket
     * sharing a last-level cache.
     */
    public static Topology regular(int sockets, int coresPerSocket, int threadsPerCore, int coresPerCache) {
        if (sockets < 1 || coresPerSocket < 1 || threadsPerCore < 1 || coresPerCache < 1) {
            throw new IllegalArgumentException("sockets, cores, threads and cores per cache must all be >= 1");
        }
        int n = sockets * coresPerSocket * threadsPerCore;
        int[] s = new int[n];
        int[] c = new int[n];
        int[] l = new int[n];
        int cachesPerSocket = (coresPerSocket + coresPerCache - 1) / coresPerCache;
        for (int cpu = 0; cpu < n; cpu++) {
            int core = cpu / threadsPerCore;
            s[cpu] = core / coresPerSocket;
            c[cpu] = core;
            l[cpu] = s[cpu] * cachesPerSocket + (core % coresPerSocket) / coresPerCache;
        }
        return new Topology(s, c, l);
    }

    /** {@code n} single-threaded cores in one socket, each with its own cache. */
    public static Topology flat(int n) {
        return regular(1, n, 1, 1);
    }

    private static CpuMask group(int[] of, int id) {
        int count = 0;
        for (int v : of) {
            if (v == id) {
                count++;
            }
        }
        int[] members = new int[count];
        int k = 0;
        for (int cpu = 0; cpu < of.length; cpu++) {
            if (of[cpu] == id) {
                members[k++] = cpu;
            }
        }
        return CpuMask.of(members);
    }

    /** Number of PCPUs. */
    public int pcpus() {
        return socketOf.length;
    }

    /** All PCPUs. */
    public CpuMask all() {
        return all;
    }

    /** Socket of a PCPU. */
    public int socket(int cpu) {
        return socketOf[cpu];
    }

    /** Core of a PCPU (hardware threads of one core share it). */
    public int core(int cpu) {
        return coreOf[cpu];
    }

    /** Shared-cache group of a PCPU. */
    public int cacheGroup(int cpu) {
        return cacheOf[cpu];
    }

    /** Hardware threads of the same core, {@code cpu} included (Xen's {@code cpu_sibling_map}). */
    public CpuMask threadSiblings(int cpu) {
        return threadSiblings[cpu];
    }

    /** PCPUs of the same socket, {@code cpu} included (Xen's {@code cpu_core_map}). */
    public CpuMask socketMates(int cpu) {
        return socketMates[cpu];
    }

    /** PCPUs sharing {@code cpu}'s last-level cache, {@code cpu} included. */
    public CpuMask cacheMates(int cpu) {
        return cacheMates[cpu];
    }

    /** Whether two PCPUs share a last-level cache. */
    public boolean sharesCache(int a, int b) {
        return cacheOf[a] == cacheOf[b];
    }

    /** Number of sockets. */
    public int sockets() {
        int max = 0;
        for (int s : socketOf) {
            max = Math.max(max, s);
        }
        return max + 1;
    }
}
