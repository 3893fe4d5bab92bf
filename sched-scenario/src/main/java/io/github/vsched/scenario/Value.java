package io.github.vsched.scenario;

/**
 * One value of a scenario as written, with where it came from.
 *
 * @param text      the text as written
 * @param bool      the YAML boolean it denotes ({@code yes}, {@code true} ...), or null
 * @param origin    where the value is
 * @param keyOrigin where its key is (the same as {@code origin} for options)
 * @param path      the key path shown in messages ({@code domains[winxp].vcpus})
 */
public record Value(String text, Boolean bool, Origin origin, Origin keyOrigin, String path) {

    /** A value given on the command line. */
    public static Value option(String text, Origin origin, String path) {
        return new Value(text, null, origin, origin, path);
    }

    /** The text, with YAML booleans written as {@code true} or {@code false}. */
    public String booleanText() {
        return bool != null ? bool.toString() : text;
    }

    /** A problem about this value. */
    public Problem problem(String message) {
        return new Problem(origin, path, message);
    }

    /** A problem about this value's key. */
    public Problem keyProblem(String message) {
        return new Problem(keyOrigin, path, message);
    }
}
