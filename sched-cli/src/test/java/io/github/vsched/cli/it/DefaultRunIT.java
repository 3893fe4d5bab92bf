package io.github.vsched.cli.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The built-in default run (the paper's comparison) and the example scenarios. Both depend on
 * which plugins the jar carries: the assertions adapt, expecting results when the paper's
 * plugins are installed and the unknown-plugin message (status 2) when they are not.
 */
class DefaultRunIT {
    @TempDir
    Path tmp;

    private static final List<String> PAPER_PLUGINS = List.of("scheduler credit", "scheduler srt-credit",
            "platform x86-q6600", "workload dom0-backend", "workload video-playback", "workload kernel-compile");

    /** {@code kind id} of every installed plugin. */
    private List<String> installed() {
        CliProcess list = CliProcess.run(tmp, "list");
        assertThat(list.code()).isZero();
        List<String> out = new ArrayList<>();
        String kind = null;
        Matcher m = Pattern.compile("(?m)^(Schedulers|Platforms|Workloads) \\(\\d+\\)$|^  ([a-z][a-z0-9.-]*): ")
                .matcher(list.out());
        while (m.find()) {
            if (m.group(1) != null) {
                kind = m.group(1).toLowerCase().replaceAll("s$", "");
            } else {
                out.add(kind + " " + m.group(2));
            }
        }
        return out;
    }

    @Test
    void theDefaultRunIsThePapersComparisonOrNamesTheMissingPlugin() {
        List<String> installed = installed();
        CliProcess r = CliProcess.run(tmp);
        assertThat(r.err()).contains("running the built-in default: vsched compare builtin:paper-compile --schedulers"
                + " credit,srt-credit");
        List<String> missing = new ArrayList<>(PAPER_PLUGINS);
        missing.removeAll(installed);
        if (missing.isEmpty()) {
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).contains("scenario paper-compile").contains("2 schedulers x 5 seeds")
                    .containsPattern("(?m)^credit +winxp/0 ").containsPattern("(?m)^srt-credit +winxp/0 ")
                    .contains("framesLate");
        } else {
            assertThat(r.code()).as(r.toString()).isEqualTo(2);
            String first = missing.get(0);
            assertThat(r.err()).contains("unknown " + first.replace(" ", " '") + "'");
        }
    }

    @Test
    void theExampleScenariosValidateWhenTheirPluginsAreInstalled() throws Exception {
        Path dir = Path.of(System.getProperty("vsched.scenarios", "../scenarios"));
        assumeTrue(Files.isDirectory(dir), "no scenarios folder at " + dir);
        List<String> installed = installed();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                String text = Files.readString(f);
                List<String> needed = new ArrayList<>();
                Matcher m = Pattern.compile("(?m)^[ \\t]*(?:platform|scheduler|workload|id):[ \\t]*([a-z][a-z0-9.-]*)")
                        .matcher(text);
                while (m.find()) {
                    needed.add(m.group(1));
                }
                boolean all = needed.stream().allMatch(id -> installed.stream().anyMatch(i -> i.endsWith(" " + id)));
                CliProcess r = CliProcess.run(tmp, "validate", f.toString());
                if (all) {
                    assertThat(r.code()).as(f + "\n" + r).isZero();
                    assertThat(r.out()).startsWith("ok: " + f);
                } else {
                    assertThat(r.code()).as(f + "\n" + r).isEqualTo(2);
                    assertThat(r.err()).contains("unknown ");
                }
            }
        }
    }

    @Test
    void theLauncherRunsTheBuiltJar() {
        Path launcher = Path.of(System.getProperty("vsched.scenarios", "../scenarios")).resolveSibling("vsched");
        assumeTrue(Files.isExecutable(launcher), "no launcher at " + launcher);
        CliProcess r = CliProcess.exec(tmp, Map.of("VSCHED_REBUILD", "never"), List.of(launcher.toString(),
                "--version"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("vsched ");
    }

    @Test
    void theLauncherPrintsTheSameWithItsClassDataArchiveAsWithout() {
        Path launcher = Path.of(System.getProperty("vsched.scenarios", "../scenarios")).resolveSibling("vsched");
        assumeTrue(Files.isExecutable(launcher), "no launcher at " + launcher);
        List<String> cmd = List.of(launcher.toString(), "compare", "builtin:paper-compile", "--schedulers",
                "credit,srt-credit", "--seeds", "2", "--set", "duration=200ms");
        CliProcess with = CliProcess.exec(tmp, Map.of("VSCHED_REBUILD", "never", "VSCHED_CDS", "auto"), cmd);
        CliProcess without = CliProcess.exec(tmp, Map.of("VSCHED_REBUILD", "never", "VSCHED_CDS", "off"), cmd);
        assertThat(with.code()).as(with.toString()).isZero();
        assertThat(without.code()).as(without.toString()).isZero();
        assertThat(with.out()).isEqualTo(without.out());
        assertThat(with.err()).isEqualTo(without.err());
        assertThat(launcher.resolveSibling("sched-cli/target/vsched.jsa")).exists();
    }
}
