package io.github.vsched.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A combination of parameters a scheduler refuses ({@code SchedulerProvider.validateDomain} and
 * {@code validateVcpu}; RTDS: budget at most the period) is reported by {@code validate} at the
 * line and column of the offending value in the file, the value the VCPU set itself or the
 * domain's it inherited.
 */
class ParameterCombinationTest {
    private static final Path DIR = Path.of("src/test/resources/combinations");

    private static String refusal(String file) {
        CliRun r = CliRun.of("validate", DIR.resolve(file).toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).as(r.toString()).doesNotContain(":1:1:").doesNotContain("Exception");
        return r.err();
    }

    @Test
    void aVcpuBudgetAboveThePeriodItInheritsIsReportedAtTheVcpusBudget() {
        assertThat(refusal("rtds-budget-above-period.yaml"))
                .contains("rtds-budget-above-period.yaml:18:26: domains[rt].perVcpu.1.scheduler.rtds.budget:"
                        + " invalid value '7ms' for scheduler rtds; allowed: a whole number of microseconds in [10us, 5ms]"
                        + " (at most the period)");
    }

    @Test
    void aDomainBudgetAboveItsPeriodIsReportedAtTheDomainsBudget() {
        assertThat(refusal("rtds-domain-budget-above-period.yaml"))
                .contains("rtds-domain-budget-above-period.yaml:16:17: domains[rt].scheduler.rtds.budget:"
                        + " invalid value '3ms' for scheduler rtds; allowed: a whole number of microseconds in [10us, 2ms]");
    }

    @Test
    void aVcpuPeriodBelowTheBudgetItInheritsIsReportedAtTheVcpusPeriod() {
        assertThat(refusal("rtds-vcpu-period-below-inherited-budget.yaml"))
                .contains("rtds-vcpu-period-below-inherited-budget.yaml:18:26: domains[rt].perVcpu.0.scheduler.rtds.period:"
                        + " invalid value '2ms' for scheduler rtds; allowed: a whole number of microseconds in [3ms, 2^62 ns]"
                        + " (at least the budget 3ms it inherits from its domain)");
    }
}
