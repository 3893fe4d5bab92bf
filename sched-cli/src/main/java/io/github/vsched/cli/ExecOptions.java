package io.github.vsched.cli;

import io.github.vsched.cli.exec.ProgressBar;
import picocli.CommandLine.Option;

/** How runs are executed: parallelism, progress bar, confidence level. */
public final class ExecOptions {

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Runs at once (default: one per core).")
    Integer jobs;

    @Option(names = "--progress", negatable = true, description = "Show a progress bar on standard error (default:"
            + " only when it is a terminal).")
    Boolean progress;

    @Option(names = "--confidence", paramLabel = "LEVEL", defaultValue = "0.95", description = "Confidence level of"
            + " the intervals across seeds (default: ${DEFAULT-VALUE}).")
    double confidence;

    /** Runs at once. */
    public int jobs() {
        if (jobs != null && jobs < 1) {
            throw new UserInputException("--jobs " + jobs + ": must be at least 1");
        }
        return jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
    }

    /** Whether to draw the progress bar. */
    public boolean progress() {
        return progress != null ? progress : ProgressBar.stderrIsTerminal();
    }

    /** The confidence level, checked. */
    public double confidence() {
        if (!(confidence > 0 && confidence < 1)) {
            throw new UserInputException("--confidence " + confidence + ": must be between 0 and 1 (e.g. 0.95)");
        }
        return confidence;
    }
}
