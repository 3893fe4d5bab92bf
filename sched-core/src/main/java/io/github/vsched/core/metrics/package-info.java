/**
 * Recorders: per-VCPU run-state times, wake-up latency, dispatch intervals, run lengths, the
 * PCPU timeline (who ran where, from when to when) that reports, traces and tests read, the
 * dispatch series of chosen VCPUs over a time window, and the stutter the soft real-time guests
 * reported.
 */
package io.github.vsched.core.metrics;
