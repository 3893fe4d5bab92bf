package io.github.vsched.cli.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar on a JDK of release 24 or later (found in {@code /usr/lib/jvm}, or named by
 * {@code VSCHED_NEWER_JDK}): a run prints no JVM warning, such as the one JDK 24 and later print
 * when a library calls {@code sun.misc.Unsafe}. Skipped with a notice when no such JDK is here.
 */
class NewerJdkIT {
    private static final Pattern RELEASE = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    static Optional<Path> newerJdk() throws IOException {
        List<Path> homes = new ArrayList<>();
        String named = System.getenv("VSCHED_NEWER_JDK");
        if (named != null && !named.isBlank()) {
            homes.add(Path.of(named));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> s = Files.list(jvms)) {
                s.sorted().forEach(homes::add);
            }
        }
        for (Path home : homes) {
            Path release = home.resolve("release");
            Path java = home.resolve("bin/java");
            if (Files.isRegularFile(release) && Files.isExecutable(java)) {
                Matcher m = RELEASE.matcher(Files.readString(release));
                if (m.find() && Integer.parseInt(m.group(1)) >= 24) {
                    return Optional.of(java);
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void aRunOnANewerJdkPrintsNoWarning(@TempDir Path dir) throws IOException {
        Optional<Path> java = newerJdk();
        Assumptions.assumeTrue(java.isPresent(), "no JDK 24 or later in /usr/lib/jvm or VSCHED_NEWER_JDK: skipped");
        CliProcess r = CliProcess.exec(dir, Map.of(), List.of(java.get().toString(), "-Xmx256m", "-jar",
                CliProcess.jar().toString(), "run", "builtin:paper-compile", "--duration", "100ms", "--out", "out"));
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("scenario paper-compile");
        assertThat(r.err()).as("%s", r).doesNotContain("WARNING");
    }
}
