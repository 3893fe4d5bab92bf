/**
 * Xen's ARINC 653 scheduler as a vsched plugin, faithful to {@code xen/common/sched/arinc653.c}
 * at {@code RELEASE-4.14.0}: a major frame divided into minor frames, each giving one VCPU a fixed
 * run time, repeated for ever; the rest of the time the PCPUs idle.
 *
 * <p>{@link io.github.vsched.arinc653.Arinc653SchedulerProvider} (id {@code arinc653}) is the
 * {@link java.util.ServiceLoader} entry point; {@link io.github.vsched.arinc653.Arinc653Schedule}
 * parses and validates the schedule parameter. The spec of record is
 * {@code docs/xen-arinc653-reference.md} in the repository.
 */
package io.github.vsched.arinc653;
