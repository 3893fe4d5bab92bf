package io.github.vsched.core;

/**
 * The installed plugins cannot be loaded: a provider declares an invalid id, two declare the
 * same id ({@link DuplicatePluginException}), or a provider named in a jar's
 * {@code META-INF/services} cannot be found or instantiated. The message names the provider
 * and where it came from; callers never need to read it to know what happened.
 */
public class PluginLoadException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message names the provider, its jar and what is wrong */
    public PluginLoadException(String message) {
        super(message);
    }

    /** @param message names the provider, its jar and what is wrong; {@code cause} is the loader's error */
    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
