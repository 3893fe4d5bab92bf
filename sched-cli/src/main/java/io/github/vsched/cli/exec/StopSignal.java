package io.github.vsched.cli.exec;

/**
 * A request to stop a command (Ctrl-C, SIGTERM): set by whoever catches it, read by the
 * runs between and during their steps, which then end early.
 */
public final class StopSignal {
    private volatile boolean requested;

    /** Asks every run that reads this signal to stop. */
    public void request() {
        requested = true;
    }

    /** Whether a stop was asked for. */
    public boolean requested() {
        return requested;
    }
}
