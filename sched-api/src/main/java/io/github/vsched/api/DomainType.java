package io.github.vsched.api;

/** The kind of a domain. */
public enum DomainType {
    /** Paravirtualised: blocks with SCHEDOP_block, does I/O through split drivers. */
    PV,
    /** Hardware virtual machine (VT-x): traps on emulated I/O, blocks with HLT. */
    HVM,
    /** The hypervisor's idle domain, holding one idle VCPU per PCPU. */
    IDLE
}
