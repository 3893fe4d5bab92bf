/**
 * Xen's generic scheduling layer ({@code xen/common/schedule.c}): the schedule softirq and its
 * IPIs, {@code schedule()} with the checks on every decision, the context switch and
 * {@code context_saved}, wake, sleep, pause and the migrate path. Guest execution plugs in
 * through {@link io.github.vsched.core.internal.schedule.Execution}. A new cost of switching or
 * a new scheduling event goes here.
 */
package io.github.vsched.core.internal.schedule;
