package io.github.vsched.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
                + " report.html charts/ (" + charts.size() + " SVG) to " + dir);
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
            if (line.startsWith("round-robin")) {
                String row = "| " + String.join(" | ", line.split(" {2,}"));
                assertThat(md.replaceAll(" +", " ")).contains(row.replaceAll(" +", " "));
            }
        }
    }

    @Test
    void theSameCommandWritesTheSameResults(@TempDir Path dir) throws IOException {
        for (String sub : new String[]{"a", "b"}) {
            assertThat(CliRun.of("run", SCENARIO, "--out", dir.resolve(sub).toString()).code()).isZero();
        }
        for (String f : new String[]{"result.json", "summary.csv", "workloads.csv", "estimates.csv", "summary.md"}) {
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
