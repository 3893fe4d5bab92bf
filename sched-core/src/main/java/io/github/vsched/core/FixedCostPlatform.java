package io.github.vsched.core;

import io.github.vsched.api.Platform;
import io.github.vsched.api.Topology;

import java.util.Objects;

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
 */
public record FixedCostPlatform(String id, Topology topology, long tscHz, long memoryBytes,
                                long contextSwitchNs, long ipiNs, long cstateExitNs, long timerSlopNs,
                                long crossCacheMigrationNs, long vmExitNs, long hypercallNs,
                                long eventChannelNs) implements Platform {

    /** Validates: no negative cost. */
    public FixedCostPlatform {
        Objects.requireNonNull(topology, "topology");
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
                0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** This platform with another context-switch cost. */
    public FixedCostPlatform withContextSwitch(long ns) {
        return new FixedCostPlatform(id, topology, tscHz, memoryBytes, ns, ipiNs, cstateExitNs, timerSlopNs,
                crossCacheMigrationNs, vmExitNs, hypercallNs, eventChannelNs);
    }

    /** This platform with another IPI latency. */
    public FixedCostPlatform withIpi(long ns) {
        return new FixedCostPlatform(id, topology, tscHz, memoryBytes, contextSwitchNs, ns, cstateExitNs,
                timerSlopNs, crossCacheMigrationNs, vmExitNs, hypercallNs, eventChannelNs);
    }

    /** This platform with another topology. */
    public FixedCostPlatform withTopology(Topology t) {
        return new FixedCostPlatform(id, t, tscHz, memoryBytes, contextSwitchNs, ipiNs, cstateExitNs,
                timerSlopNs, crossCacheMigrationNs, vmExitNs, hypercallNs, eventChannelNs);
    }

    /** This platform with C-states that cost {@code ns} to leave. */
    public FixedCostPlatform withCstateExit(long ns) {
        return new FixedCostPlatform(id, topology, tscHz, memoryBytes, contextSwitchNs, ipiNs, ns,
                timerSlopNs, crossCacheMigrationNs, vmExitNs, hypercallNs, eventChannelNs);
    }

    /** This platform with a cache-refill cost for cross-cache migrations. */
    public FixedCostPlatform withCrossCacheMigration(long ns) {
        return new FixedCostPlatform(id, topology, tscHz, memoryBytes, contextSwitchNs, ipiNs, cstateExitNs,
                timerSlopNs, ns, vmExitNs, hypercallNs, eventChannelNs);
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
