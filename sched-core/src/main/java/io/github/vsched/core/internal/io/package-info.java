/**
 * The I/O path: event channels, the driver domain's backends and device models, and the physical
 * devices with their service times and completion interrupts. Reaches guests only through
 * {@link io.github.vsched.core.internal.io.EventChannel}. A new I/O cost or device behaviour goes
 * here.
 */
package io.github.vsched.core.internal.io;
