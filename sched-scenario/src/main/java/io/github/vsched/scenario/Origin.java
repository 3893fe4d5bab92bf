package io.github.vsched.scenario;

import java.util.Objects;

/**
 * Where a value came from: a line and column of a scenario file, or a command-line option.
 *
 * @param source the file name as the user gave it, or the option text
 *               ({@code --set domain.winxp.weight=512})
 * @param line   1-based line, or 0 for an option
 * @param column 1-based column, or 0 for an option
 */
public record Origin(String source, int line, int column) {

    /** Requires a source. */
    public Origin {
        Objects.requireNonNull(source, "source");
    }

    /** A place in a file. */
    public static Origin file(String source, int line, int column) {
        return new Origin(source, line, column);
    }

    /** A command-line option, shown as written. */
    public static Origin option(String text) {
        return new Origin(text, 0, 0);
    }

    /** Whether this is a place in a file (rather than an option). */
    public boolean inFile() {
        return line > 0;
    }

    /** {@code file:line:column}, or the option text. */
    @Override
    public String toString() {
        return line > 0 ? source + ":" + line + ":" + column : source;
    }
}
