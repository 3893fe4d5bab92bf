package io.github.vsched.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands the documentation shows for the time series, run as they are shown (from the
 * repository root, with {@code --out} moved into a temporary folder): the example in
 * {@code vsched compare --help}, which the module README shows with its output, and the command
 * that makes the figure of {@code docs/results.md}, whose checked-in SVG file must be exactly
 * what the command writes.
 */
class DocumentedCommandsTest {
    private static final Path ROOT = Path.of("..");

    /** In {@code vsched compare --help} and, with its output, in the module README. */
    static final String TWO_SCENARIOS = "vsched compare scenarios/paper-idle.yaml scenarios/paper-compile.yaml"
            + " --schedulers credit --series-window 3s..6s --out out/idle-vs-compile";

    /** In {@code docs/results.md} and {@code docs/results/regenerate.sh}. */
    static final String RESULTS_FIGURE = "./vsched compare scenarios/paper-idle.yaml scenarios/paper-compile.yaml"
            + " --schedulers credit,srt-credit --series-window 3.5s..5.5s --seeds 10 --out target/results/over-time";

    /** The figure's file, as regenerate.sh copies it. */
    static final Path FIGURE = ROOT.resolve("docs/results/charts/over-time-winxp.svg");

    @Test
    void theExampleOfTwoScenariosRunsAsShown(@TempDir Path tmp) throws IOException {
        // the help wraps long lines at the terminal's width
        assertThat(CliRun.of("compare", "--help").out().replaceAll("\\s+", " ")).contains(" " + TWO_SCENARIOS + " ");
        assertThat(Files.readString(ROOT.resolve("sched-cli/README.md"))).contains("$ ./" + TWO_SCENARIOS + "\n");
        CliRun r = run(TWO_SCENARIOS, tmp);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("scenarios paper-idle, paper-compile | platform x86-q6600 | 1 scheduler x 5 seeds")
                .contains("Over time, winxp/0:\n").containsPattern("(?m)^paper-compile · credit  [▁▃▅▇█]+$");
        Path out = tmp.resolve("out/idle-vs-compile");
        assertThat(out.resolve("intervals.csv")).exists();
        assertThat(Files.readString(out.resolve("charts/series-winxp-0.svg")))
                .contains("data-label=\"paper-idle · credit\"").contains("data-label=\"paper-compile · credit\"");
        // the README shows the output's rows as they are
        String readme = Files.readString(ROOT.resolve("sched-cli/README.md"));
        String shown = readme.substring(readme.indexOf("$ ./" + TWO_SCENARIOS));
        shown = shown.substring(0, shown.indexOf("```"));
        for (String line : shown.lines().skip(1).toList()) {
            if (!line.isBlank() && !line.equals("...")) {
                assertThat(r.out() + r.err()).as("the README's line").contains(line);
            }
        }
    }

    @Test
    void theResultsFigureIsWhatItsCommandWrites(@TempDir Path tmp) throws IOException {
        assertThat(Files.readString(ROOT.resolve("docs/results.md"))).contains(RESULTS_FIGURE)
                .contains("(results/charts/over-time-winxp.svg)");
        String regenerate = Files.readString(ROOT.resolve("docs/results/regenerate.sh"));
        assertThat(regenerate).contains("--schedulers credit,srt-credit --series-window 3.5s..5.5s")
                .contains("cp \"$out/over-time/charts/series-winxp-0.svg\" \"$charts/over-time-winxp.svg\"");
        CliRun r = run(RESULTS_FIGURE, tmp);
        assertThat(r.code()).as(r.toString()).isZero();
        Path written = tmp.resolve("target/results/over-time/charts/series-winxp-0.svg");
        assertThat(Files.readString(written)).contains("data-label=\"paper-idle · credit\"")
                .contains("data-label=\"paper-idle · srt-credit\"").contains("data-label=\"paper-compile · credit\"")
                .contains("data-label=\"paper-compile · srt-credit\"");
        assertThat(Files.readString(FIGURE)).as("%s is not what the command writes now: run docs/results/regenerate.sh"
                + " (or the command, then copy %s to it)", FIGURE, written).isEqualTo(Files.readString(written));
    }

    /** In workload-models' README, rt-app: the examples of rt-app files, as shown. */
    static final List<String> RT_APP = List.of("./vsched run examples/rt-app/control-loop.yaml",
            "./vsched run examples/rt-app/periodic-rtds.yaml");

    @Test
    void theRtAppExamplesRunAsShown(@TempDir Path tmp) throws IOException {
        String readme = Files.readString(ROOT.resolve("workload-models/README.md"));
        for (String command : RT_APP) {
            assertThat(readme).contains(command);
            CliRun r = run(command, tmp);
            assertThat(r.code()).as(r.toString()).isZero();
        }
        CliRun control = run(RT_APP.get(0), tmp);
        assertThat(control.out()).containsPattern("(?m)^rt +rt-app +sensor\\.missedPeriods +\\d+ *$")
                .containsPattern("(?m)^rt +rt-app +logger-1\\.loops +\\d+ *$")
                .containsPattern("(?m)^rt +rt-app +sensor\\.dlRuntimeUs +600 *$");
        // under rtds with the thread's budget and period, no period is missed
        assertThat(run(RT_APP.get(1), tmp).out()).containsPattern("(?m)^rt +rt-app +periodic\\.missedPeriods +0 *$");
    }

    /**
     * Runs a documented command line (words separated by spaces, no quotes) in-process, from
     * the repository root: its scenario files are read there and {@code --out} goes to {@code tmp}.
     */
    static CliRun run(String command, Path tmp) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.remove(0);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("scenarios/") || a.startsWith("examples/")) {
                args.set(i, ROOT.resolve(a).toString());
            } else if (a.equals("--out") || a.equals("-o")) {
                args.set(i + 1, tmp.resolve(args.get(i + 1)).toString());
            }
        }
        args.add("--no-progress");
        return CliRun.of(args.toArray(new String[0]));
    }
}
