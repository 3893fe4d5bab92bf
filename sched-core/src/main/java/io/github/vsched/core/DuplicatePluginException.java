package io.github.vsched.core;

/** Two installed providers of one kind declare the same id. */
public class DuplicatePluginException extends PluginLoadException {
    private static final long serialVersionUID = 1L;

    /** @param message names the id and both jars */
    public DuplicatePluginException(String message) {
        super(message);
    }
}
