package io.github.vsched.scenario;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The table of keys drives the reader, the overrides and the README's list of keys. */
class ScenarioKeyTest {
    private static final String BASE = """
            platform: test-smp
            domains:
              - name: a
                workload: test-hog
            """;

    /** A legal-looking value of each kind (the reader does not check values). */
    private static String sample(ScenarioKey.Kind kind) {
        return switch (kind) {
            case TEXT -> "some-text";
            case WHOLE_NUMBER -> "3";
            case DURATION -> "2ms";
            case BOOLEAN -> "true";
            case CHOICE -> "hvm";
            case MEMORY -> "512MiB";
            case PCPU_LIST -> "0-1";
        };
    }

    private static Value valueOf(ScenarioDocument doc, ScenarioKey k) {
        return switch (k.place()) {
            case DOMAIN -> doc.domains.get(0).get(k);
            case POOL -> doc.pools.get(0).get(k);
            default -> doc.get(k);
        };
    }

    @Test
    void everyKeyOfTheTableIsReadFromItsPlaceInAFile() {
        for (ScenarioKey k : ScenarioKey.values()) {
            String line = k.key() + ": " + sample(k.kind());
            String yaml = switch (k.place()) {
                case TOP -> line + "\n" + BASE;
                case DOMAIN -> BASE + "    " + line + "\n";
                case REPORT -> BASE + "report:\n  " + line + "\n";
                case POOL -> BASE + "pools:\n  - name: p\n    scheduler: credit\n    " + line + "\n";
            };
            Value v = valueOf(DocumentReader.read("k.yaml", yaml), k);
            assertThat(v).as(k.name()).isNotNull();
            assertThat(v.text()).as(k.name()).isEqualTo(sample(k.kind()));
            assertThat(v.path()).as(k.name()).isEqualTo(switch (k.place()) {
                case DOMAIN -> "domains[a]." + k.key();
                case POOL -> "pools[p]." + k.key();
                default -> k.path();
            });
        }
    }

    @Test
    void everyKeyOfTheTableCanBeOverridden() {
        for (ScenarioKey k : ScenarioKey.values()) {
            ScenarioDocument doc = DocumentReader.read("k.yaml", BASE
                    + "pools:\n  - name: p\n    cpus: 1\n    scheduler: credit\n");
            String key = k.path().replace("domain.NAME.", "domain.a.").replace("pool.NAME.", "pool.p.");
            ScenarioOverride.applyAll(doc, List.of(ScenarioOverride.parse(key + "=" + sample(k.kind()), "--set")),
                    Set.of("credit"));
            Value v = valueOf(doc, k);
            assertThat(v).as(k.name()).isNotNull();
            assertThat(v.text()).as(k.name()).isEqualTo(sample(k.kind()));
            assertThat(v.origin()).as(k.name()).isEqualTo(Origin.option("--set " + key + "=" + sample(k.kind())));
        }
    }

    /** The reader's lists of allowed keys, as its messages print them. */
    @Test
    void theReaderAllowsTheTablesKeysBesideTheStructuralOnes() {
        assertThat(DocumentReader.TOP_KEYS).containsExactly("name", "description", "seed", "duration", "checked",
                "platform", "scheduler", "pools", "domains", "report", "adjustments");
        assertThat(DocumentReader.DOMAIN_KEYS).containsExactly("name", "type", "vcpus", "memory", "driver", "irqVcpu", "timerMode",
                "affinity", "pool", "scheduler", "perVcpu", "workload");
        assertThat(DocumentReader.POOL_KEYS).containsExactly("name", "cpus", "scheduler");
        assertThat(DocumentReader.REPORT_KEYS).containsExactly("vcpus", "window", "period", "waitThreshold");
        assertThat(ScenarioOverride.TOP).containsExactly("name", "description", "seed", "duration", "checked",
                "platform", "scheduler", "domain", "pool", "report.period", "report.waitThreshold");
    }

    @Test
    void theReadmeListsEveryKeyAsTheTableDeclaresIt() throws IOException {
        StringBuilder table = new StringBuilder("| in the file | `--set` | value | default | meaning |\n"
                + "|---|---|---|---|---|\n");
        for (ScenarioKey k : ScenarioKey.values()) {
            String inFile = switch (k.place()) {
                case TOP -> k.key();
                case DOMAIN -> "domains[i]." + k.key();
                case REPORT -> "report." + k.key();
                case POOL -> "pools[i]." + k.key();
            };
            table.append("| `").append(inFile).append("` | `").append(k.path()).append("` | ")
                    .append(k.kind().description()).append(" | ").append(k.defaultValue()).append(" | ")
                    .append(k.meaning()).append(" |\n");
        }
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        assertThat(readme).as("the README's table of keys (replace it with the expected text)")
                .contains(table.toString());
    }
}
