package io.github.vsched.scenario;

/**
 * One thing wrong with a scenario.
 *
 * @param origin  where (file, line, column, or the option)
 * @param key     the key concerned, as a path ({@code domains[1].workload.params.period}), or
 *                null when the problem is not about one key
 * @param message what is wrong and what is allowed
 */
public record Problem(Origin origin, String key, String message) {

    /** {@code file:line:column: key: message}. */
    @Override
    public String toString() {
        return origin + ": " + (key == null ? "" : key + ": ") + message;
    }
}
