/**
 * The vsched engine's public face: scenarios, the simulation, its listeners and results, and
 * the plugin registry. The engine itself (Xen's generic scheduling layer and the guest
 * execution layer) lives in {@code io.github.vsched.core.internal}.
 */
package io.github.vsched.core;
