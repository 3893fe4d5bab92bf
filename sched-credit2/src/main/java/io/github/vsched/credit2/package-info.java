/**
 * Xen's credit2 scheduler as a vsched plugin, faithful to {@code xen/common/sched/credit2.c} at
 * {@code RELEASE-4.19.0} (the default scheduler since Xen 4.12): runqueues shared by PCPUs grouped
 * by topology, each sorted by credit; credit burnt at a rate scaled by weight and reset for the
 * whole runqueue when the best VCPU has none left; no tick, slices from credit differences;
 * tickling by credit; decaying load averages that drive balancing across runqueues; caps enforced
 * with a per-domain budget.
 *
 * <p>{@link io.github.vsched.credit2.Credit2SchedulerProvider} (id {@code credit2}) is the
 * {@link java.util.ServiceLoader} entry point and declares the scheduler-wide, per-domain and
 * per-VCPU parameters; {@link io.github.vsched.credit2.Credit2Scheduler} implements the hooks. The
 * other classes mirror Xen's structures ({@code Credit2Runqueue}, {@code Credit2Vcpu},
 * {@code Credit2Domain}, {@code Credit2Pcpu}) and groups of its functions ({@code RunqueueLayout},
 * {@code Credit2Accounting}, {@code RunqTickle}, {@code LoadTracker}, {@code LoadBalancer},
 * {@code CapBudget}, {@code Credit2Dump}); each names the Xen code it restates. The spec of record
 * is {@code docs/xen-credit2-reference.md} in the repository.
 */
package io.github.vsched.credit2;
