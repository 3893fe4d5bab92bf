package io.github.vsched.cli.trace;

/** The formats {@code --trace} writes. */
public enum TraceFormat {
    /** Chrome trace-event JSON ({@code trace-*.json}), for ui.perfetto.dev and chrome://tracing. */
    PERFETTO("json"),
    /** Raw events as CSV ({@code trace-*.csv}). */
    CSV("csv"),
    /** Xen's binary trace format, which xenalyze reads ({@code trace-*.bin}). */
    XENTRACE("bin");

    private final String extension;

    TraceFormat(String extension) {
        this.extension = extension;
    }

    /** The name given on the command line: {@code perfetto}, {@code csv}, {@code xentrace}. */
    public String optionName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The file name extension. */
    public String extension() {
        return extension;
    }
}
