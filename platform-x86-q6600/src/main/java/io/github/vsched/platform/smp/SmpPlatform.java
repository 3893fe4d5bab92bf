package io.github.vsched.platform.smp;

import io.github.vsched.api.Device;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.Platform;
import io.github.vsched.api.Topology;

import java.util.Objects;

/**
 * A symmetric multiprocessor running Xen, built from {@link SmpParameters}: the
 * {@code generic-smp} platform, and the base of the Q6600 model. Immutable; every method is a
 * pure function of the parameters and its arguments.
 *
 * <p>How each cost is composed:
 * <ul>
 *   <li>{@link #vmExitNs()}: hardware round trip ({@code vmTransitionCycles} at the core
 *       clock) + Xen's exit handler + the TLB refill that follows the flushes of a VT-x without
 *       VPID;</li>
 *   <li>{@link #eventChannelNotifyNs()}: the hypercall + what the send adds;</li>
 *   <li>{@link #migrationPenaltyNs}: zero within a shared cache, otherwise the fixed part +
 *       {@code min(workingSet, cache size) / refill bandwidth};</li>
 *   <li>{@link #backendCpuNs}: per stage (the engine charges it at the request and again at
 *       the completion): blkback + one grant map or unmap per 4 KiB page; netback + half the
 *       copy; qemu-dm's per-request work + half of its per-access work for every VM exit of
 *       the request + half the copy. The copy is split between the stages because the SPI
 *       does not say which stage is asked.</li>
 * </ul>
 */
public class SmpPlatform implements Platform {
    /** The provider id of the generic platform. */
    public static final String ID = "generic-smp";

    private final String id;
    private final SmpParameters params;
    private final Topology topology;
    private final long vmExitNs;
    private final long eventChannelNs;
    private final TscClock tsc;

    /** A {@code generic-smp} platform. */
    public SmpPlatform(SmpParameters params) {
        this(ID, params);
    }

    /**
     * A platform with another id, for models built on this one.
     *
     * @param id     the provider id reported in results
     * @param params the machine
     */
    protected SmpPlatform(String id, SmpParameters params) {
        this.id = Objects.requireNonNull(id, "id");
        this.params = Objects.requireNonNull(params, "params");
        this.topology = params.topology();
        this.vmExitNs = params.costs().vmExitNs(params.coreHz());
        this.eventChannelNs = params.costs().eventChannelNotifyNs();
        this.tsc = TscClock.of(params.tscHz());
    }

    /** The parameter values this platform was built from. */
    public SmpParameters smpParameters() {
        return params;
    }

    /** The CPU and hypervisor costs. */
    public CostModel costs() {
        return params.costs();
    }

    /** The TSC of this platform, for reports that show nanoseconds and cycles. */
    public TscClock tscClock() {
        return tsc;
    }

