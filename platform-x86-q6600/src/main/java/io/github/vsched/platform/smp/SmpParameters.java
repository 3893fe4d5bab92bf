package io.github.vsched.platform.smp;

import io.github.vsched.api.Durations;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The parameter values of a {@code generic-smp} machine: a regular topology of sockets, cores
 * and hardware threads with a last-level cache shared by each run of {@code coresPerCache}
 * cores, clocks, memory, and the costs, disk and NIC. The defaults model the Intel Core 2 Quad
 * Q6600 (one socket, four cores, two cores per 4 MiB L2, 2.4 GHz), so that
 * {@code generic-smp} with no parameters behaves as {@code x86-q6600}.
 *
 * @param sockets                number of sockets
 * @param coresPerSocket         cores in each socket
 * @param threadsPerCore         hardware threads of each core (SMT siblings)
 * @param coresPerCache          consecutive cores of a socket sharing one last-level cache
 * @param cacheBytes             size of each last-level cache, bytes
 * @param coreHz                 core clock, Hz (converts cycle costs such as VM transitions)
 * @param tscHz                  TSC rate, Hz
 * @param memoryBytes            installed memory, bytes
 * @param crossSocketIpiExtraNs  extra IPI latency between sockets, ns
 * @param costs                  CPU and hypervisor costs
 * @param disk                   the disk
 * @param nic                    the NIC
 */
