package io.github.vsched.api;

/** What a guest I/O request does. */
public enum IoKind {
    /** Read from the domain's virtual disk. */
    DISK_READ,
    /** Write to the domain's virtual disk. */
    DISK_WRITE,
    /**
     * A network request/response exchange with a peer outside the machine: the request leaves
     * through the NIC and the response arrives back (its completion).
     */
    NET_EXCHANGE,
    /**
     * One register access (port or MMIO) of an HVM guest to a device emulated by the driver
     * domain's device model (qemu-dm), answered without a physical device: the access traps
     * (a VM exit), Xen forwards it to the device model and the guest VCPU waits until the device
     * model has emulated it and notified back (Xen 4.0 {@code hvm_send_assist_req}). The
     * completion is the answer. Only HVM guests issue it; the request's size is the access
     * width in bytes.
     */
    DEVICE_ACCESS;

    /**
     * Whether requests of this kind are served by a physical device (and so by
     * {@link IoModel#device}); {@link #DEVICE_ACCESS} is not.
     */
    public boolean usesDevice() {
        return this != DEVICE_ACCESS;
    }
}
