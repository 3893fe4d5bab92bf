package io.github.vsched.cli.report;

import io.github.vsched.cli.TestScenarios;
import io.github.vsched.core.Simulation;
import io.github.vsched.scenario.ScenarioDocument;
import io.github.vsched.scenario.ScenarioOverride;
import io.github.vsched.scenario.ScenarioResolver;
import io.github.vsched.scenario.ScenarioSource;
import io.github.vsched.scenario.SchedulerChoice;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.vsched.api.Durations.MS;
import static org.assertj.core.api.Assertions.assertThat;

/** The timeline's priority marks name the old and new priority and the event that changed it. */
class TimelineCaptureTest {

    private static TimelineCapture capture(String scheduler) {
        ScenarioDocument doc = ScenarioSource.load(ScenarioSource.BUILTIN + "paper-compile");
        ScenarioOverride.applyAll(doc, List.of(ScenarioOverride.parse("duration=200ms", "--set")),
                TestScenarios.FACTORY.registry().schedulers().keySet());
        Simulation sim = TestScenarios.FACTORY.create(new ScenarioResolver(TestScenarios.FACTORY.registry(),
                TestScenarios.FACTORY).resolve(doc, SchedulerChoice.parse(scheduler, "--schedulers")).scenario());
        TimelineCapture tc = new TimelineCapture(sim.scheduler(), 100 * MS, 200 * MS, 100_000, 100_000);
        sim.addListener(tc);
        sim.run();
        return tc;
    }

    private static List<String> priorityMarks(TimelineCapture tc) {
        return tc.markers().stream().filter(m -> m.kind() == TimelineCapture.PRIORITY).map(TimelineCapture.Marker::name)
                .toList();
    }

    @Test
    void creditsMarksAreTransitionsBetweenItsPriorities() {
        List<String> marks = priorityMarks(capture("credit"));
        assertThat(marks).contains("UNDER -> BOOST (boost)", "BOOST -> UNDER (unboost)")
                .allMatch(m -> m.matches("(BOOST|UNDER|OVER) -> (BOOST|UNDER|OVER) \\(\\w+\\)"));
    }

    /** The extension's events name the change they make, although credit stores the priority after them. */
    @Test
    void srtCreditsLlBoostsAreMarkedAtTheirOwnEvents() {
        List<String> marks = priorityMarks(capture("srt-credit"));
        assertThat(marks).anyMatch(m -> m.endsWith("-> LL_BOOST (ll_boost)"))
                .anyMatch(m -> m.startsWith("LL_BOOST -> ") && m.endsWith("(ll_unboost)"))
                .noneMatch(m -> m.contains("LL_BOOST (ll_unboost)") || m.startsWith("LL_BOOST -> LL_BOOST"));
    }
}
