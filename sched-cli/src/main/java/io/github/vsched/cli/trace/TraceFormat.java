package io.github.vsched.cli.trace;

/** The formats {@code --trace} writes. */
public enum TraceFormat {
    /** Chrome trace-event JSON ({@code trace-*.json}), for ui.perfetto.dev and chrome://tracing. */
    PERFETTO("json"),
    /** Raw events as CSV ({@code trace-*.csv}). */
    CSV("csv");

    private final String extension;

    TraceFormat(String extension) {
        this.extension = extension;
    }

    /** The file name extension. */
    public String extension() {
        return extension;
    }
}
