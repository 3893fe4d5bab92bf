package io.github.vsched.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParametersTest {
    static final List<ParameterSpec> SCHEMA = List.of(
            ParameterSpec.integer("weight", "", 256, 1, 65535, "relative share"),
            ParameterSpec.duration("tslice", 30 * Durations.MS, Durations.MS, Durations.S, "time slice"),
            ParameterSpec.decimal("share", "", 0.5, 0, 1, "fraction"),
            ParameterSpec.flag("boost", true, "boost on wake"),
            ParameterSpec.choice("mode", "a", List.of("a", "b"), "mode"));

    @Test
    void defaultsFillWhatIsNotGiven() {
        Parameters p = Parameters.resolve("scheduler x", SCHEMA, Map.of("weight", "512"), 1_000_000_000L);
        assertThat(p.integer("weight")).isEqualTo(512);
        assertThat(p.duration("tslice")).isEqualTo(30_000_000L);
        assertThat(p.decimal("share")).isEqualTo(0.5);
        assertThat(p.flag("boost")).isTrue();
        assertThat(p.choice("mode")).isEqualTo("a");
        assertThat(p.isGiven("weight")).isTrue();
        assertThat(p.isGiven("tslice")).isFalse();
    }

    @Test
    void outOfRangeValuesNameTheParameterTheValueAndTheRange() {
        assertThatThrownBy(() -> Parameters.resolve("scheduler credit", SCHEMA, Map.of("weight", "0"), 1))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("parameter 'scheduler credit.weight': invalid value '0'; allowed: a value in [1, 65535]");
        assertThatThrownBy(() -> Parameters.resolve("s", SCHEMA, Map.of("tslice", "2s"), 1))
                .hasMessageContaining("'s.tslice'").hasMessageContaining("'2s'").hasMessageContaining("[1ms, 1s]");
        assertThatThrownBy(() -> Parameters.resolve("s", SCHEMA, Map.of("tslice", "30"), 1))
                .hasMessageContaining("missing unit");
        assertThatThrownBy(() -> Parameters.resolve("s", SCHEMA, Map.of("mode", "c"), 1))
                .hasMessageContaining("one of a, b");
        assertThatThrownBy(() -> Parameters.resolve("s", SCHEMA, Map.of("boost", "yes"), 1))
                .hasMessageContaining("true or false");
    }

    @Test
    void aRejectionCarriesTheParameterTheValueAndWhatIsAllowedAsFields() {
        assertThatThrownBy(() -> Parameters.resolve("scheduler credit", SCHEMA, Map.of("weight", "0"), 1))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("scheduler credit.weight");
                    assertThat(e.value()).isEqualTo("0");
                    assertThat(e.allowed()).isEqualTo("a value in [1, 65535]");
                });
        assertThatThrownBy(() -> Parameters.resolve("s", SCHEMA, Map.of("wieght", "3"), 1))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("s.wieght");
                    assertThat(e.value()).isNull();
                    assertThat(e.allowed()).isNull();
                });
    }

    @Test
    void unknownNamesAreRejectedWithASuggestion() {
        assertThatThrownBy(() -> Parameters.resolve("scheduler credit", SCHEMA, Map.of("wieght", "3"), 1))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("unknown parameter (did you mean 'weight'?)")
                .hasMessageContaining("known: weight, tslice, share, boost, mode");
    }

    @Test
    void durationsTakeUnitsIncludingTsc() {
        assertThat(Durations.parse("2.3ms", 0)).isEqualTo(2_300_000L);
        assertThat(Durations.parse("60us", 0)).isEqualTo(60_000L);
        assertThat(Durations.parse("60000tsc", 2_400_000_000L)).isEqualTo(25_000L);
        assertThat(Durations.parse("2300000tsc", 2_400_000_000L)).isEqualTo(958_333L);
        assertThat(Durations.parse("1s", 0)).isEqualTo(1_000_000_000L);
        assertThatThrownBy(() -> Durations.parse("-1ms", 0)).hasMessageContaining("negative");
        assertThatThrownBy(() -> Durations.parse("5parsecs", 0)).hasMessageContaining("unknown unit 'parsecs'");
        assertThat(Durations.format(2_300_000L)).isEqualTo("2300us");
        assertThat(Durations.format(30_000_000L)).isEqualTo("30ms");
    }

    @Test
    void aSpecWhoseDefaultBreaksItsRangeIsRefused() {
        assertThatThrownBy(() -> ParameterSpec.integer("x", "", 5, 10, 20, "bad"))
                .hasMessageContaining("parameter 'x'");
    }
}
