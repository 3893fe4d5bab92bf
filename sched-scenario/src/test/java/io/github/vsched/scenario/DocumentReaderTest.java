package io.github.vsched.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DocumentReaderTest {

    private static final String MINIMAL = """
            duration: 1s
            platform: test-smp
            scheduler: round-robin
            domains:
              - name: a
                workload: test-hog
            """;

    @Test
    void unknownKeysAreErrorsWithADidYouMeanAndTheirPlace() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> DocumentReader.read("u.yaml",
                "sedd: 3\n" + MINIMAL + "    wokload: x\n"));
        assertThat(e.problems()).hasSize(2);
        assertThat(e.problems().get(0).toString()).startsWith("u.yaml:1:1: sedd: unknown key (did you mean 'seed'?);"
                + " allowed here: name, description, seed, duration");
        assertThat(e.problems().get(1).toString()).startsWith("u.yaml:8:5: domains[a].wokload: unknown key (did you"
                + " mean 'workload'?)");
    }

    @Test
    void aPerDomainSchedulerParameterAtDomainLevelPointsToTheSchedulerSection() {
        assertThatThrownBy(() -> DocumentReader.read("w.yaml", MINIMAL + "    weight: 512\n"))
                .hasMessageContaining("w.yaml:7:5: domains[a].weight: unknown key")
                .hasMessageContaining("go under 'scheduler:'");
    }

    @Test
    void theWrongKindOfNodeIsReportedWithWhatWasExpected() {
        assertThatThrownBy(() -> DocumentReader.read("k.yaml", "duration: [1s]\nplatform: p\ndomains: x\n"))
                .hasMessageContaining("k.yaml:1:11: duration: expected a single value, found a list")
                .hasMessageContaining("k.yaml:3:10: domains: expected a list of domains, found a value ('x')");
    }

    @Test
    void missingRequiredKeysAreReported() {
        assertThatThrownBy(() -> DocumentReader.read("r.yaml", "duration: 1s\ndomains:\n  - vcpus: 2\n"))
                .hasMessageContaining("platform: missing")
                .hasMessageContaining("domains[#1].name: missing")
                .hasMessageContaining("domains[#1].workload: missing");
    }

    @Test
    void schedulerSectionsHoldValuesForOneSchedulerOnly() {
        ScenarioDocument doc = DocumentReader.read("s.yaml", """
                duration: 1s
                platform: test-smp
                scheduler:
                  id: credit
                  params:
                    tsliceMs: 10
                    srt-credit: {mechanismBorrowing: false}
                domains:
                  - name: a
                    workload: test-hog
                    perVcpu:
                      all: {affinity: 0-1}
                      0:
                        affinity: [1]
                        scheduler:
                          srt-credit: {llBoost: true}
                """);
        assertThat(doc.scheduler.params.effective("credit")).containsOnlyKeys("tsliceMs");
        assertThat(doc.scheduler.params.effective("srt-credit")).containsOnlyKeys("tsliceMs", "mechanismBorrowing");
        ScenarioDocument.Domain a = doc.domains.get(0);
        assertThat(a.perVcpu).containsOnlyKeys("all", "0");
        assertThat(a.perVcpu.get("0").affinity.text()).isEqualTo("1");
        assertThat(a.perVcpu.get("0").scheduler.effective("srt-credit").get("llBoost").bool()).isTrue();
    }

    @Test
    void platformAndWorkloadParametersTakeNoSections() {
        assertThatThrownBy(() -> DocumentReader.read("p.yaml", """
                duration: 1s
                platform: {id: test-smp, params: {x: {y: 1}}}
                domains:
                  - {name: a, workload: test-hog}
                """)).hasMessageContaining("p.yaml:2:38: platform.params.x: expected a single value, found a mapping");
    }
}
