/**
 * Xen's RTDS scheduler as a vsched plugin, faithful to {@code xen/common/sched/rt.c} at
 * {@code RELEASE-4.19.0}: preemptive global EDF over one deferrable server per VCPU (a budget
 * every period), event-driven replenishment and extratime.
 *
 * <p>{@link io.github.vsched.rtds.RtdsSchedulerProvider} (id {@code rtds}) is the
 * {@link java.util.ServiceLoader} entry point and declares the per-VCPU parameters;
 * {@link io.github.vsched.rtds.RtdsScheduler} implements the hooks. The other classes mirror
 * Xen's {@code struct rt_unit} ({@code RtdsVcpu}), the run and depleted queues
 * ({@code RunQueue}) and the replenishment queue ({@code ReplenishmentQueue}); each names the
 * Xen code it restates. The spec of record is {@code docs/xen-rtds-reference.md} in the
 * repository.
 */
package io.github.vsched.rtds;
