package io.github.vsched.platform.q6600;

import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.PlatformProvider;
import io.github.vsched.platform.smp.GenericSmpPlatformProvider;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Schemas of both providers: defaults resolve, bad values are rejected with their name and range. */
class Q6600ParametersTest {
    private final Q6600PlatformProvider q6600 = new Q6600PlatformProvider();

    private static Parameters resolve(PlatformProvider p, Map<String, String> raw) {
        return Parameters.resolve("platform " + p.id(), p.parameters(), raw, 0);
    }

    @Test
    void everyDefaultOfBothProvidersResolvesAndBuildsAPlatform() {
        for (PlatformProvider p : List.of(q6600, new GenericSmpPlatformProvider())) {
            Set<String> names = new LinkedHashSet<>();
            for (ParameterSpec spec : p.parameters()) {
                assertThat(names.add(spec.name())).as("%s: duplicate parameter %s", p.id(), spec.name()).isTrue();
                assertThat(spec.defaultValue()).as("%s.%s default", p.id(), spec.name()).isNotNull();
                assertThat(spec.parse(spec.defaultValue(), 0)).as("%s.%s", p.id(), spec.name()).isNotNull();
                assertThat(spec.description()).as("%s.%s description", p.id(), spec.name()).isNotBlank();
            }
            Parameters defaults = resolve(p, Map.of());
            assertThat(defaults.values().keySet()).containsExactlyElementsOf(names);
            assertThat(p.create(defaults).id()).isEqualTo(p.id());
        }
    }

    @Test
    void everyParameterCanBeSetToItsBounds() {
        for (ParameterSpec spec : q6600.parameters()) {
            if (spec.name().equals("c1Exit") || spec.name().equals("c1eExit")
                    || spec.name().equals("diskTrackSeek") || spec.name().equals("diskAverageSeek")) {
                continue; // cross-checked against each other, tested below
            }
            for (String v : bounds(spec)) {
                assertThat(q6600.create(resolve(q6600, Map.of(spec.name(), v))).id())
                        .as("%s = %s", spec.name(), v).isEqualTo("x86-q6600");
            }
        }
    }

    private static List<String> bounds(ParameterSpec spec) {
        return switch (spec.type()) {
            case INTEGER -> List.of(Long.toString((long) spec.min()), Long.toString((long) spec.max()));
            case DECIMAL -> List.of(Double.toString(spec.min()), Double.toString(spec.max()));
            case DURATION -> List.of((long) spec.min() + "ns", (long) spec.max() + "ns");
            case BOOLEAN -> List.of("true", "false");
            case CHOICE -> spec.choices();
            case TEXT -> List.of("text");
            case FILE -> List.of("file.json");
        };
    }

    @Test
    void memoryOverTheChipsetLimitIsRejectedWithTheRange() {
        assertThatThrownBy(() -> q6600.create(resolve(q6600, Map.of("memoryMiB", "16384"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("platform x86-q6600.memoryMiB")
                .hasMessageContaining("'16384'")
                .hasMessageContaining("[64, 8192] MiB");
        assertThatThrownBy(() -> q6600.create(resolve(q6600, Map.of("memoryMiB", "0"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("memoryMiB");
        assertThatThrownBy(() -> new Q6600Parameters(16L << 30, null, null, null))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("memoryMiB")
                .hasMessageContaining("16384 MiB")
                .hasMessageContaining("[64, 8192] MiB");
    }

    @Test
    void negativeCostsAreRejectedWithTheParameterAndItsRange() {
        assertThatThrownBy(() -> resolve(q6600, Map.of("ipiLatency", "-2us")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("platform x86-q6600.ipiLatency")
                .hasMessageContaining("'-2us'")
                .hasMessageContaining("[0ns, 1ms]");
        assertThatThrownBy(() -> resolve(q6600, Map.of("hvmDiskExits", "-1")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("hvmDiskExits")
                .hasMessageContaining("[0, 1000]");
        assertThatThrownBy(() -> resolve(q6600, Map.of("copyBandwidth", "-100")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("copyBandwidth")
                .hasMessageContaining("[1.0, 1000000.0] MB/s");
    }

    @Test
    void theTopologyIsNotAParameterOfTheQ6600() {
        assertThatThrownBy(() -> resolve(q6600, Map.of("coresPerSocket", "8")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("unknown parameter");
    }

    @Test
    void crossChecksNameTheParameterAsTheUserWroteIt() {
        assertThatThrownBy(() -> q6600.create(resolve(q6600, Map.of("diskTrackSeek", "9ms"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("platform x86-q6600.diskTrackSeek")
                .hasMessageContaining("'9ms'")
                .hasMessageContaining("at most diskAverageSeek (8500us)");
    }

    @Test
    void theRecordKeepsItsValues() {
        Q6600Platform p = (Q6600Platform) q6600.create(resolve(q6600, Map.of("memoryMiB", "1024")));
        assertThat(p.parameters().memoryBytes()).isEqualTo(1L << 30);
        assertThat(p.parameters().toSmp().pcpus()).isEqualTo(4);
        assertThat(p.smpParameters().coresPerCache()).isEqualTo(2);
    }
}
