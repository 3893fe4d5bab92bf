/**
 * The engine: Xen's generic scheduling layer ({@code xen/common/schedule.c}: run states,
 * wake/sleep/block/yield, the schedule softirq, slice timers, context switches and
 * {@code context_saved}, the migrate path) and the guest execution layer that runs each VCPU's
 * workload model. Not an API: nothing outside sched-core may depend on it.
 */
package io.github.vsched.core.internal;
