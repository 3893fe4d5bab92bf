package io.github.vsched.core;

import io.github.vsched.api.Device;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.IoModel;
import io.github.vsched.api.Platform;
import io.github.vsched.api.PlatformCosts;
import io.github.vsched.api.Topology;

import java.util.Objects;

/**
 * A platform whose costs are fixed numbers, for tests and for reasoning about schedules by
 * hand. {@link #ideal(int)} costs nothing at all. The topology-dependent costs are
 * {@link Platform}'s defaults: an IPI costs {@link PlatformCosts#ipiLatencyNs()} (0 to
 * itself), and a move to a PCPU that shares no cache costs
 * {@link PlatformCosts#migrationFixedNs()} whatever the working set (these costs set no refill
 * rate).
 *
 * @param id          the id reported in results
 * @param topology    the PCPUs
 * @param tscHz       TSC rate
 * @param memoryBytes installed memory
 * @param costs       CPU and hypervisor costs
 * @param io          device and backend costs
 */
public record FixedCostPlatform(String id, Topology topology, long tscHz, long memoryBytes, PlatformCosts costs,
                                IoCosts io) implements Platform {

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
                          long interruptNs) implements IoModel {
        /** Rejects negative costs. */
        public IoCosts {
            if (diskNs < 0 || networkNs < 0 || pvBackendNs < 0 || deviceModelNs < 0 || vmExits < 0 || interruptNs < 0) {
                throw new IllegalArgumentException("I/O costs must not be negative");
            }
        }

        /** Everything instantaneous. */
        public static final IoCosts ZERO = new IoCosts(0, 0, 0, 0, 0, 0);

        /** {@code fixed-nic} for network exchanges, {@code fixed-disk} for reads and writes. */
        @Override
        public Device device(IoKind kind) {
            return kind == IoKind.NET_EXCHANGE ? Device.fixed("fixed-nic", networkNs)
                    : Device.fixed("fixed-disk", diskNs);
        }

        /** The device model's cost for an HVM guest, the PV backend's otherwise. */
        @Override
        public long backendCpuNs(DomainType guestType, IoKind kind, long bytes) {
            return guestType == DomainType.HVM ? deviceModelNs : pvBackendNs;
        }

        /** One for a {@link IoKind#DEVICE_ACCESS} (the access itself), {@code vmExits} otherwise. */
        @Override
        public int vmExitsPerRequest(IoKind kind) {
            return kind == IoKind.DEVICE_ACCESS ? 1 : vmExits;
        }

        @Override
        public long interruptCpuNs() {
            return interruptNs;
        }
    }

    /** Validates: a topology, costs, I/O costs and a positive TSC rate. */
    public FixedCostPlatform {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(costs, "costs");
        Objects.requireNonNull(io, "io");
        if (tscHz <= 0) {
            throw new IllegalArgumentException("platform " + id + ": tscHz must be > 0");
        }
    }

    /** {@code n} PCPUs (one socket, private caches), 1 GHz TSC, every cost zero. */
    public static FixedCostPlatform ideal(int n) {
        return new FixedCostPlatform("ideal-" + n, Topology.flat(n), 1_000_000_000L, 1L << 40, PlatformCosts.DEFAULTS,
                IoCosts.ZERO);
    }

    /** This platform with other CPU and hypervisor costs. */
    public FixedCostPlatform withCosts(PlatformCosts c) {
        return new FixedCostPlatform(id, topology, tscHz, memoryBytes, c, io);
    }

    /** This platform with another context-switch cost. */
    public FixedCostPlatform withContextSwitch(long ns) {
        return withCosts(costs.toBuilder().contextSwitchNs(ns).build());
    }

    /** This platform with another IPI latency (to any other PCPU). */
    public FixedCostPlatform withIpi(long ns) {
        return withCosts(costs.toBuilder().ipiLatencyNs(ns).build());
    }

    /** This platform with another topology. */
    public FixedCostPlatform withTopology(Topology t) {
        return new FixedCostPlatform(id, t, tscHz, memoryBytes, costs, io);
    }

    /**
     * This platform with one C-state that costs {@code ns} to leave, whatever the idle time;
     * none if {@code ns} is 0.
     */
    public FixedCostPlatform withCstateExit(long ns) {
        PlatformCosts.Builder b = costs.toBuilder();
        return withCosts((ns > 0 ? b.cstates(ns) : b.noCstates()).build());
    }

    /** This platform with a Xen timer slop. */
    public FixedCostPlatform withTimerSlop(long ns) {
        return withCosts(costs.toBuilder().timerSlopNs(ns).build());
    }

    /** This platform with a cache-refill cost for cross-cache migrations, whatever the working set. */
    public FixedCostPlatform withCrossCacheMigration(long ns) {
        return withCosts(costs.toBuilder().migrationFixedNs(ns).cacheRefillBytesPerSecond(0).build());
    }

    /** This platform with other I/O costs and VM exit and event-channel costs. */
    public FixedCostPlatform withIo(IoCosts ioCosts, long vmExitNs, long eventChannelNs) {
        return new FixedCostPlatform(id, topology, tscHz, memoryBytes,
                costs.toBuilder().vmExitNs(vmExitNs).eventChannelNotifyNs(eventChannelNs).build(), ioCosts);
    }
}