public record SmpParameters(int sockets, int coresPerSocket, int threadsPerCore, int coresPerCache,
                            long cacheBytes, long coreHz, long tscHz, long memoryBytes,
                            long crossSocketIpiExtraNs, CostModel costs, DiskModel disk, NicModel nic) {

    /** The largest machine accepted, in PCPUs. */
    public static final int MAX_PCPUS = 4096;

    /** Parameter name of {@link #sockets}. */
    public static final String SOCKETS = "sockets";
    /** Parameter name of {@link #coresPerSocket}. */
    public static final String CORES_PER_SOCKET = "coresPerSocket";
    /** Parameter name of {@link #threadsPerCore}. */
    public static final String THREADS_PER_CORE = "threadsPerCore";
    /** Parameter name of {@link #coresPerCache}. */
    public static final String CORES_PER_CACHE = "coresPerCache";
    /** Parameter name of {@link #cacheBytes} (in KiB). */
    public static final String CACHE_KIB = "cacheKiB";
    /** Parameter name of {@link #coreHz}. */
    public static final String CORE_HZ = "coreHz";
    /** Parameter name of {@link #tscHz}. */
    public static final String TSC_HZ = "tscHz";
    /** Parameter name of {@link #memoryBytes} (in MiB). */
    public static final String MEMORY_MIB = "memoryMiB";
    /** Parameter name of {@link #crossSocketIpiExtraNs}. */
    public static final String CROSS_SOCKET_IPI_EXTRA = "crossSocketIpiExtra";

    private static final List<ParameterSpec> SPECS;

    static {
        List<ParameterSpec> s = new ArrayList<>(List.of(
                ParameterSpec.integer(SOCKETS, "", 1, 1, 64, "number of sockets (Q6600: 1)"),
                ParameterSpec.integer(CORES_PER_SOCKET, "", 4, 1, 256, "cores per socket (Q6600: 4)"),
                ParameterSpec.integer(THREADS_PER_CORE, "", 1, 1, 8,
                        "hardware threads per core, numbered next to each other (Q6600: 1, no SMT)"),
                ParameterSpec.integer(CORES_PER_CACHE, "", 2, 1, 256,
                        "consecutive cores of a socket sharing a last-level cache, at most coresPerSocket"
                                + " (Q6600: 2 per L2)"),
                ParameterSpec.integer(CACHE_KIB, "KiB", 4096, 1, 1 << 20,
                        "size of each last-level cache (Q6600: 4 MiB L2 per die)"),
                ParameterSpec.integer(CORE_HZ, "Hz", 2_400_000_000L, 1_000_000L, 100_000_000_000L,
                        "core clock, which converts cycle costs (Q6600: 2.4 GHz)"),
                ParameterSpec.integer(TSC_HZ, "Hz", 2_400_000_000L, 1_000_000L, 100_000_000_000L,
                        "TSC rate (Q6600: constant 2.4 GHz)"),
                ParameterSpec.integer(MEMORY_MIB, "MiB", 2048, 1, 1L << 24,
                        "installed memory; the domains' memory must fit (the paper's machine: 2 GiB)"),
                ParameterSpec.duration(CROSS_SOCKET_IPI_EXTRA, 0, 0, Durations.MS,
                        "extra IPI latency between sockets (0 for the single-socket default)")));
        s.addAll(CostModel.specs());
        s.addAll(DiskModel.specs());
        s.addAll(NicModel.specs());
        SPECS = List.copyOf(s);
    }

    /**
     * Validates the machine: at least one of everything, a cache group no larger than a
     * socket, at most {@link #MAX_PCPUS} PCPUs, positive clocks and sizes.
     *
     * @throws InvalidParameterException naming the parameter, the value and what is allowed
     */
    public SmpParameters {
        atLeastOne(SOCKETS, sockets);
        atLeastOne(CORES_PER_SOCKET, coresPerSocket);
        atLeastOne(THREADS_PER_CORE, threadsPerCore);
        atLeastOne(CORES_PER_CACHE, coresPerCache);
        if (coresPerCache > coresPerSocket) {
            throw new InvalidParameterException(CORES_PER_CACHE, Integer.toString(coresPerCache),
                    "at most coresPerSocket (" + coresPerSocket + "): a cache is shared within one socket");
        }
        long pcpus = (long) sockets * coresPerSocket * threadsPerCore;
        if (pcpus > MAX_PCPUS) {
            throw new InvalidParameterException(SOCKETS,
                    sockets + " x " + coresPerSocket + " cores x " + threadsPerCore + " threads = " + pcpus
                            + " PCPUs; at most " + MAX_PCPUS + " PCPUs are supported");
        }
        if (cacheBytes <= 0) {
            throw new InvalidParameterException(CACHE_KIB, cacheBytes + " bytes", "a size > 0");
        }
        if (coreHz <= 0) {
            throw new InvalidParameterException(CORE_HZ, Long.toString(coreHz), "a clock > 0 Hz");
        }
        if (tscHz <= 0) {
            throw new InvalidParameterException(TSC_HZ, Long.toString(tscHz), "a rate > 0 Hz");
        }
        if (memoryBytes <= 0) {
            throw new InvalidParameterException(MEMORY_MIB, memoryBytes + " bytes", "a size > 0");
        }
        if (crossSocketIpiExtraNs < 0) {
            throw new InvalidParameterException(CROSS_SOCKET_IPI_EXTRA, crossSocketIpiExtraNs + "ns",
                    "a duration >= 0ns");
        }
        Objects.requireNonNull(costs, "costs");
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(nic, "nic");
    }

    /** The parameters of {@code generic-smp}, with units, defaults, ranges and sources. */
    public static List<ParameterSpec> specs() {
        return SPECS;
    }

    /** Builds the record from resolved parameters of {@link #specs()}. */
    public static SmpParameters from(Parameters p) {
        return new SmpParameters(Math.toIntExact(p.integer(SOCKETS)), Math.toIntExact(p.integer(CORES_PER_SOCKET)),
                Math.toIntExact(p.integer(THREADS_PER_CORE)), Math.toIntExact(p.integer(CORES_PER_CACHE)),
                p.integer(CACHE_KIB) << 10, p.integer(CORE_HZ), p.integer(TSC_HZ), p.integer(MEMORY_MIB) << 20,
                p.duration(CROSS_SOCKET_IPI_EXTRA), CostModel.from(p), DiskModel.from(p), NicModel.from(p));
    }

    /** The topology: PCPUs numbered socket-major, hardware threads of a core adjacent. */
    public Topology topology() {
        return Topology.regular(sockets, coresPerSocket, threadsPerCore, coresPerCache);
    }

    /** Number of PCPUs. */
    public int pcpus() {
        return sockets * coresPerSocket * threadsPerCore;
    }

    private static void atLeastOne(String name, int v) {
        if (v < 1) {
            throw new InvalidParameterException(name, Integer.toString(v), "a count >= 1");
        }
    }
}
