package io.github.vsched.workload;

import io.github.vsched.api.Capability;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.WorkloadProvider;

import java.util.List;
import java.util.Set;

/**
 * What every provider of this module shares: its id, description, parameter schema and
 * capabilities, given once; a provider adds only how it creates its workload.
 */
abstract class ModelProvider implements WorkloadProvider {
    private final String id;
    private final String description;
    private final List<ParameterSpec> parameters;
    private final Set<Capability> capabilities;

    ModelProvider(String id, String description, List<ParameterSpec> parameters, Set<Capability> capabilities) {
        this.id = id;
        this.description = description;
        this.parameters = parameters;
        this.capabilities = capabilities;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<ParameterSpec> parameters() {
        return parameters;
    }

    @Override
    public final Set<Capability> capabilities() {
        return capabilities;
    }
}
