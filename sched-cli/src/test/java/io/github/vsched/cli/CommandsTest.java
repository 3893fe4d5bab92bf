package io.github.vsched.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vsched.cli.report.Numbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands run in-process: behaviour that needs no separate JVM (the jar itself is tested by the ITs). */
class CommandsTest {
    private static final String SCENARIO = TestScenarios.path("two-pcpus").toString();

    @Test
    void compareRunsEverySchedulerOnTheSameSeeds(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.of("compare", SCENARIO, "--schedulers", "round-robin,round-robin[slice=1ms]", "--seeds", "3",
                "--out", dir.toString(), "--no-progress");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("2 schedulers x 3 seeds (seeds 7..9, the same for every scheduler)")
                .contains("95% confidence interval").contains("round-robin[slice=1ms]  player/0");
        JsonNode root = new ObjectMapper().readTree(dir.resolve("result.json").toFile());
        List<String> runs = new ArrayList<>();
        root.get("runs").forEach(x -> runs.add(x.get("scheduler").asText() + "@" + x.get("seed").asLong()));
        assertThat(runs).containsExactly("round-robin@7", "round-robin@8", "round-robin@9",
                "round-robin[slice=1ms]@7", "round-robin[slice=1ms]@8", "round-robin[slice=1ms]@9");
        // common random numbers: the workload's demands depend on the seed only, so the same seed gives the same
        // number of bursts under both schedulers while different seeds differ
        JsonNode rs = root.get("runs");
        assertThat(rs.get(0).get("eventHash")).isNotEqualTo(rs.get(1).get("eventHash"));
        assertThat(Files.readAllLines(dir.resolve("estimates.csv")).get(0))
                .isEqualTo("scenario,scheduler,subject,metric,n,mean,sd,ci95_low,ci95_high");
        assertThat(dir.resolve("report.html")).exists();
    }

