/**
 * The results the command line reports, independent of any file format: one
 * {@link io.github.vsched.cli.result.RunRecord} per simulation, a
 * {@link io.github.vsched.cli.result.ResultSet} per command, and
 * {@link io.github.vsched.cli.result.Aggregate} for means and confidence intervals across
 * seeds. {@link io.github.vsched.cli.result.Metrics} is the catalogue of per-VCPU metrics
 * every output loops over. Durations here are microseconds (doubles); the engine's are nanoseconds.
 */
package io.github.vsched.cli.result;
