package io.github.vsched.core;

import io.github.vsched.api.Capability;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;
import io.github.vsched.api.WorkloadProvider;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Wraps a workload factory given in code as a parameterless provider. */
final class InlineWorkloads {
    private InlineWorkloads() {
    }

    static WorkloadProvider provider(String id, Function<WorkloadContext, Workload> factory) {
        return new WorkloadProvider() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return "workload defined in code";
            }

            @Override
            public List<ParameterSpec> parameters() {
                return List.of();
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of();
            }

            @Override
            public Workload create(WorkloadContext context, Parameters params) {
                return factory.apply(context);
            }
        };
    }
}
