/**
 * The {@link io.github.vsched.api.SchedulerContext} a scheduler plugin is given: its only way
 * into the engine, each call checked.
 */
package io.github.vsched.core.internal.context;
