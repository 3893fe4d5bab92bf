package io.github.vsched.cli;

/**
 * A simulation failed while running (a scheduler broke an engine invariant, a plugin threw).
 * The command exits with status 1; the message names the run (scheduler, seed, sweep point).
 */
public class RunFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message which run failed; {@code cause} why */
    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
