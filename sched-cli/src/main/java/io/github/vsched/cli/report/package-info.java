/**
 * What people read: console tables, also as Markdown for {@code summary.md}
 * ({@link io.github.vsched.cli.report.ConsoleReport}), the
 * self-contained HTML report with inline SVG charts generated here
 * ({@link io.github.vsched.cli.report.HtmlReport}: per-PCPU timeline, distributions side by
 * side, workload quality) and the sweep chart ({@link io.github.vsched.cli.report.SweepReport}),
 * each chart also as a standalone SVG file ({@link io.github.vsched.cli.report.Page}).
 */
package io.github.vsched.cli.report;
