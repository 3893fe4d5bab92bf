package io.github.vsched.cli;

/**
 * Bad input from the user: a usage error, an unknown plugin, a bad value, a missing file or
 * an output folder that cannot be written. The command exits with status 2 and prints the
 * message, which says what is wrong and what is allowed. Scenarios that cannot be read or do
 * not validate raise the scenario library's
 * {@link io.github.vsched.scenario.ScenarioInputException} (and its
 * {@link io.github.vsched.scenario.ScenarioException}), which {@link Main} treats the same way.
 */
public class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, where, and what would be accepted */
    public UserInputException(String message) {
        super(message);
    }

    /** @param message what is wrong; {@code cause} the underlying error */
    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
