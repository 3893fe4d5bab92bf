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

    /** In docs/cluster.md, sizing: one run of the paper's scenario as the pilot measures it. */
    static final String CLUSTER_PILOT = "java -Xmx256m -jar sched-cli/target/vsched.jar sweep builtin:paper-compile"
            + " --param credit.ratelimitUs=0 --seeds 1 --duration 300s --jobs 1 --no-progress --out p";

    @Test
    void theClusterPilotRunsAsShown(@TempDir Path tmp) throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/cluster.md")).replaceAll("\\s+", " ");
        assertThat(doc).contains("(`" + CLUSTER_PILOT + "`)");
        // run() adds --no-progress itself
        CliRun r = run(("vsched" + CLUSTER_PILOT.substring(CLUSTER_PILOT.indexOf(".jar") + 4)).replace(" --no-progress", ""),
                tmp);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("scenario paper-compile | sweep credit.ratelimitUs=0 | 1 point x 1 seed");
        assertThat(tmp.resolve("p/result.json")).isNotEmptyFile();
    }

    /** Commands written in a help text: a footer line, a quoted 'vsched ...', a $(...), the built-in default. */
    private static final java.util.regex.Pattern HELP_COMMAND = java.util.regex.Pattern.compile(
            "^\\s*(vsched .*?)\\s*(#.*)?$|'(vsched [^']+)'|<\\((vsched [^)]+)\\)|built-in default: (vsched .*)\\.$");

    /**
     * Every example command in every command's --help (footers, descriptions, option texts) runs
     * as written and exits 0: from the repository root, outputs in a temporary folder, in the order
     * the help texts come (so vsched merge finds the shards of vsched sweep's examples).
     */
    @Test
    void everyExampleInEveryHelpRuns(@TempDir Path tmp) {
        List<String> commands = new ArrayList<>();
        collect(Main.commandLine(new VschedCommand()), commands);
        assertThat(commands).as("the examples found").contains("vsched generate-completion",
                "vsched merge --out all/ shard1/ shard2/", VschedCommand.DEFAULT_TEXT)
                .anyMatch(c -> c.startsWith("vsched run ")).anyMatch(c -> c.startsWith("vsched sweep "))
                .anyMatch(c -> c.startsWith("vsched validate ")).anyMatch(c -> c.startsWith("vsched list "));
        for (String c : new java.util.LinkedHashSet<>(commands)) {
            CliRun r = runHelpExample(c, tmp);
            assertThat(r.code()).as("%s\n%s", c, r).isZero();
        }
    }

    /**
     * The fragments the help texts give as examples of values (a scheduler with parameters, a
     * scheduler's key) are accepted where the help shows them.
     */
    @Test
    void theExampleValuesInTheHelpAreAccepted() {
        // the help wraps lines anywhere, even inside a value: compared without white space
        assertThat(CliRun.of("run", "--help").out().replaceAll("\\s+", "")).contains("e.g." + HelpExamples.SCHEDULER + ".");
        assertThat(CliRun.of("compare", "--help").out().replaceAll("\\s+", "")).contains(HelpExamples.SCHEDULERS);
        assertThat(CliRun.of("sweep", "--help").out().replaceAll("\\s+", "")).contains("(e.g." + HelpExamples.SCHEDULER_KEY
                + ")");
        String scenario = ROOT.resolve("scenarios/paper-compile.yaml").toString();
        CliRun one = CliRun.of("run", scenario, "--scheduler", HelpExamples.SCHEDULER, "--duration", "10ms");
        assertThat(one.code()).as(one.toString()).isZero();
        CliRun several = CliRun.of("validate", scenario, "--schedulers", HelpExamples.SCHEDULERS);
        assertThat(several.code()).as(several.toString()).isZero();
        CliRun key = CliRun.of("validate", scenario, "--set", HelpExamples.SCHEDULER_KEY + "=10");
        assertThat(key.code()).as(key.toString()).isZero();
        CliRun weight = CliRun.of("validate", scenario, "--set", "domain.dom1.weight=512");
        assertThat(weight.code()).as(weight.toString()).isZero();
    }

    private static void collect(picocli.CommandLine cmd, List<String> out) {
        var spec = cmd.getCommandSpec();
        List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
        for (var o : spec.options()) {
            texts.addAll(List.of(o.description()));
        }
        for (var p : spec.positionalParameters()) {
            texts.addAll(List.of(p.description()));
        }
        texts.addAll(List.of(spec.usageMessage().footer()));
        for (String t : texts) {
            for (String line : t.split("\n")) {
                var m = HELP_COMMAND.matcher(line);
                while (m.find()) {
                    for (int g : new int[]{1, 3, 4, 5}) {
                        if (m.group(g) != null) {
                            out.add(m.group(g));
                        }
                    }
                }
            }
        }
        for (picocli.CommandLine sub : cmd.getSubcommands().values()) {
            collect(sub, out);
        }
    }

    /**
     * Runs a command of a help text in-process as a shell in the repository root would: globs
     * expanded there, scenario and example files read there, outputs and merge inputs in {@code tmp}.
     */
    private static CliRun runHelpExample(String command, Path tmp) {
        List<String> words = new ArrayList<>(List.of(command.trim().split("\\s+")));
        words.remove(0);
        List<String> args = new ArrayList<>();
        boolean merge = !words.isEmpty() && words.get(0).equals("merge");
        for (int i = 0; i < words.size(); i++) {
            String a = words.get(i);
            if (a.contains("*")) {
                String dir = a.substring(0, a.lastIndexOf('/') + 1);
                var glob = ROOT.getFileSystem().getPathMatcher("glob:" + a.substring(dir.length()));
                try (var files = Files.list(ROOT.resolve(dir))) {
                    files.filter(f -> glob.matches(f.getFileName())).sorted().forEach(f -> args.add(f.toString()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            } else if (a.startsWith("scenarios/") || a.startsWith("examples/")) {
                args.add(ROOT.resolve(a).toString());
            } else if (a.equals("--out") || a.equals("-o")) {
                args.add(a);
                args.add(tmp.resolve(words.get(++i)).toString());
            } else if (merge && i > 0 && !a.startsWith("-")) {
                args.add(tmp.resolve(a).toString());
            } else {
                args.add(a);
            }
        }
        if (!args.isEmpty() && List.of("run", "compare", "sweep").contains(args.get(0))) {
            args.add("--no-progress");
        }
        return CliRun.of(args.toArray(new String[0]));
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
