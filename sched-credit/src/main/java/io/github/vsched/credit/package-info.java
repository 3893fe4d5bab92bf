/**
 * Xen's credit scheduler (credit1) as a vsched plugin: Xen 4.0 semantics by default, with
 * switches for the behaviour changes of later releases.
 *
 * <p>{@link io.github.vsched.credit.CreditSchedulerProvider} (id {@code credit}) is the
 * {@link java.util.ServiceLoader} entry point; {@link io.github.vsched.credit.CreditConfig}
 * resolves its parameters and the {@code xenVersion} presets;
 * {@link io.github.vsched.credit.CreditScheduler} implements the hooks. The other classes mirror
 * Xen's {@code struct csched_vcpu}, {@code csched_pcpu}, {@code csched_dom} and the functions of
 * {@code xen/common/sched_credit.c} at {@code RELEASE-4.0.0}; each names the Xen code it
 * restates. The spec of record is {@code docs/xen-credit-reference.md} in the repository.
 */
package io.github.vsched.credit;
