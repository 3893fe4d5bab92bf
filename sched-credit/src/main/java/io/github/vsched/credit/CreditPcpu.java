package io.github.vsched.credit;

import io.github.vsched.api.PcpuView;
import io.github.vsched.api.Timer;

/**
 * Credit's state of one PCPU: Xen 4.0 {@code struct csched_pcpu} (sched_credit.c:109-115), plus
 * {@code last_load_balance} (4.18) and the per-CPU {@code last_tickle_cpu} (4.1).
 */
final class CreditPcpu {
    /** The PCPU number. */
    final int id;
    /** The engine's view. */
    final PcpuView view;
    /** The state of this PCPU's idle VCPU, which sits at the runq tail while a guest runs. */
    final CreditVcpu idle;
    /** {@code runq}. */
    final RunQueue runq = new RunQueue();

    /**
     * {@code per_cpu(schedule_data).curr}: the VCPU the last schedule chose, which Xen makes
     * current at once, before the context switch completes.
     */
    CreditVcpu curr;
    /** {@code ticker}: the periodic tick ({@code csched_tick}). */
    Timer ticker;
    /** {@code tick}: ticks seen (informational). */
    int tick;
    /** {@code runq_sort_last}: the accounting epoch of the last re-sort. */
    int runqSortLast;
    /** {@code idle_bias}: where pick_cpu starts among this PCPU's idle siblings. */
    int idleBias;
    /** {@code last_load_balance} (4.18). */
    long lastLoadBalance;
    /** {@code per_cpu(last_tickle_cpu)} (4.1): round-robin point of the one-idler tickle. */
    int lastTickleCpu;

    CreditPcpu(int id, PcpuView view, CreditVcpu idle) {
        this.id = id;
        this.view = view;
        this.idle = idle;
    }
}
