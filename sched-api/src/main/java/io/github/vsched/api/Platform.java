package io.github.vsched.api;

/**
 * A modelled machine: its topology, clock and the costs the hypervisor pays on it. Every cost
 * is charged as CPU time on the PCPU where it happens and recorded as overhead, never as
 * guest progress.
 */
public interface Platform {

    /** The provider id this platform came from. */
    String id();

    /** Sockets, cores, threads and shared caches. */
    Topology topology();

    /** The TSC rate in Hz (cycles per second), for converting {@code tsc} durations. */
    long tscHz();

    /** Installed memory in bytes; the domains' memory must fit. */
    long memoryBytes();

    /** Cost of switching from one VCPU to another on a PCPU (save, restore, scheduler path). */
    long contextSwitchNs();

    /** Delay from raising a softirq on a remote PCPU (an IPI) until that PCPU handles it. */
    long ipiLatencyNs(int fromPcpu, int toPcpu);

    /** Extra wake-up latency of a PCPU that has been idle for {@code idleNs} (C-state exit). */
    long cstateExitNs(int pcpu, long idleNs);

    /**
     * Whether an idle PCPU enters an ACPI C-state (Xen's cpuidle), suspending the scheduler
     * tick while there ({@link Scheduler#tickSuspend}) and paying {@link #cstateExitNs} to
     * leave it.
     */
    boolean usesCstates();

    /** How late a Xen timer may fire (timers are coalesced within this slop). */
    long timerSlopNs();

    /**
     * CPU time a VCPU loses refilling caches after moving from {@code fromPcpu} to
     * {@code toPcpu}, for a working set of {@code workingSetBytes}. Zero within a shared cache.
     * The engine charges it as the VCPU's first CPU time after the move, without guest progress
     * and preemptible like guest work (not as part of the context switch).
     */
    long migrationPenaltyNs(int fromPcpu, int toPcpu, long workingSetBytes);

    /** A hardware-virtualisation VM exit plus entry round trip (HVM guests). */
    long vmExitNs();

    /** A paravirtual hypercall round trip (PV guests). */
    long hypercallNs();

    /** Sending an event-channel notification (the hypercall plus marking the port pending). */
    long eventChannelNotifyNs();

    /** The physical device serving requests of {@code kind} (the disk, or the NIC). */
    Device device(IoKind kind);

    /**
     * dom0 CPU time to handle one guest request in its backend: the PV split-driver backend
     * (blkback, netback) for a PV guest, the device-model process (qemu-dm) for an HVM guest.
     * Charged once when the request arrives and once when its completion is passed back.
     */
    long backendCpuNs(DomainType guestType, IoKind kind, long bytes);

    /** VM exits an HVM guest takes to issue one emulated request (port and MMIO accesses). */
    int vmExitsPerRequest(IoKind kind);

    /** dom0 CPU time to handle one physical device interrupt (the completion IRQ). */
    long interruptCpuNs();

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
}
