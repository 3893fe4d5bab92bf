/**
 * Xen's null scheduler as a vsched plugin, faithful to {@code xen/common/sched/null.c} at
 * {@code RELEASE-4.14.0}: each VCPU is statically assigned to a PCPU of its own and always runs
 * there when runnable; VCPUs beyond the PCPUs wait in a scheduler-wide list until a PCPU is freed.
 *
 * <p>{@link io.github.vsched.nullsched.NullSchedulerProvider} (id {@code null}) is the
 * {@link java.util.ServiceLoader} entry point. The scheduler restates Xen's functions one by
 * one, each naming the function it mirrors; the spec of record is
 * {@code docs/xen-null-reference.md} in the repository. (The package is not called {@code null},
 * a Java keyword.)
 */
package io.github.vsched.nullsched;
