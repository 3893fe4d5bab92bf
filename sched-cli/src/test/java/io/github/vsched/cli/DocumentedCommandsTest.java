package io.github.vsched.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    /** In the module README's section on cpupools, with its output's first lines. */
    static final String POOLS_EXAMPLE = "vsched compare scenarios/paper-compile-pools.yaml --schedulers"
            + " credit,srt-credit --seeds 2 --duration 1s";

    /** In {@code docs/results.md}'s section on cpupools and {@code docs/results/regenerate.sh}. */
    static final String POOLS_RESULTS = "./vsched compare scenarios/paper-compile.yaml scenarios/paper-compile-pools.yaml"
            + " --schedulers credit,srt-credit --seeds 10 --out target/results/pools";

    /** In {@code docs/results.md}'s section on cpupools and {@code docs/results/regenerate.sh}. */
    static final String POOLS_SCHEDULER = "./vsched sweep scenarios/paper-compile-pools.yaml"
            + " -p pool.rt.scheduler=rtds,credit,null --seeds 10 --out target/results/pools-scheduler";

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

    @Test
    void theCpupoolsExampleRunsAsShown(@TempDir Path tmp) throws IOException {
        String readme = Files.readString(ROOT.resolve("sched-cli/README.md"));
        assertThat(readme).contains("$ ./" + POOLS_EXAMPLE + "\n");
        CliRun r = run(POOLS_EXAMPLE, tmp);
        assertThat(r.code()).as(r.toString()).isZero();
        String shown = readme.substring(readme.indexOf("$ ./" + POOLS_EXAMPLE));
        shown = shown.substring(0, shown.indexOf("```"));
        List<String> lines = shown.lines().skip(1).filter(l -> !l.isBlank() && !l.equals("...")).toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            assertThat(r.out()).as("the README's line").contains(line);
        }
    }

    /** The table of docs/results.md's section on cpupools shows what its command prints. */
    @Test
    void theCpupoolsResultsAreWhatTheirCommandPrints(@TempDir Path tmp) throws IOException {
        String results = Files.readString(ROOT.resolve("docs/results.md"));
        assertThat(results).contains(POOLS_RESULTS);
        assertThat(Files.readString(ROOT.resolve("docs/results/regenerate.sh")))
                .contains("v compare scenarios/paper-compile.yaml scenarios/paper-compile-pools.yaml -o \"$out/pools\"")
                .contains("--schedulers credit,srt-credit");
        CliRun r = run(POOLS_RESULTS, tmp);
        assertThat(r.code()).as(r.toString()).isZero();
        String section = results.substring(results.indexOf("## Cpupools: the video guest in an RTDS pool"));
        // the pools column: in period, interval p99, CPU share; the backend delay and the compile's wake-ups
        assertThat(section).contains("| 97.4 ± 0.18% | 99.0 ± 0.03% | 99.0 ± 0.02% |")
                .contains("| 178 ± 86 us | 125 ± 8 us | 2332 ± 258 us |")
                .contains("| 12.4 ± 0.9 us | 13.9 ± 4.2 us | 1591 ± 725 us |");
        assertThat(r.out()).containsPattern("paper-compile-pools +credit +winxp/0 +2\\.62 ± 0\\.001 +99\\.0 ± 0\\.022"
                + " +2302 ± 0 +2302 ± 0")
                .containsPattern("paper-compile +credit +winxp/0 +3\\.18 ± 0\\.069 +97\\.4 ± 0\\.183")
                .containsPattern("paper-compile-pools +credit +dom1/0 .* 1591 ± 725\\n")
                .containsPattern("dom0 +backendDelayP99Us +178 ± 85\\.9 +125 ± 8\\.22 +2332 ± 258 +2332 ± 258");
    }

    /** A lone VCPU in its pool runs the same under each scheduler, as docs/results.md says. */
    @Test
    void theCpupoolSchedulerSweepRunsAsShown(@TempDir Path tmp) throws IOException {
        assertThat(Files.readString(ROOT.resolve("docs/results.md"))).contains(POOLS_SCHEDULER);
        assertThat(Files.readString(ROOT.resolve("docs/results/regenerate.sh")))
                .contains("v sweep scenarios/paper-compile-pools.yaml -o \"$out/pools-scheduler\" -p"
                        + " pool.rt.scheduler=rtds,credit,null");
        CliRun r = run(POOLS_SCHEDULER, tmp);
        assertThat(r.code()).as(r.toString()).isZero();
        for (String pool : List.of("rtds", "credit", "null")) {
            assertThat(r.out()).containsPattern("(?m)^" + pool + " +winxp/0 +2\\.62 ± 0\\.001 +2302 ± 0 +2302 ± 0 ");
        }
        JsonNode runs = new ObjectMapper().readTree(tmp.resolve("target/results/pools-scheduler/result.json")
                .toFile()).get("runs");
        java.util.Map<Long, String> bySeed = new java.util.HashMap<>();
        java.util.Set<String> hashes = new java.util.HashSet<>();
        for (JsonNode run : runs) {
            hashes.add(run.get("eventHash").asText());
            String winxp = "";
            for (JsonNode v : run.get("vcpus")) {
                if (v.get("domain").asText().equals("winxp")) {
                    JsonNode iv = v.get("dispatchIntervalUs");
                    // the means may differ in the last digits (timers coalesce differently); not the rest
                    winxp = v.get("dispatches").asText() + "/" + v.get("runningNs").asText() + "/"
                            + v.get("inPeriod").asText() + "/" + iv.get("p50") + "/" + iv.get("p99") + "/" + iv.get("max")
                            + "/" + iv.get("count");
                }
            }
            String previous = bySeed.putIfAbsent(run.get("seed").asLong(), winxp);
            assertThat(previous == null ? winxp : previous).as("winxp/0 in seed %s", run.get("seed")).isEqualTo(winxp);
        }
        assertThat(hashes).as("the runs differ event for event").hasSize(runs.size());
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
            if (a.startsWith("scenarios/")) {
                args.set(i, ROOT.resolve(a).toString());
            } else if (a.equals("--out") || a.equals("-o")) {
                args.set(i + 1, tmp.resolve(args.get(i + 1)).toString());
            }
        }
        args.add("--no-progress");
        return CliRun.of(args.toArray(new String[0]));
    }
}
