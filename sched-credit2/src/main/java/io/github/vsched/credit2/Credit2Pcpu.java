package io.github.vsched.credit2;

/**
 * A PCPU's credit2 state ({@code struct csched2_pcpu}, 4.19 lines 541-544): its runqueue, its
 * thread siblings within that runqueue, and the state of its idle VCPU.
 */
final class Credit2Pcpu {
    final int id;
    final Credit2Runqueue rqd;
    /** {@code sibling_mask}: its hardware threads in the same runqueue, itself included. */
    final PcpuSet siblings;
    /** The idle VCPU's state ({@code CSCHED2_IDLE_CREDIT}, no weight, no cap). */
    final Credit2Vcpu idleSvc;

    Credit2Pcpu(int id, Credit2Runqueue rqd, PcpuSet siblings, Credit2Vcpu idleSvc) {
        this.id = id;
        this.rqd = rqd;
        this.siblings = siblings;
        this.idleSvc = idleSvc;
    }
}
