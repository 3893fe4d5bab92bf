/**
 * The {@code vsched} command line: commands ({@code run}, {@code compare}, {@code sweep},
 * {@code merge}, {@code list}, {@code validate}), their options and exit codes. Scenario files
 * are read by {@link io.github.vsched.scenario}, runs are executed by
 * {@link io.github.vsched.cli.exec}, and results are written by
 * {@link io.github.vsched.cli.output}, {@link io.github.vsched.cli.report} and
 * {@link io.github.vsched.cli.trace}.
 */
package io.github.vsched.cli;
