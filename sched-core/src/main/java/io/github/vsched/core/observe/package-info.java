/**
 * What a running simulation tells the outside: {@link io.github.vsched.core.observe.SimulationListener},
 * through which recorders, trace sinks and test probes observe every wake-up, dispatch and
 * overhead, and {@link io.github.vsched.core.observe.InvariantViolationException}, with which the
 * engine stops when a plugin breaks one of Xen's invariants. Depends on the SPI only, so every
 * layer of the engine can report through it.
 */
package io.github.vsched.core.observe;
