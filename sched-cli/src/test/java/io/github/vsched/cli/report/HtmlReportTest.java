package io.github.vsched.cli.report;

import io.github.vsched.cli.TestScenarios;
import io.github.vsched.cli.exec.Job;
import io.github.vsched.cli.exec.ProgressBar;
import io.github.vsched.cli.exec.RunOutput;
import io.github.vsched.cli.exec.Runner;
import io.github.vsched.cli.exec.SeriesWindow;
import io.github.vsched.cli.result.Metrics;
import io.github.vsched.cli.result.ResultSet;
import io.github.vsched.cli.result.RunRecord;
import io.github.vsched.cli.result.TimeSeries;
import io.github.vsched.scenario.ResolvedScenario;
import org.HdrHistogram.AbstractHistogram;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    private static final Pattern SVG = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL);

    private static String render() {
        return page().html();
    }

    private static Page page() {
        ResolvedScenario r = TestScenarios.resolved("two-pcpus");
        Runner runner = new Runner(TestScenarios.FACTORY, 2, null);
        ProgressBar off = ProgressBar.create(false, System.err, "", 1, 1);
        List<RunOutput> outs = new ArrayList<>();
        List<RunRecord> runs = new ArrayList<>();
        Map<String, TimelineCapture> timelines = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, AbstractHistogram>>> hist = new LinkedHashMap<>();
        for (long seed = 7; seed <= 8; seed++) {
            RunOutput o = runner.runOne(new Job(r, r.scenario().withSeed(seed), Map.of(), true, true, null,
                    seed == 7 ? SeriesWindow.whole(r.scenario().durationNs()) : null), off);
            outs.add(o);
            runs.add(o.record());
        }
        timelines.put("round-robin", outs.get(0).timeline());
        Map<String, Map<String, AbstractHistogram>> h = new LinkedHashMap<>();
        outs.get(0).histograms().forEach((v, x) -> {
            Map<String, AbstractHistogram> byName = new LinkedHashMap<>();
            Metrics.DISTRIBUTIONS.forEach(d -> byName.put(d.name(), d.histogram().apply(x)));
            h.put(v, byName);
        });
        hist.put("round-robin", h);
        ResultSet set = new ResultSet("two-pcpus", 7, r.scenario().durationNs(), "test-smp", List.of("round-robin"),
                List.of(7L, 8L), r.focus(), 0.95, 0, 1_000_000, null, runs);
        return HtmlReport.render(new HtmlReport.Data(set, List.of("player", "hog"), 2, timelines, hist,
                TimeSeriesReportTest.series(outs.get(0), "round-robin", "the whole run", r.scenario().durationNs(),
                        2_000_000), "vsched compare two-pcpus.yaml <&>"));
    }

    @Test
    void everyChartIsWellFormedSvgWithNoInvalidNumbers() throws Exception {
        String html = render();
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("NaN").doesNotContain("Infinity")
                .contains("vsched compare two-pcpus.yaml &lt;&amp;&gt;").doesNotContain("<script")
                .doesNotContainPattern("(src|href)=\"https?:").doesNotContain("@import").doesNotContain("url(");
        Matcher m = SVG.matcher(html);
        Map<String, Integer> kinds = new LinkedHashMap<>();
        while (m.find()) {
            Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(m.group().getBytes(StandardCharsets.UTF_8)));
            String kind = d.getDocumentElement().getAttribute("data-kind");
            kinds.merge(kind, 1, Integer::sum);
            assertThat(m.group()).doesNotContain("width=\"-").doesNotContain("height=\"-");
        }
        // one timeline; per metric (3) and focus VCPU (2): a histogram per scheduler (1), and a CDF and a tail
        // where there are samples (the hog, never descheduled, has no dispatch intervals)
        // and the player over time (the hog, running all along, has neither an interval nor a finished run)
        assertThat(kinds).containsEntry("timeline", 1).containsEntry("histogram", 6).containsEntry("series", 1);
        assertThat(kinds.get("cdf")).isBetween(3, 6);
        assertThat(kinds.get("tail")).isEqualTo(kinds.get("cdf"));
        assertThat(html).contains("no samples");
    }

    @Test
    void everyChartIsAlsoAStandaloneSvgNamedAfterWhatItShows() throws Exception {
        Page page = page();
        Matcher m = SVG.matcher(page.html());
        List<String> inline = new ArrayList<>();
        while (m.find()) {
            inline.add(m.group());
        }
        assertThat(page.charts()).hasSameSizeAs(inline).containsKeys("timeline-round-robin.svg",
                "dispatchIntervalUs-player-0-histogram-round-robin.svg", "dispatchIntervalUs-player-0-cdf.svg",
                "runLengthUs-hog-0-histogram-round-robin.svg", "wakeLatencyUs-player-0-cdf.svg",
                "wakeLatencyUs-player-0-tail.svg");
        assertThat(page.charts().values()).as("the page's charts, in order")
                .containsExactlyElementsOf(inline.stream().map(svg -> Svg.standalone(svg + "\n")).toList());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        for (Map.Entry<String, String> chart : page.charts().entrySet()) {
            assertThat(chart.getKey()).matches("[A-Za-z0-9._-]+\\.svg");
            Element svg = f.newDocumentBuilder().parse(new ByteArrayInputStream(chart.getValue()
                    .getBytes(StandardCharsets.UTF_8))).getDocumentElement();
            assertThat(svg.getLocalName()).as(chart.getKey()).isEqualTo("svg");
            assertThat(svg.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
            assertThat(svg.getAttribute("width")).matches("[0-9.]+");
            assertThat(svg.getAttribute("height")).matches("[0-9.]+");
            assertThat(svg.getAttribute("viewBox")).isEqualTo("0 0 " + svg.getAttribute("width") + " "
                    + svg.getAttribute("height"));
            Element style = (Element) svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "style").item(0);
            assertThat(style.getTextContent()).as("the page's chart style").contains(Svg.CSS).contains("svg .tick {");
            assertThat(HtmlReport.CSS).contains(Svg.CSS);
            Element background = (Element) style.getNextSibling().getNextSibling();
            assertThat(background.getTagName()).isEqualTo("rect");
            assertThat(background.getAttribute("fill")).isEqualTo("#fff");
            assertThat(background.getAttribute("width")).isEqualTo("100%");
        }
    }

    @Test
    void theSummaryKeepsItsFirstColumnsInPlaceAndSaysWhereThereAreNoSamples() {
        String html = render();
        String summary = html.substring(html.indexOf("<table class=\"summary fixed\">"));
        summary = summary.substring(0, summary.indexOf("</table>"));
        assertThat(summary).contains("<th class=\"f1\">scheduler</th><th class=\"f2\">VCPU</th>")
                .contains("<td class=\"f1\">round-robin</td><td class=\"f2\">hog/0</td>")
                .doesNotContain("e-0").doesNotContain("E-");
        // the hog never left its PCPU: no dispatch interval, no finished run
        String hog = summary.substring(summary.indexOf("hog/0"));
        hog = hog.substring(0, hog.indexOf("</tr>"));
        assertThat(hog).contains("<td class=\"num\">" + Numbers.NO_SAMPLES + "</td>");
        assertThat(html).contains(".fixed .f1 { left: 0px;").contains(".fixed .f2 { left: ")
                .contains("position: sticky");
    }

    @Test
    void theStutterAndTheSeriesHaveTheirSections() {
        String html = render();
        String stutter = html.substring(html.indexOf("<section id=\"stutter\">"));
        stutter = stutter.substring(0, stutter.indexOf("</section>"));
        assertThat(stutter).contains("<td>player/0</td><td>late frames per s</td>")
                .contains("most late frames in a row").doesNotContain("hog/0");
        String overTime = html.substring(html.indexOf("<section id=\"over-time\">"));
        overTime = overTime.substring(0, overTime.indexOf("</section>"));
        assertThat(overTime).contains("<h3>player/0</h3>").contains("data-kind=\"series\"")
                .contains("from 0 s to 0.3 s (the whole run;").contains("intervals.csv");
        assertThat(page().charts()).containsKey("series-player-0.svg");
    }

    @Test
    void theTimelineDrawsRunsWakeUpsAndALegendOfDomains() {
        String html = render();
        String timeline = html.substring(html.indexOf("data-kind=\"timeline\""));
        timeline = timeline.substring(0, timeline.indexOf("</svg>"));
        assertThat(timeline).contains("class=\"run\"").contains("class=\"wake\"").contains("PCPU 0").contains("PCPU 1");
        assertThat(timeline).contains("player/0 on PCPU");
        assertThat(timeline).contains(">player</text>").contains(">hog</text>").contains("▼ wake-up");
        assertThat(html).contains("Workload quality").contains("bursts");
    }
}
