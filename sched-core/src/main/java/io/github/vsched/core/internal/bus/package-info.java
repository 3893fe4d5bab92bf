/**
 * The listener bus: what the layers report (wake-ups, dispatches, overhead, scheduler trace
 * events) handed to every {@link io.github.vsched.core.observe.SimulationListener}. A new kind of
 * observation is a method here and on the listener interface.
 */
package io.github.vsched.core.internal.bus;
