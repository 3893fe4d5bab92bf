package io.github.vsched.api;

import java.util.List;
import java.util.Set;

/**
 * What every plugin provider declares: a stable id, a description, its parameters and its
 * capabilities. Providers are found through {@link java.util.ServiceLoader} and must have a
 * public no-argument constructor.
 */
public interface Provider {

    /** The stable lowercase id by which scenarios and the command line name this plugin. */
    String id();

    /** One line saying what the plugin is. */
    String description();

    /** The parameters the plugin takes, with type, unit, default and allowed range. */
    List<ParameterSpec> parameters();

    /** What the plugin can do or promises, whatever its parameters; see {@link Capability}. */
    Set<Capability> capabilities();

    /**
     * What the plugin does or promises with these parameters in force: a subset of
     * {@link #capabilities()} (a workload that can issue I/O but is set not to, say). The
     * engine checks a scenario's needs against this when it creates a simulation.
     *
     * @param params the plugin's resolved parameters
     */
    default Set<Capability> capabilities(Parameters params) {
        return capabilities();
    }
}
