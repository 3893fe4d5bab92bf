/**
 * A minimal round-robin scheduler: per-PCPU FIFO runqueues, a fixed slice, idle PCPUs steal.
 * The simplest correct plugin, used to test the engine before credit and as an example.
 */
package io.github.vsched.core.rr;
