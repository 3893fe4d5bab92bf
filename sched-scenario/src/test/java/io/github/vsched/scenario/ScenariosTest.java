package io.github.vsched.scenario;

import io.github.vsched.api.Durations;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.HvmTimerMode;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.SimulationFactory;
import io.github.vsched.core.Simulations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The facade over files, built-ins, overrides and resolution, against the project's plugins. */
class ScenariosTest {
    private static final SimulationFactory FACTORY = Simulations.factory();

    @Test
    void theRepositorysScenariosAreBuiltIn() {
        assertThat(Scenarios.builtins()).contains("paper-compile", "paper-idle", "audio-vs-hog", "round-robin")
                .isSorted();
        ScenarioDocument doc = Scenarios.load("builtin:paper-compile");
        assertThat(doc.source()).isEqualTo("builtin:paper-compile.yaml");
        assertThat(doc.schedulerId()).isEqualTo("credit");
        assertThat(doc.domainNames()).containsExactly("dom0", "winxp", "dom1");
    }

    /** timerMode is xend's 1 unless set; it is Xen's HVM_PARAM_TIMER_MODE, so a PV domain may not set it. */
    @Test
    void theTimerModeIsAnHvmDomainsParameter() {
        assertThat(Scenarios.scenario("builtin:paper-compile", "credit", FACTORY).domains().get(1).timerMode())
                .isEqualTo(HvmTimerMode.NO_DELAY_FOR_MISSED_TICKS);
        assertThat(Scenarios.resolve("builtin:paper-compile", "credit", FACTORY, List.of("domain.winxp.timerMode=2"))
                .scenario().domains().get(1).timerMode()).isEqualTo(HvmTimerMode.NO_MISSED_TICKS_PENDING);
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () ->
                Scenarios.resolve("builtin:paper-compile", "credit", FACTORY, List.of("domain.dom1.timerMode=2")));
        assertThat(e.problems()).singleElement().satisfies(p ->
                assertThat(p.message()).contains("timerMode is an HVM parameter").contains("dom1 is PV"));
    }

    @Test
    void anUnknownBuiltInListsTheBuiltIns() {
        assertThatThrownBy(() -> Scenarios.load("builtin:paper-compiel"))
                .isExactlyInstanceOf(ScenarioInputException.class)
                .hasMessageStartingWith("no built-in scenario 'paper-compiel'; built-in scenarios: ")
                .hasMessageContaining("paper-compile");
    }

    @Test
    void aMissingFileNamesTheBuiltInOfTheSameName(@TempDir Path dir) {
        Path missing = dir.resolve("paper-compile.yaml");
        assertThatThrownBy(() -> Scenarios.load(missing))
                .isExactlyInstanceOf(ScenarioInputException.class)
                .hasMessage("scenario file '" + missing + "' not found (a built-in scenario of that name exists:"
                        + " builtin:paper-compile)");
    }

    @Test
    void aFileIsReadWithItsPathInMessages(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "name: bad\nduration: 1s\nplatform: x86-q6600\ndomains:\n  - name: a\n    vcpus: 1\n"
                + "    workload: cpu-hog\n    colour: red\n");
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> Scenarios.load(file));
        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0).origin()).isEqualTo(Origin.file(file.toString(), 8, 5));
        assertThat(e.problems().get(0).key()).isEqualTo("domains[a].colour");
    }

    @Test
    void resolvingGivesTheFilesScenarioUnderTheChosenScheduler() {
        ResolvedScenario r = Scenarios.resolve("builtin:paper-compile", "srt-credit", FACTORY);
        Scenario s = r.scenario();
        assertThat(s.name()).isEqualTo("paper-compile");
        assertThat(s.scheduler().id()).isEqualTo("srt-credit");
        assertThat(s.platform().id()).isEqualTo("x86-q6600");
        assertThat(s.durationNs()).isEqualTo(10 * Durations.S);
        assertThat(s.seed()).isEqualTo(1);
        DomainSpec winxp = s.domains().get(1);
        assertThat(winxp.name()).isEqualTo("winxp");
        // the file's srt-credit section applies because srt-credit runs
        assertThat(winxp.vcpuSchedulerParams().get(0)).containsEntry("llBoost", "true").containsEntry("usbt", "2.3ms");
        assertThat(r.periodNs()).isEqualTo(2300 * Durations.US);
        assertThat(r.windowStartNs()).isEqualTo(5 * Durations.S);
        assertThat(r.focus()).containsExactly("winxp/0", "dom1/0");

        Scenario credit = Scenarios.scenario("builtin:paper-compile", "credit", FACTORY);
        assertThat(credit.scheduler().id()).isEqualTo("credit");
        assertThat(credit.domains().get(1).vcpuSchedulerParams()).isEmpty();
    }

    /** builtin:paper-compile's window starts at 5 s; a 2 s run moves the 25 ms window to its middle, from 987.5 ms. */
    @Test
    void theFilesWindowMovesWithoutAWarningWhenTheCommandLineShortensTheRun() {
        ResolvedScenario r = Scenarios.resolve("builtin:paper-compile", "credit", FACTORY, List.of("duration=2s"));
        assertThat(r.windowStartNs()).isEqualTo(987_500 * Durations.US);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aWindowGivenOnTheCommandLineAfterTheEndOfTheRunIsWarnedAbout() {
        ScenarioDocument doc = Scenarios.load("builtin:paper-compile");
        doc.window("3s", null, Origin.option("--window 3s"));
        ResolvedScenario r = Scenarios.resolve(doc, "credit", FACTORY, List.of("duration=2s"));
        assertThat(r.windowStartNs()).isEqualTo(987_500 * Durations.US);
        assertThat(r.warnings()).containsExactly("--window 3s: report.window.start: the timeline window starts at 3s,"
                + " at or after the end of the run (2s); the report shows the middle of the run instead");
    }

    @Test
    void aFileWhoseWindowStartsAfterItsOwnEndIsWarnedAbout(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("late.yaml");
        Files.writeString(file, "name: late\nduration: 1s\nplatform: x86-q6600\ndomains:\n  - name: a\n    vcpus: 1\n"
                + "    workload: cpu-hog\nreport:\n  window: {start: 5s, length: 20ms}\n");
        ResolvedScenario r = Scenarios.resolve(file.toString(), "credit", FACTORY);
        assertThat(r.windowStartNs()).isEqualTo(490 * Durations.MS);
        assertThat(r.warnings()).containsExactly(file + ":9:19: report.window.start: the timeline window starts at 5s,"
                + " at or after the end of the run (1s); the report shows the middle of the run instead");
    }

    @Test
    void overridesApplyToACopyOfTheDocument() {
        ScenarioDocument doc = Scenarios.load("builtin:paper-compile");
        ResolvedScenario r = Scenarios.resolve(doc, "credit[tsliceMs=10]", FACTORY,
                List.of("duration=60s", "seed=7", "domain.dom1.weight=512"));
        assertThat(r.scenario().durationNs()).isEqualTo(60 * Durations.S);
        assertThat(r.scenario().seed()).isEqualTo(7);
        assertThat(r.scenario().scheduler().params()).containsEntry("tsliceMs", "10");
        assertThat(r.scenario().domains().get(2).schedulerParams()).containsEntry("weight", "512");
        assertThat(r.label()).isEqualTo("credit[tsliceMs=10]");

        ResolvedScenario again = Scenarios.resolve(doc, null, FACTORY, List.of());
        assertThat(again.scenario().durationNs()).isEqualTo(10 * Durations.S);
        assertThat(again.scenario().seed()).isEqualTo(1);
        assertThat(again.label()).isEqualTo("credit");
    }

    @Test
    void badOverridesAndValuesAreProblemsWithTheirOrigin() {
        ScenarioException bad = catchThrowableOfType(ScenarioException.class,
                () -> Scenarios.scenario("builtin:paper-compile", "credit", FACTORY, List.of("duration")));
        assertThat(bad.getMessage()).isEqualTo("override duration: expected KEY=VALUE (for example"
                + " scheduler.tslice=10ms or domain.dom1.weight=512)");

        ScenarioException value = catchThrowableOfType(ScenarioException.class,
                () -> Scenarios.scenario("builtin:paper-compile", "credit", FACTORY, List.of("duration=10xs")));
        assertThat(value.problems()).hasSize(1);
        assertThat(value.problems().get(0).origin()).isEqualTo(Origin.option("override duration=10xs"));
        assertThat(value.problems().get(0).key()).isEqualTo("duration");

        ScenarioException unknown = catchThrowableOfType(ScenarioException.class,
                () -> Scenarios.scenario("builtin:paper-compile", "credti", FACTORY));
        assertThat(unknown.getMessage()).startsWith("scheduler credti: ").contains("did you mean 'credit'?");
    }
}
