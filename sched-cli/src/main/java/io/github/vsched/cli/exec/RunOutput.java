package io.github.vsched.cli.exec;

import io.github.vsched.cli.report.TimelineCapture;
import io.github.vsched.cli.result.RunRecord;
import io.github.vsched.core.VcpuStats;
import io.github.vsched.core.metrics.DispatchSeries;

import java.nio.file.Path;
import java.util.Map;

/**
 * What one run produced.
 *
 * @param job        the job
 * @param record     the reported numbers
 * @param histograms the focus VCPUs' distributions by {@code domain/number}, or empty
 * @param timeline   the timeline window, or null
 * @param series     the focus VCPUs' dispatches and quality events in the job's series window, or null
 * @param trace      the trace file written, or null
 * @param wallNs     wall-clock time the run took
 */
public record RunOutput(Job job, RunRecord record, Map<String, VcpuStats.Histograms> histograms,
                        TimelineCapture timeline, DispatchSeries series, Path trace, long wallNs) {

    /** This output without its distributions (once they are merged elsewhere). */
    public RunOutput withoutHistograms() {
        return new RunOutput(job, record, Map.of(), timeline, series, trace, wallNs);
    }
}
