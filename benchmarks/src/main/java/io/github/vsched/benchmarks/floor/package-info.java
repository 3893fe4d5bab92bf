/**
 * Reference structures the benchmarks measure beside the engine's own, in the same JMH run, so
 * that a ratio to them is measured rather than remembered: floors (the bare data structure a
 * part of the engine cannot beat, such as a calendar queue without sequence numbers or
 * cancellation, or three {@code ArrayDeque}s for a scheduler's pick-next and requeue) and the
 * engine's previous event queue.
 */
package io.github.vsched.benchmarks.floor;
