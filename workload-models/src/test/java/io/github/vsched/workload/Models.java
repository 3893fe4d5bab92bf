package io.github.vsched.workload;

import io.github.vsched.api.DomainType;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Platform;
import io.github.vsched.api.VcpuView;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;
import io.github.vsched.api.WorkloadProvider;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.RandomStreams;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Creates workloads outside the engine, the way the engine does: parameters resolved against the schema. */
final class Models {
    private Models() {
    }

    /** A 1 GHz-TSC platform with no costs. */
    static final Platform IDEAL = FixedCostPlatform.ideal(1);

    /** The workload {@code provider} creates for a domain of {@code vcpus} VCPUs of {@code type}. */
    static Workload create(WorkloadProvider provider, DomainType type, int vcpus, long seed, Map<String, String> raw) {
        return create(provider, type, vcpus, seed, raw, IDEAL);
    }

    static Workload create(WorkloadProvider provider, DomainType type, int vcpus, long seed, Map<String, String> raw,
                           Platform platform) {
        Parameters p = Parameters.resolve("workload " + provider.id() + " of domain g", provider.parameters(), raw,
                platform.tscHz());
        return provider.create(context(type, vcpus, seed, platform), p);
    }

    static WorkloadContext context(DomainType type, int vcpus, long seed, Platform platform) {
        List<VcpuView> views = Collections.nCopies(vcpus, null);
        DomainView domain = new DomainView() {
            @Override
            public int id() {
                return 1;
            }

            @Override
            public String name() {
                return "g";
            }

            @Override
            public DomainType type() {
                return type;
            }

            @Override
            public List<? extends VcpuView> vcpus() {
                return views;
            }

            @Override
            public Parameters schedulerParameters() {
                return Parameters.empty("g");
            }

            @Override
            public Object schedulerPrivate() {
                return null;
            }
        };
        RandomGenerator random = RandomStreams.stream(seed, "workload:g");
        return new WorkloadContext() {
            @Override
            public DomainView domain() {
                return domain;
            }

            @Override
            public Platform platform() {
                return platform;
            }

            @Override
            public RandomGenerator random() {
                return random;
            }
        };
    }
}
