package io.github.vsched.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vsched.core.Adjustment;
import io.github.vsched.core.Scenario;
import io.github.vsched.scenario.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scenario file's {@code adjustments}: scheduler parameters changed at given times (the
 * {@code xl sched-*} calls of a toolstack during the run), at the scheduler, domain or VCPU
 * level; values in another scheduler's section apply only when it runs; a refusal of admission
 * control is reported and the run goes on.
 */
class ScenarioAdjustmentsTest {
    private static final String FILE = "src/test/resources/admission/rtds-adjustments.yaml";

    @Test
    void adjustmentsAreReadAtTheirLevelWithTheRunningSchedulersValues() {
        Scenario s = Scenarios.scenario(FILE, null, TestScenarios.FACTORY);
        assertThat(s.adjustments()).containsExactly(
                Adjustment.vcpu(10_000_000L, "a", 0, Map.of("budget", "5ms")),
                Adjustment.domain(20_000_000L, "b", Map.of("budget", "8ms")));
    }

    @Test
    void anAdjustmentRefusedByAdmissionControlIsReportedAndTheRunGoesOn(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("run", FILE, "--out", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("rtds +1 +20 ms +domain b +period=10ms, budget=8ms +admission control: with domain b's new servers all"
                + " servers would ask 1\\.300 PCPUs");
        JsonNode refusals = new ObjectMapper().readTree(out.resolve("result.json").toFile()).get("runs").get(0)
                .get("refusals");
        assertThat(refusals).hasSize(1);
        assertThat(refusals.get(0).get("timeNs").asLong()).isEqualTo(20_000_000L);
        assertThat(refusals.get(0).get("subject").asText()).isEqualTo("domain b");
    }

    @Test
    void aBadAdjustmentIsReportedAtItsValue() {
        CliRun r = CliRun.of("validate", "src/test/resources/admission/adjustment-unknown-domain.yaml");
        assertThat(r.code()).as(r.toString()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("adjustment-unknown-domain.yaml:12:13: adjustments[0].domain: invalid value"
                        + " 'nosuch'; allowed: one of the scenario's domains: a")
                .contains("adjustment-unknown-domain.yaml:14:9: adjustments[1].at: invalid value '1s'; allowed: a time"
                        + " within the run, at most its duration 50ms");
    }

    /** A combination the scheduler refuses (budget above period) is found when the file is read. */
    @Test
    void anAdjustmentsRefusedCombinationIsReportedAtItsValueBeforeTheRun() {
        CliRun r = CliRun.of("validate", "src/test/resources/admission/adjustment-budget-above-period.yaml");
        assertThat(r.code()).as(r.toString()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("adjustment-budget-above-period.yaml:23:25: adjustments[0].scheduler.budget:"
                + " refused by scheduler rtds when the adjustment at 10ms applies: parameter 'vcpu a/0 rtds.budget':"
                + " invalid value '12ms'; allowed: a whole number of microseconds in [10us, 10ms] (at most the period)");
    }

    @Test
    void anAdjustmentOnlyTheRunningSchedulerRefusesIsBadInputWithoutAStackTrace() {
        CliRun r = CliRun.of("run", "src/test/resources/admission/credit-tslice-under-4.0.yaml");
        assertThat(r.code()).as(r.toString()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("vsched: error: scenario credit-tslice-under-4.0")
                .contains("the adjustment of the scheduler at 1s ({tsliceMs=10}) is not accepted by scheduler credit")
                .contains("cannot change during a run under xenVersion 4.0")
                .doesNotContain("\tat io.github").doesNotContain("Exception:");
    }
}
