package io.github.vsched.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which plugin to use and with what parameters: a provider id and parameter values as text
 * (the way scenario files write them), or, for tests and embedding, a provider instance.
 *
 * @param id       the provider id
 * @param params   parameter values as text, by name
 * @param instance a provider instance to use instead of looking {@code id} up, or null
 * @param <P>      the provider type
 */
public record ComponentSpec<P>(String id, Map<String, String> params, P instance) {

    /** Copies the parameters; the id is required. */
    public ComponentSpec {
        Objects.requireNonNull(id, "id");
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** A plugin looked up by id. */
    public static <P> ComponentSpec<P> of(String id, Map<String, String> params) {
        return new ComponentSpec<>(id, params, null);
    }

    /** This spec with one more parameter value. */
    public ComponentSpec<P> with(String name, String value) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put(name, value);
        return new ComponentSpec<>(id, p, instance);
    }
}
