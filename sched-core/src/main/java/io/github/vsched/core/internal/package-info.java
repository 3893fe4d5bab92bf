/**
 * The engine: the simulated hypervisor assembled from its layers, one package each, as Xen keeps
 * them in separate files ({@code state}, {@code timer}, {@code schedule}, {@code guest},
 * {@code io}, {@code context}, {@code check}, {@code bus}); {@link io.github.vsched.core.internal.Engine}
 * wires them and runs the event loop. Not an API: nothing outside sched-core may depend on it.
 */
package io.github.vsched.core.internal;
