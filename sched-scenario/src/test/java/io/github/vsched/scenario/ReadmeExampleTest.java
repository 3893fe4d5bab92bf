package io.github.vsched.scenario;

import io.github.vsched.api.Durations;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.SimulationFactory;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.Simulations;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example of the module's README, compiled and run here; the README shows the lines
 * between the {@code README example} markers, and {@link #theReadmeShowsThisExample} keeps
 * the two the same.
 */
class ReadmeExampleTest {

    static SimulationResult paperUnderSrtCredit() {
        // README example: begin
        SimulationFactory factory = Simulations.factory();
        Scenario paper = Scenarios.scenario("builtin:paper-compile", "srt-credit", factory,
                List.of("duration=2s", "seed=3"));
        SimulationResult result = factory.create(paper).run();
        // README example: end
        return result;
    }

    @Test
    void theExampleRunsThePaperScenario() {
        SimulationResult r = paperUnderSrtCredit();
        assertThat(r.scenario()).isEqualTo("paper-compile");
        assertThat(r.scheduler()).isEqualTo("srt-credit");
        assertThat(r.seed()).isEqualTo(3);
        assertThat(r.durationNs()).isEqualTo(2 * Durations.S);
        assertThat(r.vcpu("winxp", 0).runningNs()).isPositive();
        assertThat(r.workloads()).containsKeys("winxp", "dom1");
    }

    @Test
    void theReadmeShowsThisExample() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/github/vsched/scenario/ReadmeExampleTest.java"),
                StandardCharsets.UTF_8);
        String example = source.substring(source.indexOf("// README example: begin\n")
                        + "// README example: begin\n".length(), source.indexOf("// README example: end"))
                .lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8)
                .lines().map(String::strip).collect(Collectors.joining("\n"));
        assertThat(example).hasLineCount(4);
        assertThat(readme).contains(example);
    }
}
