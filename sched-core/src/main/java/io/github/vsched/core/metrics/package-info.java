/**
 * Recorders: per-VCPU run-state times, wake-up latency, dispatch intervals, run lengths, and
 * the PCPU timeline (who ran where, from when to when) that reports, traces and tests read.
 */
package io.github.vsched.core.metrics;
