/**
 * The state the engine's layers share: {@link io.github.vsched.core.internal.state.Machine} (clock,
 * event queue, event hash), the PCPUs, VCPUs and domains (Xen's {@code struct vcpu}, {@code struct
 * domain} and per-CPU schedule data), the base types of engine events and timers, and I/O
 * requests. The bottom of the engine: it imports no other layer.
 */
package io.github.vsched.core.internal.state;