    @Test
    void compareWritesEveryChartAsAStandaloneSvgAndTheTablesAsMarkdown(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("compare", SCENARIO, "--schedulers", "round-robin,round-robin[slice=1ms]", "--seeds", "2",
                "--out", dir.toString(), "--no-progress");
        assertThat(r.code()).as(r.toString()).isZero();
        List<Path> charts;
        try (var list = Files.list(dir.resolve("charts"))) {
            charts = list.sorted().toList();
        }
        assertThat(charts).extracting(c -> c.getFileName().toString()).contains("timeline-round-robin.svg",
                "timeline-round-robin-slice-1ms.svg", "dispatchIntervalUs-player-0-histogram-round-robin.svg",
                "dispatchIntervalUs-player-0-histogram-round-robin-slice-1ms.svg", "dispatchIntervalUs-player-0-cdf.svg")
                .allMatch(n -> n.matches("[A-Za-z0-9][A-Za-z0-9._-]*\\.svg"), "plain names, no temporary file");
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(charts).as("every chart of the report").hasSize(html.split("<svg ", -1).length - 1);
        assertThat(r.err()).contains("vsched: wrote result.json summary.csv workloads.csv estimates.csv summary.md"
                + " intervals.csv quality-events.csv report.html charts/ (" + charts.size() + " SVG) to " + dir);
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setNamespaceAware(true);
        for (Path c : charts) {
            Element svg = xml.newDocumentBuilder().parse(c.toFile()).getDocumentElement();
            assertThat(svg.getTagName()).as(c.toString()).isEqualTo("svg");
            assertThat(svg.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
            assertThat(svg.getAttribute("xmlns")).isEqualTo("http://www.w3.org/2000/svg");
            for (String a : new String[]{"width", "height", "viewBox"}) {
                assertThat(svg.getAttribute(a)).as(c + " " + a).isNotBlank();
            }
            assertThat(svg.getElementsByTagName("style").item(0).getTextContent()).contains("svg .axis {");
        }

        String md = Files.readString(dir.resolve("summary.md"));
        assertThat(md).startsWith("### VCPUs of interest · scenario `two-pcpus` · schedulers `round-robin`,"
                + " `round-robin[slice=1ms]` · seeds 7..8 · mean ± half-width of the 95% confidence interval across"
                + " seeds\n\n| scheduler ")
                .containsPattern("\\n\\| -+ \\| -+ \\| -+: \\| -+: \\|")
                .containsPattern("\\n\\| round-robin\\[slice=1ms] \\| player/0 +\\| +[0-9.]+ ± [0-9.]+ \\|")
                .contains("\n\n### Workload quality · scenario `two-pcpus`");
        // the same tables as on standard output: as many rows, the same cells
        for (String line : r.out().split("\n")) {
            // the rows of the tables (the strips of the series, also starting with a scheduler, are a code block)
            if (line.startsWith("round-robin") && line.split(" {2,}").length > 3) {
                String row = "| " + String.join(" | ", line.split(" {2,}"));
                assertThat(md.replaceAll(" +", " ")).contains(row.replaceAll(" +", " "));
            }
        }
    }

    private static final String KNOWN = TestScenarios.path("known-schedule").toString();

    /**
     * Two scenarios under one scheduler, the first the baseline: every table names the
     * scenario, the stutter table and the series put the baseline beside the other, and every
     * file keeps the scenario of each run.
     */
    @Test
    void compareOfTwoScenariosPutsTheBaselineBesideTheOther(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.of("compare", KNOWN, SCENARIO, "--schedulers", "round-robin", "--seeds", "2", "--out",
                dir.toString(), "--no-progress");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("scenarios known-schedule, two-pcpus | platform test-smp | 1 scheduler x 2 seeds"
                        + " (seeds 3..4, the same for every scheduler and scenario) | 100 ms, 300 ms simulated each\n")
                .containsPattern("(?m)^scenario +scheduler +VCPU +CPU %")
                .containsPattern("(?m)^known-schedule +round-robin +player/0 +[0-9.]+ ± ")
                .containsPattern("(?m)^two-pcpus +round-robin +player/0 +[0-9.]+ ± ")
                .containsPattern("(?m)^player +metric +known-schedule · round-robin +two-pcpus · round-robin$")
                .containsPattern("(?m)^player/0 +late frames per s +10 ± 0 ")
                .contains("Over time, player/0:\n")
                .containsPattern("(?m)^known-schedule · round-robin  [▁▃▅▇█]+$");
        JsonNode root = new ObjectMapper().readTree(dir.resolve("result.json").toFile());
        List<String> runs = new ArrayList<>();
        // a run names its scenario when it is not the file's (the first)
        root.get("runs").forEach(x -> runs.add(x.path("scenario").asText(root.get("scenario").asText()) + "@"
                + x.get("seed").asLong()));
        assertThat(runs).containsExactly("known-schedule@3", "known-schedule@4", "two-pcpus@3", "two-pcpus@4");
        assertThat(root.get("runs").get(0).has("scenario")).isFalse();
        assertThat(io.github.vsched.cli.output.ResultJson.read(dir.resolve("result.json")).runs())
                .extracting(io.github.vsched.cli.result.RunRecord::scenario)
                .containsExactly("known-schedule", "known-schedule", "two-pcpus", "two-pcpus");
        assertThat(Files.readAllLines(dir.resolve("estimates.csv"))).anyMatch(l -> l.startsWith("two-pcpus,round-robin,"))
                .anyMatch(l -> l.startsWith("known-schedule,round-robin,player/0,stutter.lateFramesPerS,2,10,"));
        List<String> intervals = Files.readAllLines(dir.resolve("intervals.csv"));
        assertThat(intervals).anyMatch(l -> l.startsWith("known-schedule,round-robin,3,player/0,"))
                .anyMatch(l -> l.startsWith("two-pcpus,round-robin,3,player/0,"))
                .noneMatch(l -> l.contains(",4,player/0,"));
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<title>vsched report: known-schedule, two-pcpus</title>")
                .contains("data-label=\"known-schedule · round-robin\"").contains("data-label=\"two-pcpus · round-robin\"")
                .contains("<th class=\"f1\">scenario</th><th class=\"f2\">scheduler</th><th class=\"f3\">VCPU</th>");
        assertThat(dir.resolve("charts/series-player-0.svg")).exists();
        assertThat(dir.resolve("charts/timeline-known-schedule-round-robin.svg")).exists();
        assertThat(Files.readString(dir.resolve("summary.md"))).startsWith("### VCPUs of interest · scenarios"
                + " `known-schedule`, `two-pcpus` · scheduler `round-robin` · seeds 3..4")
                .contains("```text\nthe longest dispatch interval in each");
    }

    @Test
    void theSeriesWindowIsTheOneAskedFor(@TempDir Path dir) throws IOException {
        for (String window : new String[]{"40ms..60ms", "40ms+20ms"}) {
            Path out = dir.resolve(window.replace('+', 'p'));
            CliRun r = CliRun.of("run", KNOWN, "--series-window", window, "--out", out.toString());
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).contains("from 40 ms to 60 ms (--series-window " + window + ")");
            List<Long> times = Files.readAllLines(out.resolve("intervals.csv")).stream().skip(1)
                    .filter(l -> l.contains("player/0")).map(l -> Long.parseLong(l.split(",")[4])).toList();
            assertThat(times).containsExactly(40_000_000L, 42_000_000L, 44_000_000L, 46_000_000L, 48_000_000L,
                    50_000_000L, 56_000_000L, 58_000_000L, 60_000_000L);
            assertThat(Files.readString(out.resolve("quality-events.csv")))
                    .contains("known-schedule,round-robin,3,player/0,55000000,frame_late,3000000\n");
        }
    }

