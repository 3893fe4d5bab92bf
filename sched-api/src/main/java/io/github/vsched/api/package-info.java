/**
 * The vsched service provider interface: what a scheduler, platform or workload plugin
 * implements and the read-only views of the simulated machine it is given.
 *
 * <p>Three {@link java.util.ServiceLoader} services are the extension points:
 * {@link io.github.vsched.api.SchedulerProvider}, {@link io.github.vsched.api.PlatformProvider}
 * and {@link io.github.vsched.api.WorkloadProvider}. The scheduler contract mirrors Xen's
 * {@code struct scheduler} ({@code xen/common/schedule.c}); each method's Javadoc names the
 * Xen hook it corresponds to. All times and durations are {@code long} nanoseconds of
 * simulated time.
 *
 * <p>For a scheduler's own state: {@link io.github.vsched.api.IntrusiveQueue} for run queues
 * whose links live in the per-VCPU state (Xen's {@code list_head}, allocation-free),
 * {@code schedulerPrivate(Class)} on the views to read that state back typed, and
 * {@link io.github.vsched.api.SchedulerContext#nextIdle} to find an idle PCPU without walking
 * them all.
 *
 * <p>This package has no dependency beyond the JDK.
 */
package io.github.vsched.api;
