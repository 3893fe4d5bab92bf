package io.github.vsched.cli;

import picocli.CommandLine.Option;

/** {@code --series-window}: the window of the VCPUs' time series, for the commands that keep one. */
public final class SeriesOptions {

    @Option(names = "--series-window", paramLabel = "START..END", description = "The window of the time series of"
            + " the VCPUs of interest (each dispatch's interval and run length, late and dropped frames: the"
            + " report's 'Over time' panels, the strips on standard output, intervals.csv): START..END or"
            + " START+LENGTH with units, e.g. 3s..6s or 3s+3s, or all (default: the whole run when it is at most"
            + " 10s long, else 4s around the first late or dropped frame or audio underrun).")
    String window;

    /** The option as given, or null. */
    String window() {
        return window;
    }
}
