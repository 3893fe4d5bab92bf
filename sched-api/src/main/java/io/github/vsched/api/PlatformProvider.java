package io.github.vsched.api;

/** A {@link java.util.ServiceLoader} service that builds a {@link Platform} from parameters. */
public interface PlatformProvider extends Provider {

    /**
     * Builds the platform.
     *
     * @param params values of {@link #parameters()}, validated against their ranges
     * @throws InvalidParameterException for combinations the ranges cannot express
     */
    Platform create(Parameters params);
}
