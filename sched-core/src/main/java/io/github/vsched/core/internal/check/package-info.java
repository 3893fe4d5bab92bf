/**
 * Checked mode: the invariants of Xen's scheduling layer, verified after every event, with
 * messages that name the event and the decision that broke one.
 */
package io.github.vsched.core.internal.check;
