package io.github.vsched.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTML outputs in a real headless Chromium (Debian's {@code chromium}, or {@code $CHROMIUM}):
 * they render without a console error, an exception or a failed load, and their charts are
 * there with a size. Skipped, with a {@code notice:} line on standard error, only where no Chromium can be
 * found.
 */
class ReportBrowserIT {
    @TempDir
    static Path tmp;
    static ItFixture fx;
    static HeadlessChromium browser;
    /** Why there is no browser, or null. */
    static String missing;

    @BeforeAll
    static void setUp() throws Exception {
        Optional<Path> exe = HeadlessChromium.find();
        if (exe.isEmpty()) {
            // on the build's output, where a 0 in a test count goes unnoticed
            missing = HeadlessChromium.notFound(System.getenv("CHROMIUM"));
            BuildNotice.print("ReportBrowserIT skipped: " + missing);
            return;
        }
        fx = new ItFixture(tmp);
        browser = HeadlessChromium.start(exe.get());
    }

    /** Each test is reported skipped, with the reason, when there is no browser. */
    @BeforeEach
    void needsABrowser() {
        assumeTrue(missing == null, missing);
    }

    @AfterAll
    static void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theComparisonReportRendersCleanlyWithEveryChart() throws Exception {
        CliProcess r = fx.run("compare", "two-pcpus.yaml", "--schedulers", "round-robin,round-robin[slice=1ms]",
                "--seeds", "2", "--out", "report");
        assertThat(r.code()).as(r.toString()).isZero();
        Path html = tmp.resolve("report/report.html");
        List<String> errors = browser.load(html);
        assertThat(errors).as("console errors, exceptions and failed loads").isEmpty();
        assertThat(browser.evaluate("document.title").asText()).isEqualTo("vsched report: two-pcpus");
        JsonNode charts = browser.evaluate("""
                Array.from(document.querySelectorAll('svg.chart')).map(s => {
                  const b = s.getBoundingClientRect();
                  return {kind: s.dataset.kind, w: b.width, h: b.height};
                })""");
        int timelines = 0;
        int histograms = 0;
        int cdfs = 0;
        int tails = 0;
        for (JsonNode c : charts) {
            assertThat(c.get("w").asDouble()).as("chart width").isGreaterThan(100);
            assertThat(c.get("h").asDouble()).as("chart height").isGreaterThan(100);
            switch (c.get("kind").asText()) {
                case "timeline" -> timelines++;
                case "histogram" -> histograms++;
                case "cdf" -> cdfs++;
                case "tail" -> tails++;
                default -> {
                }
            }
        }
        assertThat(timelines).as("a timeline per scheduler").isEqualTo(2);
        assertThat(histograms).as("a histogram per scheduler, metric and VCPU of interest").isEqualTo(2 * 3 * 2);
        assertThat(cdfs).isBetween(3, 6);
        assertThat(tails).as("a tail beside each CDF").isEqualTo(cdfs);
        // the timeline really draws VCPU runs with a visible size, and wake-up markers
        assertThat(browser.evaluate("""
                Array.from(document.querySelectorAll('svg[data-kind=timeline] rect.run'))
                  .filter(r => r.getBoundingClientRect().width > 0).length""").asInt()).isGreaterThan(10);
        assertThat(browser.evaluate("document.querySelectorAll('svg[data-kind=timeline] .wake').length").asInt())
                .isGreaterThan(0);
        assertThat(browser.evaluate("document.querySelectorAll('svg[data-kind=histogram] rect.bar').length").asInt())
                .isGreaterThan(6);
        assertThat(browser.evaluate("document.querySelector('#workloads table').innerText").asText())
                .contains("test-periodic").contains("bursts");
        assertThat(standaloneChartsRender(tmp.resolve("report/charts"))).as("every chart of the page")
                .isEqualTo(charts.size());
    }

    /**
     * The time series of the known schedule under two schedulers: a chart per VCPU of interest
     * that has a dispatch to draw, its two panels side by side on the same axes, each with the
     * period's band, the 6 ms interval outside it, the late frame and the dropped one.
     */
    @Test
    void theSeriesPanelsRenderSideBySideWithTheirMarks() throws Exception {
        CliProcess r = fx.run("compare", "known-schedule.yaml", "--schedulers", "round-robin,round-robin[slice=1ms]",
                "--seeds", "1", "--out", "series");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(browser.load(tmp.resolve("series/report.html"))).as("console errors, exceptions and failed loads")
                .isEmpty();
        JsonNode panels = browser.evaluate("""
                Array.from(document.querySelectorAll('#over-time svg[data-kind=series] g.panel')).map(g => {
                  const b = g.getBoundingClientRect();
                  return {label: g.dataset.label, x: b.left, y: b.top, w: b.width, h: b.height,
                    band: g.querySelector('rect.band').getBoundingClientRect().height,
                    off: g.querySelectorAll('circle.off-period').length,
                    late: g.querySelectorAll('.late-mark').length, dropped: g.querySelectorAll('.dropped-mark').length,
                    dots: g.querySelector('path.in-band').getTotalLength() >= 0};
                })""");
        assertThat(panels).hasSize(2);
        assertThat(panels.get(0).get("label").asText()).isEqualTo("round-robin");
        assertThat(panels.get(1).get("label").asText()).isEqualTo("round-robin[slice=1ms]");
        assertThat(panels.get(1).get("x").asDouble()).as("side by side")
                .isGreaterThanOrEqualTo(panels.get(0).get("x").asDouble() + panels.get(0).get("w").asDouble() - 1);
        assertThat(panels.get(1).get("y").asDouble()).isEqualTo(panels.get(0).get("y").asDouble());
        for (JsonNode p : panels) {
            assertThat(p.get("w").asDouble()).as("panel width").isGreaterThan(300);
            assertThat(p.get("h").asDouble()).as("panel height").isGreaterThan(200);
            assertThat(p.get("band").asDouble()).as("the period's band").isGreaterThan(3);
            assertThat(p.get("off").asInt()).as("the 6 ms interval").isEqualTo(1);
            assertThat(p.get("late").asInt()).isEqualTo(1);
            assertThat(p.get("dropped").asInt()).isEqualTo(1);
        }
        assertThat(browser.evaluate("document.querySelector('#over-time').innerText").asText())
                .contains("simulated time (s)").contains("interval (ms)");
        assertThat(browser.evaluate("document.querySelector('#stutter table').innerText").asText())
                .contains("late frames per s").contains("most late frames in a row");
        // the summary's first columns stay in place while the table scrolls
        assertThat(browser.evaluate("getComputedStyle(document.querySelector('table.summary td.f2')).position")
                .asText()).isEqualTo("sticky");
        int charts = browser.evaluate("document.querySelectorAll('svg.chart').length").asInt();
        assertThat(standaloneChartsRender(tmp.resolve("series/charts"))).as("every chart of the page").isEqualTo(charts);
    }

    /**
     * Opens every SVG file in {@code folder} on its own: it renders without an error, with its
     * size, the charts' style (a label's font size) and a white background. Returns how many.
     */
    private static int standaloneChartsRender(Path folder) throws Exception {
        List<Path> files;
        try (var list = Files.list(folder)) {
            files = list.sorted().toList();
        }
        for (Path f : files) {
            assertThat(browser.load(f)).as(f + ": console errors, exceptions and failed loads").isEmpty();
            JsonNode svg = browser.evaluate("""
                    (() => {
                      const s = document.documentElement, b = s.getBoundingClientRect();
                      return {tag: s.tagName, w: b.width, h: b.height,
                        label: getComputedStyle(s.querySelector('.axis-label')).fontSize,
                        background: s.querySelector('rect').getAttribute('fill')};
                    })()""");
            assertThat(svg.get("tag").asText()).as(f.toString()).isEqualTo("svg");
            assertThat(svg.get("w").asDouble()).as(f + " width").isGreaterThan(100);
            assertThat(svg.get("h").asDouble()).as(f + " height").isGreaterThan(100);
            assertThat(svg.get("label").asText()).as(f + ": the charts' style applies").isEqualTo("11px");
            assertThat(svg.get("background").asText()).isEqualTo("#fff");
        }
        return files.size();
    }

    @Test
    void theSweepChartRendersCleanly() throws Exception {
        CliProcess r = fx.run("sweep", "two-pcpus.yaml", "--param", "round-robin.slice=1ms..3ms:1ms", "--seeds", "2",
                "--duration", "100ms", "--out", "sweep");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(browser.load(tmp.resolve("sweep/sweep.html"))).isEmpty();
        assertThat(browser.evaluate("document.querySelectorAll('svg.chart[data-kind=sweep]').length").asInt())
                .isGreaterThanOrEqualTo(10);
        assertThat(browser.evaluate("document.querySelectorAll('svg[data-kind=sweep] rect.point').length").asInt())
                .isGreaterThan(10);
        int charts = browser.evaluate("document.querySelectorAll('svg.chart').length").asInt();
        assertThat(standaloneChartsRender(tmp.resolve("sweep/charts"))).as("every chart of the page").isEqualTo(charts);
    }

    @Test
    void theCheckSeesErrorsWhenThereAreSome() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.html"), """
                <!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>bad</title>
                </head><body><svg width="10" height="10"><rect width="-1" height="1"/></svg>
                <img src="missing.png"><script>console.error("boom")</script></body></html>
                """);
        List<String> errors = browser.load(bad);
        assertThat(errors).hasSize(3);
        assertThat(String.join("\n", errors)).contains("A negative value is not valid").contains("boom")
                .contains("ERR_FILE_NOT_FOUND");
    }
}