    /**
     * A run longer than 10 s keeps 4 s around its first late frame: the player's long burst is
     * moved to 7 s, so the frame is late at 7.005 s and the window is 5.005 to 9.005 s. The
     * window is chosen after the run, which is run again to keep it: the same run, as the
     * identical tables show.
     */
    @Test
    void aLongRunKeepsAFewSecondsAroundItsFirstLateFrame(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.of("run", KNOWN, "--duration", "12s", "--set", "domain.player.workload.stallAt=7s", "--out",
                dir.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("from 5.01 s to 9.01 s (4 s around the first late or dropped frame or underrun"
                + " (round-robin, player/0, at 7.01 s))");
        List<Long> times = Files.readAllLines(dir.resolve("intervals.csv")).stream().skip(1)
                .map(l -> Long.parseLong(l.split(",")[4])).toList();
        assertThat(times).isNotEmpty().allMatch(t -> t >= 5_005_000_000L && t <= 9_005_000_000L);
        assertThat(times).contains(7_006_000_000L);
        CliRun plain = CliRun.of("run", KNOWN, "--duration", "12s", "--set", "domain.player.workload.stallAt=7s");
        assertThat(plain.out().replaceAll("events in [0-9.]+ m?s", ""))
                .isEqualTo(r.out().replaceAll("events in [0-9.]+ m?s", ""));
    }

    @Test
    void aSeriesWindowThatIsNotOneIsRefused() {
        String[][] cases = {
            {"6ms..3ms", "--series-window '6ms..3ms': the end is not after the start"},
            {"3ms", "--series-window '3ms': allowed: START..END or START+LENGTH with units, e.g. 3s..6s or 3s+3s, or all"},
            {"1s..2s", "--series-window '1s..2s': starts at or after the end of the run (100ms); allowed: a start"},
            {"3x..4ms", "--series-window '3x..4ms': unknown unit 'x'"},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.of("run", KNOWN, "--series-window", c[0]);
            assertThat(r.code()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).as(c[0]).contains("vsched: error: " + c[1]);
        }
    }

    /** VCPUs that hardly ran are left out of the run table, with a note, unless they are asked for. */
    @Test
    void idleVcpusAreLeftOutUnlessAskedFor() {
        CliRun r = CliRun.of("run", "builtin:paper-idle", "--duration", "1s");
        assertThat(r.code()).as(r.toString()).isZero();
        // dom0's three spare VCPUs ran once at the start; dom1, a VCPU of interest, is shown however little it ran
        assertThat(r.out()).containsPattern("Idle \\(under 0.01% CPU\\), not shown: dom0/1, dom0/2, dom0/3(, dom1/[1-3])*"
                + " \\(name them with --vcpus to see them\\)").doesNotContainPattern("(?m)^dom0/1 ")
                .containsPattern("(?m)^dom1/0 +0.00[0-9]+ ").doesNotContainPattern("[0-9]e-[0-9]");
        CliRun asked = CliRun.of("run", "builtin:paper-idle", "--duration", "1s", "--vcpus", "winxp/0,dom0/1");
        assertThat(asked.out()).containsPattern("(?m)^dom0/1 +0\\.000[0-9]+ +1 ")
                .containsPattern("not shown: dom0/2, dom0/3, dom1/0");
        // a distribution without samples says so rather than "0"
        assertThat(asked.out()).containsPattern("(?m)^dom0/1 .* " + Numbers.NO_SAMPLES + " ");
    }

    @Test
    void theSameCommandWritesTheSameResults(@TempDir Path dir) throws IOException {
        for (String sub : new String[]{"a", "b"}) {
            assertThat(CliRun.of("run", SCENARIO, "--out", dir.resolve(sub).toString()).code()).isZero();
        }
        for (String f : new String[]{"result.json", "summary.csv", "workloads.csv", "estimates.csv", "summary.md",
            "intervals.csv", "quality-events.csv"}) {
            assertThat(Files.readString(dir.resolve("a").resolve(f))).as(f)
                    .isEqualTo(Files.readString(dir.resolve("b").resolve(f)));
        }
    }

    @Test
    void shardedSweepsMergeIntoTheUnshardedSweep(@TempDir Path dir) throws IOException {
        String[] base = {"sweep", SCENARIO, "--param", "round-robin.slice=1ms..3ms:1ms", "--param",
            "domain.player.workload.period=2ms,3ms", "--seeds", "2", "--duration", "100ms"};
        assertThat(run(base, "--out", dir.resolve("all").toString()).code()).isZero();
        for (int i = 1; i <= 4; i++) {
            CliRun s = run(base, "--shard", i + "/4", "--out", dir.resolve("s" + i).toString());
            assertThat(s.code()).as(s.toString()).isZero();
        }
        CliRun partial = CliRun.of("merge", "--out", dir.resolve("m").toString(), dir.resolve("s1").toString(),
                dir.resolve("s2").toString());
        assertThat(partial.code()).isEqualTo(2);
        assertThat(partial.err()).contains("missing shards [3, 4] of 4");
        CliRun m = CliRun.of("merge", "--out", dir.resolve("m").toString(), dir.resolve("s3").toString(),
                dir.resolve("s1").toString(), dir.resolve("s4").toString(), dir.resolve("s2").resolve("result.json")
                        .toString());
        assertThat(m.code()).as(m.toString()).isZero();
        for (String f : new String[]{"sweep.csv", "summary.csv", "workloads.csv"}) {
            assertThat(Files.readString(dir.resolve("m").resolve(f))).as(f)
                    .isEqualTo(Files.readString(dir.resolve("all").resolve(f)));
        }
        List<String> sweep = Files.readAllLines(dir.resolve("all/sweep.csv"));
        assertThat(sweep.get(0)).isEqualTo("scenario,scheduler,round-robin.slice,domain.player.workload.period,"
                + "subject,metric,n,mean,sd,ci95_low,ci95_high");
        assertThat(sweep).anyMatch(l -> l.startsWith("two-pcpus,round-robin,2ms,3ms,player/0,cpuShare,2,"));
        assertThat(dir.resolve("m/sweep.html")).exists();
        assertThat(dir.resolve("m/charts/dispatchIntervalUs.p99-player-0.svg")).exists();
        assertThat(dir.resolve("m/charts/workload-player-bursts.svg")).exists();
        assertThat(Files.readString(dir.resolve("m/summary.md"))).startsWith("### VCPUs of interest per sweep point"
                + " · scenario `two-pcpus` · sweep `round-robin.slice=1ms..3ms:1ms` `domain.player.workload.period=2ms,3ms`"
                + " · scheduler `round-robin` · seeds 7..8 · mean ± half-width");
    }

    /**
     * merge refuses shards that do not belong together: another scenario (here a --set), another
     * grid, or another build of vsched, each named with the input and the difference.
     */
    @Test
    void mergeRefusesShardsOfAnotherScenarioGridOrBuild(@TempDir Path dir) throws IOException {
        String[] base = {"sweep", SCENARIO, "--param", "round-robin.slice=1ms,2ms", "--duration", "50ms"};
        String s1 = dir.resolve("s1").toString();
        String s2 = dir.resolve("s2").toString();
        assertThat(run(base, "--shard", "1/2", "--out", s1).code()).isZero();
        assertThat(run(base, "--shard", "2/2", "--out", s2).code()).isZero();
        String m = dir.resolve("m").toString();
        assertThat(CliRun.of("merge", "--out", m, s1, s2).code()).isZero();
        // the merged result is the unsharded sweep's, byte for byte
        assertThat(run(base, "--out", dir.resolve("all").toString()).code()).isZero();
        for (String f : new String[]{"result.json", "sweep.csv", "summary.csv", "workloads.csv", "summary.md"}) {
            assertThat(dir.resolve("m").resolve(f)).as(f).hasSameBinaryContentAs(dir.resolve("all").resolve(f));
        }

        String other = dir.resolve("other").toString();
        assertThat(run(base, "--shard", "2/2", "--set", "domain.player.workload.burst=200us", "--out", other).code())
                .isZero();
        CliRun scenario = CliRun.of("merge", "--out", dir.resolve("m2").toString(), s1, other);
        assertThat(scenario.code()).isEqualTo(2);
        assertThat(scenario.err()).contains(other + ": is a shard of a sweep of another scenario than " + s1
                + " (scenario digest ").contains("only shards of one sweep command can be merged");

        String grid = dir.resolve("grid").toString();
        assertThat(run(new String[]{"sweep", SCENARIO, "--param", "round-robin.slice=1ms,3ms", "--duration", "50ms"},
                "--shard", "2/2", "--out", grid).code()).isZero();
        CliRun grids = CliRun.of("merge", "--out", dir.resolve("m3").toString(), s1, grid);
        assertThat(grids.code()).isEqualTo(2);
        assertThat(grids.err()).contains(grid + ": its sweep grid (--param options) ([round-robin.slice=1ms,3ms]) does"
                + " not match the first input's ([round-robin.slice=1ms,2ms])");

        Path json = dir.resolve("s2/result.json");
        String text = Files.readString(json);
        Files.writeString(json, text.replaceFirst("\"build\" : \"([^\"]*)\"", "\"build\" : \"0.0.1+0000000000000000\""));
        assertThat(Files.readString(json)).isNotEqualTo(text);
        CliRun build = CliRun.of("merge", "--out", dir.resolve("m4").toString(), s1, s2);
        assertThat(build.code()).isEqualTo(2);
        assertThat(build.err()).contains(s2 + ": was made by another build of vsched than " + s1
                + " (0.0.1+0000000000000000, not ").contains("run every shard with the same vsched");
    }

    private static CliRun run(String[] base, String... more) {
        List<String> a = new ArrayList<>(List.of(base));
        a.addAll(List.of(more));
        return CliRun.of(a.toArray(new String[0]));
    }

    @Test
    void aRunThatFailsExitsWithOneAndNamesTheRun(@TempDir Path dir) {
        CliRun r = CliRun.of("run", SCENARIO, "--set", "domain.hog.workload.failAt=20ms", "--out", dir.toString(),
                "--trace", "csv");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("vsched: run failed (scheduler round-robin, seed 7)")
                .contains("test-hog fails on purpose");
        assertThat(dir.toFile().list()).as("no trace or result left behind").isEmpty();
    }

    @Test
    void usageErrorsExitWithTwo() {
        CliRun r = CliRun.of("run", SCENARIO, "--trace", "perfetto");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--trace needs --out DIR");
        CliRun t = CliRun.of("run", SCENARIO, "--trace", "pdf", "--out", "x");
        assertThat(t.code()).isEqualTo(2);
        assertThat(t.err()).contains("'pdf' is not a trace format; allowed: perfetto, csv, xentrace");
        CliRun u = CliRun.of("comapre", SCENARIO);
        assertThat(u.code()).isEqualTo(2);
        assertThat(u.err()).contains("Did you mean: vsched compare");
        CliRun s = CliRun.of("sweep", SCENARIO, "--param", "seed=1,2", "--shard", "5/4", "--out", "x");
        assertThat(s.code()).isEqualTo(2);
        assertThat(s.err()).contains("--shard 5/4: expected I/N with 1 <= I <= N");
    }
}
