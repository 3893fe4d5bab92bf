package io.github.vsched.api;

/**
 * How a {@link Platform} serves guest I/O: the physical devices, and the CPU the driver
 * domain (dom0) and the guest spend on each request. The engine charges these costs on the
 * I/O path of split drivers and device models (frontend, event channel, backend, device,
 * completion interrupt, backend, event channel, frontend).
 *
 * <p>Only {@link #device} must be given; the costs default to zero (not modelled), so a cost
 * added here later does not break an existing platform. {@link #INSTANT} is the model of a
 * platform that does not model I/O at all.
 */
public interface IoModel {

    /**
     * Devices that serve every request at once, and I/O that costs no CPU: the default of
     * {@link Platform#io()}. Disk reads and writes share one device ({@code instant-disk});
     * network exchanges go to {@code instant-nic}.
     */
    IoModel INSTANT = kind -> kind == IoKind.NET_EXCHANGE ? FixedDevice.INSTANT_NIC : FixedDevice.INSTANT_DISK;

    /**
     * The physical device serving requests of {@code kind} (the disk, or the NIC). Kinds whose
     * devices share a {@link Device#name()} share one queue. Asked once per kind that
     * {@linkplain IoKind#usesDevice() uses a device} when a simulation is created; never null.
     */
    Device device(IoKind kind);

    /**
     * dom0 CPU time to handle one guest request in its backend: the PV split-driver backend
     * (blkback, netback) for a PV guest, the device-model process (qemu-dm) for an HVM guest.
     * Charged once when the request arrives and once when its completion is passed back; for
     * an {@link IoKind#DEVICE_ACCESS}, once (the device model emulates the access and answers).
     * Default: 0.
     *
     * @param guestType the issuing guest's type, {@link DomainType#PV} or {@link DomainType#HVM}
     * @param kind      the request's kind
     * @param bytes     its size
     */
    default long backendCpuNs(DomainType guestType, IoKind kind, long bytes) {
        return 0;
    }

    /**
     * VM exits an HVM guest takes to issue one emulated request (port and MMIO accesses); each
     * costs {@link PlatformCosts#vmExitNs()}. Default: 0.
     */
    default int vmExitsPerRequest(IoKind kind) {
        return 0;
    }

    /** dom0 CPU time to handle one physical device interrupt (the completion IRQ). Default: 0. */
    default long interruptCpuNs() {
        return 0;
    }
}
