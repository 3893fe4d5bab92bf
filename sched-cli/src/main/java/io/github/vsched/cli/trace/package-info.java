/**
 * Trace sinks written with {@code --trace}: Chrome trace-event JSON for ui.perfetto.dev and
 * chrome://tracing ({@link io.github.vsched.cli.trace.PerfettoTraceSink}), raw events as CSV
 * ({@link io.github.vsched.cli.trace.CsvTraceSink}) and Xen's binary trace format for Xen's
 * xenalyze ({@link io.github.vsched.cli.trace.XentraceSink}). All stream to disk as the
 * simulation runs, so memory stays bounded however long the run.
 */
package io.github.vsched.cli.trace;
