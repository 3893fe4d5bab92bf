/**
 * Xen's timers ({@code xen/common/timer.c}): per-PCPU timer lists and the timer interrupt that
 * fires the batch of due timers the slop lets it coalesce. A new kind of timer is a
 * {@link io.github.vsched.core.internal.state.XenTimer} set through
 * {@link io.github.vsched.core.internal.timer.Timers}.
 */
package io.github.vsched.core.internal.timer;
