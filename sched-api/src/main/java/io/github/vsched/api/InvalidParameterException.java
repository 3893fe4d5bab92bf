package io.github.vsched.api;

/**
 * A parameter value that is malformed, out of range, unknown or inconsistent with another.
 * The message names the parameter, the value and what is allowed.
 */
public class InvalidParameterException extends IllegalArgumentException {
    /** Serial form version. */
    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String value;
    private final String allowed;

    /**
     * @param parameter the parameter's name (possibly qualified, e.g. {@code credit.tsliceMs})
     * @param value     the rejected value as the user wrote it
     * @param allowed   what would have been accepted
     */
    public InvalidParameterException(String parameter, String value, String allowed) {
        super("parameter '" + parameter + "': invalid value '" + value + "'; allowed: " + allowed);
        this.parameter = parameter;
        this.value = value;
        this.allowed = allowed;
    }

    /** For rejections that are not about a single value (e.g. two parameters in conflict). */
    public InvalidParameterException(String parameter, String message) {
        super("parameter '" + parameter + "': " + message);
        this.parameter = parameter;
        this.value = null;
        this.allowed = null;
    }

    /** The name of the rejected parameter. */
    public String parameter() {
        return parameter;
    }

    /** The rejected value as the user wrote it, or null for a rejection not about one value. */
    public String value() {
        return value;
    }

    /** What would have been accepted, or null for a rejection not about one value. */
    public String allowed() {
        return allowed;
    }
}
