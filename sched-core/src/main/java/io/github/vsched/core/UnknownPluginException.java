package io.github.vsched.core;

/** A scenario or command named a plugin id that no installed provider has. */
public class UnknownPluginException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message names the kind, the unknown id and the known ids */
    public UnknownPluginException(String message) {
        super(message);
    }
}