    /** Size of each last-level cache, bytes. */
    public long cacheBytes() {
        return params.cacheBytes();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public long tscHz() {
        return params.tscHz();
    }

    @Override
    public long memoryBytes() {
        return params.memoryBytes();
    }

    @Override
    public long contextSwitchNs() {
        return params.costs().contextSwitchNs();
    }

    /** The IPI latency, plus the cross-socket extra when the PCPUs are in different sockets; 0 to itself. */
    @Override
    public long ipiLatencyNs(int fromPcpu, int toPcpu) {
        checkPcpu(fromPcpu);
        checkPcpu(toPcpu);
        if (fromPcpu == toPcpu) {
            return 0;
        }
        long extra = topology.socket(fromPcpu) == topology.socket(toPcpu) ? 0 : params.crossSocketIpiExtraNs();
        return params.costs().ipiLatencyNs() + extra;
    }

    /**
     * C1's exit latency after an idle period shorter than the C1E promotion time, C1E's after a
     * longer one; 0 when the platform uses no C-states.
     */
    @Override
    public long cstateExitNs(int pcpu, long idleNs) {
        checkPcpu(pcpu);
        CostModel c = params.costs();
        if (!c.usesCstates()) {
            return 0;
        }
        return idleNs < c.c1ePromotionNs() ? c.c1ExitNs() : c.c1eExitNs();
    }

    @Override
    public boolean usesCstates() {
        return params.costs().usesCstates();
    }

    @Override
    public long timerSlopNs() {
        return params.costs().timerSlopNs();
    }

    /**
     * Zero when both PCPUs share a last-level cache (or are the same); otherwise the fixed
     * part plus the time to refill {@code min(workingSetBytes, cache size)} at the refill
     * bandwidth, rounded up.
     *
     * @throws IllegalArgumentException for a negative working set or an unknown PCPU
     */
    @Override
    public long migrationPenaltyNs(int fromPcpu, int toPcpu, long workingSetBytes) {
        checkPcpu(fromPcpu);
        checkPcpu(toPcpu);
        if (workingSetBytes < 0) {
            throw new IllegalArgumentException("negative working set " + workingSetBytes + " bytes");
        }
        if (topology.sharesCache(fromPcpu, toPcpu)) {
            return 0;
        }
        CostModel c = params.costs();
        long refill = Math.min(workingSetBytes, params.cacheBytes());
        return c.migrationFixedNs() + MulDiv.transferNs(refill, c.cacheRefillBytesPerSecond());
    }

    @Override
    public long vmExitNs() {
        return vmExitNs;
    }

    @Override
    public long hypercallNs() {
        return params.costs().hypercallNs();
    }

    @Override
    public long eventChannelNotifyNs() {
        return eventChannelNs;
    }

    /** The disk for both disk kinds (one instance, so one queue), the NIC for network exchanges. */
    @Override
    public Device device(IoKind kind) {
        return switch (kind) {
            case DISK_READ, DISK_WRITE -> params.disk();
            case NET_EXCHANGE -> params.nic();
        };
    }

    /**
     * dom0 CPU for one stage of a guest request; see the class comment for the composition.
     *
     * @throws IllegalArgumentException for the idle domain type or a negative size
     */
    @Override
    public long backendCpuNs(DomainType guestType, IoKind kind, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative request size " + bytes);
        }
        CostModel c = params.costs();
        long halfCopy = MulDiv.transferNs(bytes, 2 * c.copyBytesPerSecond());
        return switch (guestType) {
            case PV -> switch (kind) {
                case DISK_READ, DISK_WRITE -> c.pvBlockBackendNs() + CostModel.pages(bytes) * c.grantMapPerPageNs();
                case NET_EXCHANGE -> c.pvNetBackendNs() + halfCopy;
            };
            case HVM -> c.deviceModelRequestNs() + vmExitsPerRequest(kind) * c.deviceModelAccessNs() / 2 + halfCopy;
            case IDLE -> throw new IllegalArgumentException("the idle domain issues no I/O");
        };
    }

    @Override
    public int vmExitsPerRequest(IoKind kind) {
        return switch (kind) {
            case DISK_READ, DISK_WRITE -> params.costs().hvmDiskExits();
            case NET_EXCHANGE -> params.costs().hvmNetExits();
        };
    }

    @Override
    public long interruptCpuNs() {
        return params.costs().interruptNs();
    }

    private void checkPcpu(int pcpu) {
        if (pcpu < 0 || pcpu >= topology.pcpus()) {
            throw new IllegalArgumentException("platform " + id + " has PCPUs 0-" + (topology.pcpus() - 1)
                    + ", not " + pcpu);
        }
    }

    @Override
    public String toString() {
        return id + "[" + params.sockets() + " socket(s) x " + params.coresPerSocket() + " cores x "
                + params.threadsPerCore() + " threads, " + params.coresPerCache() + " cores per "
                + (params.cacheBytes() >> 10) + " KiB cache, TSC " + params.tscHz() + " Hz]";
    }
}
