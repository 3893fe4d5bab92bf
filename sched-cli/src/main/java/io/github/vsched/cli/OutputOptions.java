package io.github.vsched.cli;

import io.github.vsched.cli.output.OutputDir;
import io.github.vsched.cli.trace.TraceFormat;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where results go: {@code --out} and {@code --trace}. */
public final class OutputOptions {

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Write result.json, summary.csv,"
            + " workloads.csv, estimates.csv, summary.md, report.html with its charts in charts/ (and traces) to DIR,"
            + " created if needed.")
    Path out;

    @Option(names = "--trace", paramLabel = "FORMAT", description = "Also write a trace of each scheduler's first"
            + " seed: perfetto (Chrome trace-event JSON for ui.perfetto.dev), csv (raw events) or xentrace (Xen 4.18's"
            + " binary trace format, which Xen's xenalyze reads; TSC at the platform's rate). Needs --out.",
            converter = TraceFormatConverter.class, completionCandidates = TraceFormats.class)
    TraceFormat trace;

    /** The output folder, checked writable; null when {@code --out} is not given. */
    public OutputDir prepare() {
        if (out == null) {
            if (trace != null) {
                throw new UserInputException("--trace needs --out DIR (the folder the trace is written to)");
            }
            return null;
        }
        return OutputDir.prepare(out);
    }

    /** The trace format, or null. */
    public TraceFormat trace() {
        return trace;
    }

    /** Converts a format's {@link TraceFormat#optionName()}. */
    static final class TraceFormatConverter implements picocli.CommandLine.ITypeConverter<TraceFormat> {
        @Override
        public TraceFormat convert(String value) {
            java.util.List<String> names = new java.util.ArrayList<>();
            for (TraceFormat f : TraceFormat.values()) {
                if (f.optionName().equalsIgnoreCase(value)) {
                    return f;
                }
                names.add(f.optionName());
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a trace format; allowed: "
                    + String.join(", ", names));
        }
    }

    /** Completion candidates for {@code --trace}. */
    static final class TraceFormats extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        TraceFormats() {
            for (TraceFormat f : TraceFormat.values()) {
                add(f.optionName());
            }
        }
    }
}
