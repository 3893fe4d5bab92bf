package io.github.vsched.core;

import io.github.vsched.api.Capability;
import io.github.vsched.api.Durations;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.SchedulerProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The provider's checks of combinations run at every level, and their refusals are named under
 * the owner that set the value, so a scenario reader can place them at it.
 */
class SchedulerParameterResolverTest {
    static final ParameterSpec LIMIT = ParameterSpec.duration("limit", 5 * Durations.MS, 0, Durations.S, "limit");

    /** A scheduler whose slice must stay below its limit, at every level. */
    static final SchedulerProvider PROVIDER = new SchedulerProvider() {
        @Override
        public String id() {
            return "combo";
        }

        @Override
        public String description() {
            return "checks slice < limit";
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of(LIMIT);
        }

        @Override
        public List<ParameterSpec> domainParameters() {
            return List.of(LIMIT.asInherited(),
                    ParameterSpec.duration("slice", Durations.MS, 0, Durations.S, "slice"));
        }

        @Override
        public List<ParameterSpec> vcpuParameters() {
            return List.of(LIMIT.asInherited(), ParameterSpec.duration("slice", Durations.MS, 0, Durations.S, "slice"));
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }

        @Override
        public void validateDomain(Parameters params, Parameters domain) {
            check(domain);
        }

        @Override
        public void validateVcpu(Parameters params, Parameters domain, Parameters vcpu) {
            check(vcpu);
        }

        private void check(Parameters p) {
            if (p.duration("slice") >= p.duration("limit")) {
                // names the value this level set: its slice, else the limit
                String name = p.isGiven("slice") ? "slice" : "limit";
                throw new InvalidParameterException(name, Durations.format(p.duration(name)), "below the limit");
            }
        }

        @Override
        public Scheduler create(SchedulerContext context, Parameters params) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void aRefusedCombinationIsNamedUnderTheOwnerOfTheValue() {
        Parameters s = SchedulerParameterResolver.scheduler(PROVIDER, Map.of(), 1);
        assertThatThrownBy(() -> SchedulerParameterResolver.domain(PROVIDER, s, "web", Map.of("slice", "6ms"), 1))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("parameter 'domain web combo.slice': invalid value '6ms'; allowed: below the limit");
        Parameters d = SchedulerParameterResolver.domain(PROVIDER, s, "web", Map.of("limit", "3ms"), 1);
        assertThatThrownBy(() -> SchedulerParameterResolver.vcpu(PROVIDER, s, d, "web", 1, Map.of("slice", "4ms"), 1))
                .hasMessage("parameter 'vcpu web/1 combo.slice': invalid value '4ms'; allowed: below the limit");
    }

    @Test
    void aRefusedValueTheVcpuInheritedIsNamedUnderItsDomain() {
        Parameters s = SchedulerParameterResolver.scheduler(PROVIDER, Map.of(), 1);
        Parameters d = SchedulerParameterResolver.domain(PROVIDER, s, "web", Map.of("limit", "3ms"), 1);
        // the VCPU keeps its slice at the default 1 ms; the domain's limit reaches it
        Parameters ok = SchedulerParameterResolver.vcpu(PROVIDER, s, d, "web", 0, Map.of(), 1);
        assertThat(ok.duration("limit")).isEqualTo(3 * Durations.MS);
        Parameters tight = SchedulerParameterResolver.domain(PROVIDER, s, "db", Map.of("limit", "2ms", "slice", "1ms"), 1);
        assertThatThrownBy(() -> SchedulerParameterResolver.vcpu(PROVIDER, s,
                new Parameters(tight.owner(), Map.of("limit", 500_000L, "slice", Durations.MS), Set.of("limit")),
                "db", 0, Map.of(), 1))
                .hasMessageStartingWith("parameter 'domain db combo.limit'");
    }
}
