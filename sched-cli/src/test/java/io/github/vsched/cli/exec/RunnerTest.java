package io.github.vsched.cli.exec;

import io.github.vsched.cli.RunFailedException;
import io.github.vsched.cli.TestScenarios;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.scenario.DocumentReader;
import io.github.vsched.scenario.ResolvedScenario;
import io.github.vsched.scenario.ScenarioDocument;
import io.github.vsched.scenario.ScenarioOverride;
import io.github.vsched.scenario.ScenarioResolver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunnerTest {

    @Test
    void steppingARunForTheProgressBarChangesNothing() {
        ResolvedScenario r = TestScenarios.resolved("two-pcpus");
        SimulationResult whole = TestScenarios.FACTORY.create(r.scenario()).run();
        RunOutput stepped = new Runner(TestScenarios.FACTORY, 1, null)
                .runOne(new Job(r, r.scenario(), Map.of(), true, true, null), ProgressBar.create(false, System.err,
                        "t", 1, 1));
        assertThat(stepped.record().eventHash()).isEqualTo(whole.eventHash());
        assertThat(stepped.record().events()).isEqualTo(whole.events());
        assertThat(stepped.histograms()).containsOnlyKeys("player/0", "hog/0");
        assertThat(stepped.timeline().segments()).isNotEmpty();
        assertThat(stepped.record().workloads()).extracting(w -> w.workload())
                .containsExactly("test-periodic", "test-hog");
    }

    @Test
    void parallelRunsComeBackInJobOrderAndAreDeterministic() {
        ResolvedScenario r = TestScenarios.resolved("two-pcpus");
        List<Job> jobs = new ArrayList<>();
        for (long seed = 1; seed <= 6; seed++) {
            jobs.add(new Job(r, r.scenario().withSeed(seed), Map.of(), false, false, null));
        }
        ProgressBar off = ProgressBar.create(false, System.err, "t", 1, 1);
        List<RunOutput> a = new Runner(TestScenarios.FACTORY, 4, null).run(jobs, off);
        List<RunOutput> b = new Runner(TestScenarios.FACTORY, 1, null).run(jobs, off);
        assertThat(a).extracting(o -> o.record().seed()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(a).extracting(o -> o.record().eventHash())
                .containsExactlyElementsOf(b.stream().map(o -> o.record().eventHash()).toList());
        assertThat(a.stream().map(o -> o.record().eventHash()).distinct().count()).isGreaterThan(1);
    }

    @Test
    void aFailingRunIsNamed() throws Exception {
        ScenarioDocument doc = DocumentReader.read("two-pcpus.yaml",
                java.nio.file.Files.readString(TestScenarios.path("two-pcpus")));
        ScenarioOverride.applyAll(doc, List.of(ScenarioOverride.parse("domain.hog.workload.failAt=50ms", "--set")),
                TestScenarios.FACTORY.registry().schedulers().keySet());
        ResolvedScenario r = new ScenarioResolver(TestScenarios.FACTORY.registry(), TestScenarios.FACTORY)
                .resolve(doc, null);
        List<Job> jobs = List.of(new Job(r, r.scenario(), Map.of(), false, false, null),
                new Job(r, r.scenario().withSeed(8), Map.of(), false, false, null));
        assertThatThrownBy(() -> new Runner(TestScenarios.FACTORY, 2, null).run(jobs,
                ProgressBar.create(false, System.err, "t", 1, 1)))
                .isInstanceOf(RunFailedException.class)
                .hasMessageContaining("run failed (scheduler round-robin, seed 7)")
                .hasMessageContaining("test-hog fails on purpose");
    }
}
