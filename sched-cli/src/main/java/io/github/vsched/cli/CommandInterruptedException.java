package io.github.vsched.cli;

/**
 * The command was asked to stop (Ctrl-C, SIGTERM) before it finished. The message says how far
 * it got and what it left: no output file, or for a sweep the completed runs it keeps to resume.
 */
public class CommandInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int completed;
    private final int total;

    /**
     * @param message   how far the command got and what it left
     * @param completed runs completed
     * @param total     runs the command had to make
     */
    public CommandInterruptedException(String message, int completed, int total) {
        super(message);
        this.completed = completed;
        this.total = total;
    }

    /** Runs completed before the stop. */
    public int completed() {
        return completed;
    }

    /** Runs the command had to make. */
    public int total() {
        return total;
    }
}
