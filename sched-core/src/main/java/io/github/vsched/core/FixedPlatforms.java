package io.github.vsched.core;

import io.github.vsched.api.Capability;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Platform;
import io.github.vsched.api.PlatformProvider;

import java.util.List;
import java.util.Set;

/** Wraps a platform instance given in code as a parameterless provider. */
final class FixedPlatforms {
    private FixedPlatforms() {
    }

    static PlatformProvider provider(Platform p) {
        return new PlatformProvider() {
            @Override
            public String id() {
                return p.id();
            }

            @Override
            public String description() {
                return "platform defined in code";
            }

            @Override
            public List<ParameterSpec> parameters() {
                return List.of();
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of(Capability.PV, Capability.HVM);
            }

            @Override
            public Platform create(Parameters params) {
                return p;
            }
        };
    }
}
