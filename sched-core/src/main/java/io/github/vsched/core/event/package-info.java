/**
 * The discrete-event core: an event queue ordered by (time, insertion sequence) whose events
 * are created once and re-armed, so that running a simulation allocates nothing.
 */
package io.github.vsched.core.event;
