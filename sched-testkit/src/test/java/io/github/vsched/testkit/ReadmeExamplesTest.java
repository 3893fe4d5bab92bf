package io.github.vsched.testkit;

import io.github.vsched.api.CpuMask;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.observe.InvariantViolationException;
import io.github.vsched.core.rr.RoundRobinProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The examples of sched-testkit's README, run as written: every {@code java} block of the README
 * appears, line for line, in this file or another test of this module.
 */
class ReadmeExamplesTest {
    private static final long MS = 1_000_000L;

    @Test
    void sharesAndWakeUpLatency() {
        Recording r = SchedulerTestKit.scheduler("round-robin").pcpus(2).param("slice", "2ms")
                .domain("hogs", 3, Guests::hog)
                .domain("io", 1, () -> Guests.ioWaker(200_000, 3 * MS), d -> d.affinity(CpuMask.of(1)))
                .duration(600 * MS).run();
        Guarantees.of(r).share("hogs", 1.9, 0.1).holds();    // the hogs fill both PCPUs but for the I/O bursts
        Guarantees.of(r).wakeLatency("io/0", 4 * MS + 10_000).holds();   // behind two 2 ms slices at most
    }

    @Test
    void theRecordedEvents() {
        Recording r = SchedulerTestKit.scheduler("round-robin").param("slice", "10ms")
                .domain("a", 1, Guests::hog).domain("b", 1, Guests::hog)
                .duration(100 * MS).run();
        List<Recording.Event> dispatches = r.events(Recording.Kind.DISPATCH);
        assertThat(dispatches.get(1)).isEqualTo(new Recording.Event(Recording.Kind.DISPATCH, 10 * MS, 0, "b/0"));
        assertThat(r.runningNs("a/0", 0, 100 * MS)).isEqualTo(50 * MS);
        assertThat(r.result().vcpu("b", 0).runningNs()).isEqualTo(50 * MS);
    }

    @Test
    void aPlantedLostWakeUp() {
        InvariantViolationException e = catchThrowableOfType(InvariantViolationException.class,
                () -> SchedulerTestKit.scheduler(PlantedFaults.losesWakeUp(new RoundRobinProvider(), "s/0", 5 * MS))
                        .domain("h", 1, Guests::hog)
                        .domain("s", 1, () -> Guests.sleeper(MS, 2 * MS))
                        .duration(50 * MS).run());
        assertThat(e.getMessage()).contains("s/0 is runnable but neither running nor queued (lost)");
        assertThat(e.schedulerState()).contains("pcpu0: running h/0; queue: empty");
    }

    @Test
    void everyJavaBlockOfTheReadmeIsTestCode() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.add(normalized(Files.readString(p)));
            }
        }
        Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        int blocks = 0;
        while (m.find()) {
            blocks++;
            String block = normalized(m.group(1));
            assertThat(sources).as("a test of sched-testkit holds the README's block%n%s", m.group(1))
                    .anySatisfy(s -> assertThat(s).contains(block));
        }
        assertThat(blocks).isGreaterThanOrEqualTo(4);
    }

    /** Each line trimmed, blank lines dropped: indentation may differ between the README and the code. */
    private static String normalized(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                out.append(line.strip()).append('\n');
            }
        }
        return out.toString();
    }
}
