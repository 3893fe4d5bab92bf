package io.github.vsched.cli;

import io.github.vsched.core.LatencySummary;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.VcpuStats;
import io.github.vsched.scenario.DocumentReader;
import io.github.vsched.scenario.ResolvedScenario;
import io.github.vsched.scenario.ScenarioDocument;
import io.github.vsched.scenario.ScenarioResolver;
import io.github.vsched.scenario.ScenarioSource;
import io.github.vsched.scenario.SchedulerChoice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden runs: the event hash and a full summary of a handful of scenarios, compared with the
 * values committed in {@code src/test/resources/golden/}. A change of the engine, a scheduler,
 * the platform or a workload that alters any decision, event or metric fails here.
 *
 * <p>A refactor or a speed-up must leave every golden file unchanged. A deliberate change of
 * behaviour regenerates them in the same commit, whose message says why:
 * {@code mvn -pl sched-cli -am test -Dtest=GoldenScenariosTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dvsched.golden.update=true}
 * (run from the repository root), then review the diff of {@code golden/*.txt}.
 */
class GoldenScenariosTest {
    private static final String UPDATE = "vsched.golden.update";
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource({
            "builtin:paper-idle,         credit",
            "builtin:paper-compile,      credit",
            "builtin:paper-compile,      srt-credit",
            "builtin:audio-vs-hog,       credit",
            "builtin:audio-vs-hog,       srt-credit",
            "golden/pv-io.yaml,          credit",
            "golden/hvm-io.yaml,         credit",
            "golden/hvm-io.yaml,         srt-credit",
            "builtin:round-robin,        round-robin",
    })
    void runMatchesItsGoldenSummary(String scenario, String scheduler) throws IOException {
        ScenarioDocument doc = load(scenario);
        ResolvedScenario r = new ScenarioResolver(TestScenarios.FACTORY.registry(), TestScenarios.FACTORY)
                .resolve(doc, SchedulerChoice.parse(scheduler, "--schedulers"));
        SimulationResult result = TestScenarios.FACTORY.create(r.scenario()).run();
        String summary = summary(result);

        String name = r.scenario().name() + "." + scheduler + ".txt";
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, summary, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file %s (create it with -D%s=true)", file, UPDATE).exists();
        assertThat(summary).as("run of %s under %s against %s", scenario, scheduler, file)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static ScenarioDocument load(String ref) {
        if (ref.startsWith(ScenarioSource.BUILTIN)) {
            return ScenarioSource.load(ref);
        }
        try {
            Path p = Path.of(GoldenScenariosTest.class.getResource("/" + ref).toURI());
            return DocumentReader.read(ref, Files.readString(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every figure of the result that behaviour determines (not the wall time), one per line. */
    static String summary(SimulationResult r) {
        StringBuilder b = new StringBuilder();
        b.append("scenario ").append(r.scenario()).append('\n');
        b.append("scheduler ").append(r.scheduler()).append('\n');
        b.append("platform ").append(r.platform()).append('\n');
        b.append("seed ").append(r.seed()).append('\n');
        b.append("duration ").append(r.durationNs()).append('\n');
        b.append("events ").append(r.events()).append('\n');
        b.append("eventHash ").append(String.format("%016x", r.eventHash())).append('\n');
        for (int i = 0; i < r.pcpuBusyNs().length; i++) {
            b.append("pcpu").append(i).append(" busy ").append(r.pcpuBusyNs()[i]).append('\n');
        }
        for (VcpuStats v : r.vcpus()) {
            String p = "vcpu " + v.name() + " ";
            b.append(p).append("running ").append(v.runningNs()).append(" runnable ").append(v.runnableNs())
                    .append(" blocked ").append(v.blockedNs()).append(" offline ").append(v.offlineNs())
                    .append(" overhead ").append(v.overheadNs()).append('\n');
            b.append(p).append("dispatches ").append(v.dispatches()).append(" migrations ").append(v.migrations())
                    .append('\n');
            latency(b, p + "wakeLatency", v.wakeLatency());
            latency(b, p + "dispatchInterval", v.dispatchInterval());
            latency(b, p + "runLength", v.runLength());
        }
        for (Map.Entry<String, Map<String, Double>> w : new TreeMap<>(r.workloads()).entrySet()) {
            for (Map.Entry<String, Double> m : new TreeMap<>(w.getValue()).entrySet()) {
                b.append("workload ").append(w.getKey()).append(' ').append(m.getKey()).append(' ')
                        .append(m.getValue()).append('\n');
            }
        }
        return b.toString();
    }

    private static void latency(StringBuilder b, String label, LatencySummary s) {
        b.append(label).append(" count ").append(s.count()).append(" mean ").append(s.mean())
                .append(" p50 ").append(s.p50()).append(" p90 ").append(s.p90()).append(" p99 ").append(s.p99())
                .append(" max ").append(s.max()).append('\n');
    }
}
