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
    NET_EXCHANGE
}
