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
            + " seed: perfetto (Chrome trace-event JSON for ui.perfetto.dev) or csv (raw events). Needs --out.",
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

    /** Converts {@code perfetto} and {@code csv}. */
    static final class TraceFormatConverter implements picocli.CommandLine.ITypeConverter<TraceFormat> {
        @Override
        public TraceFormat convert(String value) {
            for (TraceFormat f : TraceFormat.values()) {
                if (f.name().equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a trace format; allowed:"
                    + " perfetto, csv");
        }
    }

    /** Completion candidates for {@code --trace}. */
    static final class TraceFormats extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        TraceFormats() {
            super(java.util.List.of("perfetto", "csv"));
        }
    }
}
