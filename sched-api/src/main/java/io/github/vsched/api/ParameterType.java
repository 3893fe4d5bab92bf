package io.github.vsched.api;

/** The type of a {@link ParameterSpec}, which decides how its text value is parsed. */
public enum ParameterType {
    /** A whole number ({@code long}). */
    INTEGER,
    /** A decimal number ({@code double}). */
    DECIMAL,
    /**
     * A duration, stored as {@code long} nanoseconds. Text carries a unit: {@code ns},
     * {@code us}, {@code ms}, {@code s}, or {@code tsc} (cycles of the platform's TSC).
     */
    DURATION,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** One of a fixed list of words. */
    CHOICE,
    /** Free text, parsed by the plugin itself (for example a list of phases); trimmed. */
    TEXT,
    /**
     * The path of a file the plugin reads (for example an rt-app task description); trimmed,
     * not empty. A scenario file's value is relative to the scenario file's folder and may not
     * leave it unless the user allows it; the plugin receives the resolved path.
     */
    FILE
}
