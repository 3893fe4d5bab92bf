package io.github.vsched.nullsched;

import io.github.vsched.api.VcpuView;

/**
 * Per-VCPU state of the null scheduler (Xen's {@code struct null_unit}): the PCPU Xen would
 * record as the VCPU's processor, and its links in the waiting list ({@code waitq_elem}).
 */
final class NullVcpu {
    final VcpuView vcpu;
    /**
     * Xen's {@code sched_unit_master(unit)}: the PCPU the VCPU is assigned to, or, while it waits,
     * the PCPU the last placement named. The engine's {@link VcpuView#processor()} follows only
     * when the VCPU is dispatched, so the scheduler keeps its own.
     */
    int cpu;
    boolean waiting;
    NullVcpu prev;
    NullVcpu next;

    NullVcpu(VcpuView vcpu) {
        this.vcpu = vcpu;
        this.cpu = vcpu.processor();
    }
}
