package io.github.vsched.core;

import io.github.vsched.api.Device;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.Platform;
import io.github.vsched.api.Topology;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A platform whose costs are fixed numbers, for tests and for reasoning about schedules by
 * hand. {@link #ideal(int)} costs nothing at all.
 *
 * @param id                  the id reported in results
 * @param topology            the PCPUs
 * @param tscHz               TSC rate
 * @param memoryBytes         installed memory
 * @param contextSwitchNs     VCPU context switch
 * @param ipiNs               remote softirq delivery
 * @param cstateExitNs        leaving idle (0: the PCPU uses no C-states)
 * @param timerSlopNs         Xen timer slop
 * @param crossCacheMigrationNs cache refill after moving to a PCPU that shares no cache
 * @param vmExitNs            VM exit + entry
 * @param hypercallNs         hypercall round trip
 * @param eventChannelNs      event-channel notification
 * @param ioCosts             device and backend costs
 */
public record FixedCostPlatform(String id, Topology topology, long tscHz, long memoryBytes,
                                long contextSwitchNs, long ipiNs, long cstateExitNs, long timerSlopNs,
                                long crossCacheMigrationNs, long vmExitNs, long hypercallNs,
                                long eventChannelNs, IoCosts ioCosts) implements Platform {

    /**
     * Fixed I/O costs: every request of a kind takes the same time.
     *
     * @param diskNs        disk service time per request
     * @param networkNs     network exchange time per request (wire, peer and back)
     * @param pvBackendNs   dom0 CPU per request stage in a PV backend
     * @param deviceModelNs dom0 CPU per request stage in an HVM device model
     * @param vmExits       VM exits per HVM request
     * @param interruptNs   dom0 CPU per device interrupt
     */
    public record IoCosts(long diskNs, long networkNs, long pvBackendNs, long deviceModelNs, int vmExits,
                          long interruptNs) {
        /** Rejects negative costs. */
        public IoCosts {
            if (diskNs < 0 || networkNs < 0 || pvBackendNs < 0 || deviceModelNs < 0 || vmExits < 0 || interruptNs < 0) {
                throw new IllegalArgumentException("I/O costs must not be negative");
            }
        }

        /** Everything instantaneous. */
        public static final IoCosts ZERO = new IoCosts(0, 0, 0, 0, 0, 0);
    }

    private record FixedDevice(String name, long ns) implements Device {
        @Override
        public long serviceNs(IoKind kind, long bytes, RandomGenerator random) {
            return ns;
        }
    }

    /** Validates: no negative cost. */
    public FixedCostPlatform {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(ioCosts, "ioCosts");
        long[] costs = {contextSwitchNs, ipiNs, cstateExitNs, timerSlopNs, crossCacheMigrationNs, vmExitNs,
                hypercallNs, eventChannelNs};
        for (long c : costs) {
            if (c < 0) {
                throw new IllegalArgumentException("platform " + id + ": negative cost " + c + " ns");
            }
        }
        if (tscHz <= 0) {
            throw new IllegalArgumentException("platform " + id + ": tscHz must be > 0");
        }
    }

    /** {@code n} PCPUs (one socket, private caches), 1 GHz TSC, every cost zero. */
    public static FixedCostPlatform ideal(int n) {
        return new FixedCostPlatform("ideal-" + n, Topology.flat(n), 1_000_000_000L, 1L << 40,
                0, 0, 0, 0, 0, 0, 0, 0, IoCosts.ZERO);
    }

    /** This platform with another context-switch cost. */
    public FixedCostPlatform withContextSwitch(long ns) {
        return new FixedCostPlatform(id, topology, tscHz, memoryBytes, ns, ipiNs, cstateExitNs, timerSlopNs,
                crossCacheMigrationNs, vmExitNs, hypercallNs, eventChannelNs, ioCosts);
    }

    /** This platform with another IPI latency. */
    public FixedCostPlatform withIpi(long ns) {
        return new FixedCostPlatform(id, topology, tscHz, memoryBytes, contextSwitchNs, ns, cstateExitNs,
                timerSlopNs, crossCacheMigrationNs, vmExitNs, hypercallNs, eventChannelNs, ioCosts);
    }

    /** This platform with another topology. */
    public FixedCostPlatform withTopology(Topology t) {
        return new FixedCostPlatform(id, t, tscHz, memoryBytes, contextSwitchNs, ipiNs, cstateExitNs,
                timerSlopNs, crossCacheMigrationNs, vmExitNs, hypercallNs, eventChannelNs, ioCosts);
    }

    /** This platform with C-states that cost {@code ns} to leave. */
    public FixedCostPlatform withCstateExit(long ns) {
        return new FixedCostPlatform(id, topology, tscHz, memoryBytes, contextSwitchNs, ipiNs, ns,
                timerSlopNs, crossCacheMigrationNs, vmExitNs, hypercallNs, eventChannelNs, ioCosts);
    }

    /** This platform with a Xen timer slop. */
    public FixedCostPlatform withTimerSlop(long ns) {
        return new FixedCostPlatform(id, topology, tscHz, memoryBytes, contextSwitchNs, ipiNs, cstateExitNs,
                ns, crossCacheMigrationNs, vmExitNs, hypercallNs, eventChannelNs, ioCosts);
    }

    /** This platform with a cache-refill cost for cross-cache migrations. */
    public FixedCostPlatform withCrossCacheMigration(long ns) {
        return new FixedCostPlatform(id, topology, tscHz, memoryBytes, contextSwitchNs, ipiNs, cstateExitNs,
                timerSlopNs, ns, vmExitNs, hypercallNs, eventChannelNs, ioCosts);
    }

    /** This platform with other I/O costs and VM exit and event-channel costs. */
    public FixedCostPlatform withIo(IoCosts costs, long vmExit, long eventChannel) {
        return new FixedCostPlatform(id, topology, tscHz, memoryBytes, contextSwitchNs, ipiNs, cstateExitNs,
                timerSlopNs, crossCacheMigrationNs, vmExit, hypercallNs, eventChannel, costs);
    }

    @Override
    public Device device(IoKind kind) {
        return kind == IoKind.NET_EXCHANGE ? new FixedDevice("fixed-nic", ioCosts.networkNs())
                : new FixedDevice("fixed-disk", ioCosts.diskNs());
    }

    @Override
    public long backendCpuNs(DomainType guestType, IoKind kind, long bytes) {
        return guestType == DomainType.HVM ? ioCosts.deviceModelNs() : ioCosts.pvBackendNs();
    }

    @Override
    public int vmExitsPerRequest(IoKind kind) {
        return ioCosts.vmExits();
    }

    @Override
    public long interruptCpuNs() {
        return ioCosts.interruptNs();
    }

    @Override
    public long ipiLatencyNs(int fromPcpu, int toPcpu) {
        return fromPcpu == toPcpu ? 0 : ipiNs;
    }

    @Override
    public boolean usesCstates() {
        return cstateExitNs > 0;
    }

    @Override
    public long cstateExitNs(int pcpu, long idleNs) {
        return cstateExitNs;
    }

    @Override
    public long migrationPenaltyNs(int fromPcpu, int toPcpu, long workingSetBytes) {
        return topology.sharesCache(fromPcpu, toPcpu) ? 0 : crossCacheMigrationNs;
    }

    @Override
    public long eventChannelNotifyNs() {
        return eventChannelNs;
    }
}
