package io.github.vsched.api;

/**
 * A modelled machine: its topology and clock, the costs the hypervisor pays on it
 * ({@link #costs()}) and how it serves I/O ({@link #io()}). Every cost is charged as CPU time
 * on the PCPU where it happens and recorded as overhead, never as guest progress.
 *
 * <p>A platform must give its {@link #id()}, {@link #topology()}, {@link #tscHz()} and
 * {@link #costs()}; everything else has a default. The costs that depend on where something
 * happens ({@link #ipiLatencyNs}, {@link #cstateExitNs}, {@link #migrationPenaltyNs}) are
 * derived from the cost record and the topology, and a platform may override them with a
 * model of its own. The engine reads {@link #costs()} and {@link #io()} once, when a
 * simulation is created: both must stay the same for the life of the platform.
 */
public interface Platform {

    /** The provider id this platform came from. */
    String id();

    /** Sockets, cores, threads and shared caches. */
    Topology topology();

    /** The TSC rate in Hz (cycles per second), for converting {@code tsc} durations. */
    long tscHz();

    /** The CPU and hypervisor costs; the same record for the life of the platform. */
    PlatformCosts costs();

    /**
     * Installed memory in bytes; the domains' memory must fit. Default: {@link Long#MAX_VALUE},
     * memory is not modelled.
     */
    default long memoryBytes() {
        return Long.MAX_VALUE;
    }

    /**
     * The devices and the per-request I/O costs; the same model for the life of the platform.
     * Default: {@link IoModel#INSTANT}, I/O is not modelled (devices answer at once, at no CPU
     * cost, so a request's latency is only the scheduling of the VCPUs it passes through).
     */
    default IoModel io() {
        return IoModel.INSTANT;
    }

    /**
     * Delay from raising a softirq on a remote PCPU (an IPI) until that PCPU handles it.
     * Default: 0 to itself, {@link PlatformCosts#ipiLatencyNs()} within a socket, plus
     * {@link PlatformCosts#crossSocketIpiNs()} across sockets.
     *
     * @throws IllegalArgumentException for a PCPU the topology does not have
     */
    default long ipiLatencyNs(int fromPcpu, int toPcpu) {
        Topology t = topology();
        checkPcpu(this, t, fromPcpu);
        checkPcpu(this, t, toPcpu);
        if (fromPcpu == toPcpu) {
            return 0;
        }
        PlatformCosts c = costs();
        long extra = t.socket(fromPcpu) == t.socket(toPcpu) ? 0 : c.crossSocketIpiNs();
        return c.ipiLatencyNs() + extra;
    }

    /**
     * Extra wake-up latency of a PCPU that has been idle for {@code idleNs} (C-state exit).
     * Called only when {@link PlatformCosts#usesCstates()}; the idle PCPU suspends its
     * scheduler tick ({@link Scheduler#tickSuspend}) and pays this to leave the C-state.
     * Default: 0 without C-states; {@link PlatformCosts#cstateExitNs()} after an idle period
     * shorter than {@link PlatformCosts#deepCstateAfterNs()}, otherwise
     * {@link PlatformCosts#deepCstateExitNs()}.
     *
     * @throws IllegalArgumentException for a PCPU the topology does not have
     */
    default long cstateExitNs(int pcpu, long idleNs) {
        checkPcpu(this, topology(), pcpu);
        PlatformCosts c = costs();
        if (!c.usesCstates()) {
            return 0;
        }
        return idleNs < c.deepCstateAfterNs() ? c.cstateExitNs() : c.deepCstateExitNs();
    }

    /**
     * CPU time a VCPU loses refilling caches after moving from {@code fromPcpu} to
     * {@code toPcpu}, for a working set of {@code workingSetBytes}. The engine charges it as the
     * VCPU's first CPU time after the move, without guest progress and preemptible like guest
     * work (not as part of the context switch). Default: 0 when both PCPUs share a last-level
     * cache (or are the same), otherwise {@link PlatformCosts#migrationFixedNs()} plus
     * {@link PlatformCosts#cacheRefillNs(long)}.
     *
     * @throws IllegalArgumentException for a negative working set or a PCPU the topology does
     *                                  not have
     */
    default long migrationPenaltyNs(int fromPcpu, int toPcpu, long workingSetBytes) {
        Topology t = topology();
        checkPcpu(this, t, fromPcpu);
        checkPcpu(this, t, toPcpu);
        if (workingSetBytes < 0) {
            throw new IllegalArgumentException("negative working set " + workingSetBytes + " bytes");
        }
        if (t.sharesCache(fromPcpu, toPcpu)) {
            return 0;
        }
        PlatformCosts c = costs();
        return c.migrationFixedNs() + c.cacheRefillNs(workingSetBytes);
    }

    /** Converts nanoseconds to TSC cycles. */
    default long nsToTsc(long ns) {
        return Math.multiplyHigh(ns, tscHz()) == 0 && ns * tscHz() >= 0
                ? ns * tscHz() / Durations.S
                : (long) ((double) ns * tscHz() / Durations.S);
    }

    /** Converts TSC cycles to nanoseconds. */
    default long tscToNs(long cycles) {
        return Math.multiplyHigh(cycles, Durations.S) == 0 && cycles * Durations.S >= 0
                ? cycles * Durations.S / tscHz()
                : (long) ((double) cycles * Durations.S / tscHz());
    }

    private static void checkPcpu(Platform platform, Topology t, int pcpu) {
        if (pcpu < 0 || pcpu >= t.pcpus()) {
            throw new IllegalArgumentException("platform " + platform.id() + " has PCPUs 0-" + (t.pcpus() - 1)
                    + ", not " + pcpu);
        }
    }
}
