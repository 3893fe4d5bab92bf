/** Recorders: per-VCPU run-state times, wake-up latency, dispatch intervals, run lengths. */
package io.github.vsched.core.metrics;
