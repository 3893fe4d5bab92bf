package io.github.vsched.scenario;

/**
 * A scenario that cannot be used as given: a missing or unreadable file, text that is not
 * UTF-8, an unknown built-in scenario. The message says what is wrong and what would be
 * accepted. {@link ScenarioException}, its subclass, lists the problems of a scenario that was
 * read but does not parse or validate, each with its file, line and column.
 *
 * <p>These are mistakes of whoever wrote or named the scenario, not failures of the program;
 * the {@code vsched} command line reports them as bad input (exit status 2).
 */
public class ScenarioInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, where, and what would be accepted */
    public ScenarioInputException(String message) {
        super(message);
    }

    /** @param message what is wrong; {@code cause} the underlying error */
    public ScenarioInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
