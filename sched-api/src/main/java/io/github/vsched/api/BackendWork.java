package io.github.vsched.api;

/**
 * One piece of work for a driver domain's backend (dom0's blkback/netback, or the device
 * model of an HVM guest), taken with {@link Guest#takeBackendWork}. The backend's model
 * computes {@link #cpuNs()} and then hands it on with {@link Guest#finishBackendWork}.
 * Objects are reused by the engine: do not keep one after finishing it.
 */
public interface BackendWork {

    /** A guest's request, to be passed to the physical device. */
    int REQUEST = 1;
    /** A device completion, to be passed back to the guest (notifying its frontend). */
    int COMPLETION = 2;

    /** {@link #REQUEST} or {@link #COMPLETION}. */
    int stage();

    /** The guest domain the I/O belongs to. */
    DomainView guest();

    /** What the I/O does. */
    IoKind kind();

    /** Its size in bytes. */
    long bytes();

    /** dom0 CPU time this stage costs (from the platform's backend and interrupt costs). */
    long cpuNs();
}
