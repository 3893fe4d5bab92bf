package io.github.vsched.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Optional parameters (no default) and parameters inherited from the level above. */
class OptionalAndInheritedParametersTest {
    static final ParameterSpec PERIOD = ParameterSpec.duration("period", 10 * Durations.MS, 10 * Durations.US,
            Durations.S, "period");
    static final List<ParameterSpec> DOMAIN = List.of(PERIOD,
            ParameterSpec.integer("ratelimitUs", "us", 0, 0, 1000, "preset decides").asOptional());
    static final List<ParameterSpec> VCPU = List.of(PERIOD.asInherited(), ParameterSpec.flag("extra", true, "extra"));

    @Test
    void anOptionalParameterIsAbsentUnlessGivenAndShowsNoDefault() {
        ParameterSpec optional = DOMAIN.get(1);
        assertThat(optional.isOptional()).isTrue();
        assertThat(optional.shownDefault()).isEmpty();
        Parameters absent = Parameters.resolve("domain d x", DOMAIN, Map.of(), 1);
        assertThat(absent.has("ratelimitUs")).isFalse();
        assertThat(absent.has("period")).isTrue();
        assertThatThrownBy(() -> absent.integer("ratelimitUs")).hasMessageContaining("no parameter 'ratelimitUs'");
        Parameters given = Parameters.resolve("domain d x", DOMAIN, Map.of("ratelimitUs", "500"), 1);
        assertThat(given.has("ratelimitUs")).isTrue();
        assertThat(given.integer("ratelimitUs")).isEqualTo(500);
    }

    @Test
    void anInheritedParameterTakesTheLevelAbovesValueUnlessSetAtItsOwn() {
        Parameters domain = Parameters.resolve("domain d x", DOMAIN, Map.of("period", "5ms"), 1);
        Parameters inherits = Parameters.resolve("vcpu d/0 x", VCPU, Map.of(), 1, domain);
        assertThat(inherits.duration("period")).isEqualTo(5 * Durations.MS);
        assertThat(inherits.isGiven("period")).isFalse();
        Parameters own = Parameters.resolve("vcpu d/1 x", VCPU, Map.of("period", "2ms"), 1, domain);
        assertThat(own.duration("period")).isEqualTo(2 * Durations.MS);
        // the level above's default is the default
        Parameters defaults = Parameters.resolve("vcpu d/0 x", VCPU, Map.of(), 1,
                Parameters.resolve("domain d x", DOMAIN, Map.of(), 1));
        assertThat(defaults.duration("period")).isEqualTo(10 * Durations.MS);
        // nothing above: absent
        assertThat(Parameters.resolve("vcpu d/0 x", VCPU, Map.of(), 1).has("period")).isFalse();
        // an own value is range-checked as any other
        assertThatThrownBy(() -> Parameters.resolve("vcpu d/0 x", VCPU, Map.of("period", "1us"), 1, domain))
                .hasMessageContaining("'vcpu d/0 x.period'").hasMessageContaining("'1us'");
    }

    @Test
    void anInheritedParameterShowsAsInheritedAndCannotHaveADefaultOfItsOwn() {
        assertThat(VCPU.get(0).inherited()).isTrue();
        assertThat(VCPU.get(0).isOptional()).isFalse();
        assertThat(VCPU.get(0).shownDefault()).isEqualTo("inherited");
        assertThat(VCPU.get(0).defaultValue()).isNull();
        assertThatThrownBy(() -> new ParameterSpec("period", ParameterType.DURATION, "ns", "1ms", 0, 1e9, List.of(),
                "period", true)).hasMessageContaining("'period' is inherited");
    }
}
