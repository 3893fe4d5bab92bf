package io.github.vsched.api;

/** Capabilities a provider declares, so tools and the test kit know what to expect. */
public enum Capability {
    /** Scheduler: never leaves a PCPU idle while a runnable VCPU that may run there waits. */
    WORK_CONSERVING,
    /** Scheduler: shares CPU in proportion to per-domain weights. */
    WEIGHTS,
    /** Scheduler: enforces per-domain caps. */
    CAPS,
    /** Scheduler: respects hard VCPU affinity (every scheduler must; declared for listing). */
    AFFINITY,
    /** Scheduler: balances load across several PCPUs. */
    SMP,
    /** Scheduler: accepts parameter changes during a run (the {@code xl sched-*} equivalent). */
    RUNTIME_ADJUST,
    /** Scheduler: gives soft real-time guarantees to VCPUs marked for them. */
    SOFT_REALTIME,
    /** Scheduler: answers guest hypercalls beyond the generic scheduling ones. */
    HYPERCALLS,
    /**
     * Scheduler: schedules only the PCPUs of its cpupool ({@link SchedulerContext#cpus()}), so
     * the engine may run it in a cpupool smaller than the machine, beside other schedulers. A
     * scheduler without it runs only in a pool of every PCPU (a scenario without pools).
     */
    CPUPOOLS,
    /** Platform: models hardware-assisted (VT-x/AMD-V) HVM guests. */
    HVM,
    /** Platform: models paravirtualised guests. */
    PV,
    /** Workload: reports quality metrics of its own (frames, glitches, throughput). */
    QUALITY_METRICS,
    /**
     * Workload: tells, as they happen, the quality events of its soft real-time work (frames
     * shown late or dropped, audio underruns: {@link Guest#report}), which reports draw over time.
     */
    QUALITY_EVENTS,
    /** Workload: issues I/O through the virtual devices. */
    IO,
    /**
     * Workload: serves the other domains' I/O as the driver domain's backends (blkback,
     * netback, the device model); runs only in a driver domain.
     */
    DRIVER
}
