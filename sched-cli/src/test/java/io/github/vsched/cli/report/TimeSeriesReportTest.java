package io.github.vsched.cli.report;

import io.github.vsched.api.QualityEvent;
import io.github.vsched.cli.TestScenarios;
import io.github.vsched.cli.exec.Job;
import io.github.vsched.cli.exec.ProgressBar;
import io.github.vsched.cli.exec.RunOutput;
import io.github.vsched.cli.exec.Runner;
import io.github.vsched.cli.exec.SeriesWindow;
import io.github.vsched.cli.output.SeriesCsv;
import io.github.vsched.cli.result.TimeSeries;
import io.github.vsched.core.metrics.DispatchSeries.Dispatch;
import io.github.vsched.core.metrics.DispatchSeries.Event;
import io.github.vsched.core.metrics.DispatchSeries;
import io.github.vsched.scenario.ResolvedScenario;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The time series on the test scenario {@code known-schedule}, whose schedule is known by
 * construction: the player is dispatched at 0, 2, 4 ... 50 ms and runs 100.5 us each time, except
 * at 50 ms, where it runs 5 ms; its next dispatch is at 56 ms (an interval of 6 ms), then every
 * 2 ms again. At 55 ms it reports a frame 3 ms late and the next one dropped (1 ms past its
 * deadline). The panel, the strip and the CSV files must show exactly that.
 */
class TimeSeriesReportTest {
    private static final long PERIOD = 2 * MS;
    private static final long RUN = 100_500;

    /** The run of the known schedule and its series of the whole run. */
    record Known(RunOutput output, TimeSeries series) {
    }

    static Known knownSchedule() {
        ResolvedScenario r = TestScenarios.resolved("known-schedule");
        long duration = r.scenario().durationNs();
        RunOutput o = new Runner(TestScenarios.FACTORY, 1, null).runOne(new Job(r, r.scenario(), Map.of(), false, false,
                null, SeriesWindow.whole(duration)), ProgressBar.create(false, System.err, "", 1, 1));
        return new Known(o, series(o, "round-robin", "the whole run", duration, r.periodNs()));
    }

    /** A one-panel series of a run that kept one, as the commands build it. */
    static TimeSeries series(RunOutput o, String label, String chosen, long to, long periodNs) {
        Map<String, TimeSeries.Track> tracks = new LinkedHashMap<>();
        for (String v : o.series().vcpus()) {
            tracks.put(v, TimeSeries.Track.of(o.series(), v));
        }
        return new TimeSeries(o.series().from(), to, periodNs, chosen, List.of(new TimeSeries.Panel(label,
                o.record().scenario(), o.record().scheduler(), o.record().seed(), o.record().durationNs(), tracks)));
    }

    private static TimeSeries.Track player(TimeSeries ts) {
        return ts.panels().get(0).vcpus().get("player/0");
    }

    @Test
    void theSeriesKeepsTheKnownSchedule() {
        TimeSeries ts = knownSchedule().series();
        List<Dispatch> d = player(ts).dispatches();
        List<Dispatch> expected = new ArrayList<>();
        for (long t = 0; t <= 100 * MS; t += PERIOD) {
            if (t == 52 * MS || t == 54 * MS) {
                continue;
            }
            long interval = t == 0 ? -1 : t == 56 * MS ? 6 * MS : PERIOD;
            // the dispatch at 50 ms runs 5 ms; the one at 100 ms, the run's end, is still running
            long run = t == 50 * MS ? 5 * MS + 500 : t == 100 * MS ? DispatchSeries.STILL_RUNNING : RUN;
            expected.add(new Dispatch(t, 1, true, interval, run));
        }
        assertThat(d).containsExactlyElementsOf(expected);
        assertThat(player(ts).events()).filteredOn(e -> e.event() != QualityEvent.FRAME_ON_TIME).containsExactly(
                new Event(55 * MS, QualityEvent.FRAME_LATE, 3 * MS), new Event(55 * MS, QualityEvent.FRAME_DROPPED, MS));
        assertThat(player(ts).truncated()).isFalse();
        // the hog was dispatched once and never left its PCPU
        assertThat(ts.panels().get(0).vcpus().get("hog/0").dispatches()).hasSize(1);
        assertThat(ts.vcpus()).containsExactly("player/0", "hog/0");
    }

    @Test
    void thePanelDrawsTheBandTheOffPeriodIntervalAndTheFrames() throws Exception {
        TimeSeries one = knownSchedule().series();
        TimeSeries.Panel p = one.panels().get(0);
        TimeSeries two = new TimeSeries(one.fromNs(), one.toNs(), one.periodNs(), one.chosen(), List.of(p,
                new TimeSeries.Panel("round-robin again", p.scenario(), p.scheduler(), p.seed(), p.durationNs(),
                        p.vcpus())));
        String svg = SeriesChart.draw(two, "player/0");
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        assertThat(root.getAttribute("data-kind")).isEqualTo("series");
        assertThat(svg).doesNotContain("NaN").doesNotContain("Infinity").doesNotContain("width=\"-")
                .doesNotContain("height=\"-");
        Document doc = root.getOwnerDocument();
        List<Element> panels = byClass(doc, "g", "panel");
        assertThat(panels).hasSize(2).extracting(e -> e.getAttribute("data-label"))
                .containsExactly("round-robin", "round-robin again");
        // side by side: the second panel's title starts one panel width to the right
        assertThat(Double.parseDouble(root.getAttribute("width"))).isEqualTo(2 * SeriesChart.PANEL_W);
        for (Element panel : panels) {
            assertThat(byClass(panel, "rect", "band")).hasSize(1).allSatisfy(b -> {
                assertThat(b.getTextContent()).isEqualTo("period 2 ms ± 10%");
                assertThat(Double.parseDouble(b.getAttribute("height"))).isGreaterThan(3);
            });
            assertThat(byClass(panel, "line", "period")).hasSize(1);
            // the one interval outside the band, with its tooltip
            assertThat(byClass(panel, "circle", "off-period")).extracting(Element::getTextContent)
                    .containsExactly("interval 6 ms ending at 0.056000 s (PCPU 1, ran 101 us)");
            assertThat(byClass(panel, "polygon", "late-mark")).extracting(Element::getTextContent)
                    .containsExactly("frame late by 3 ms, shown at 0.055000 s");
            assertThat(byClass(panel, "text", "dropped-mark")).extracting(Element::getTextContent)
                    .containsExactly("✕frame dropped at 0.055000 s, 1 ms after its deadline");
            // 47 intervals in the band (49 dispatches, the first and the 6 ms one aside), on a time axis of 0.1 s
            String inBand = byClass(panel, "path", "in-band").get(0).getAttribute("d");
            assertThat(inBand.split("M", -1).length - 1).isEqualTo(47);
            assertThat(byClass(panel, "path", "run-length").get(0).getAttribute("d")).contains("h0");
            assertThat(text(panel)).contains("round-robin", "seed 3", "49 dispatches; 1 late, 1 dropped", "0.1",
                    "simulated time (s)", "interval (ms)", "run (ms)");
        }
        assertThat(svg).contains("▼ late frame").contains("period 2 ms ± 10%").doesNotContain("underrun");
    }

    @Test
    void theStripShowsTheLongIntervalWhereTheFrameWasDropped() {
        String strip = SeriesStrip.render(knownSchedule().series(), "player/0");
        List<String> lines = strip.lines().toList();
        assertThat(lines.get(0)).isEqualTo("the longest dispatch interval in each 1 ms from 0 s to 0.1 s (the whole run),"
                + " first seed of each:");
        assertThat(lines.get(1)).startsWith("▁ within 10% of the period, 2 ms, or shorter; ▃ up to 2x; ▅ 4x");
        String intervals = lines.get(3).substring("round-robin  ".length());
        String frames = lines.get(4).substring("round-robin  ".length());
        // each character is 1 ms: the 6 ms interval (3 times the period) spans 50 to 56 ms
        assertThat(intervals).hasSize(SeriesStrip.COLUMNS);
        assertThat(intervals.substring(0, 50)).matches("▁+");
        assertThat(intervals.substring(50, 57)).isEqualTo("▅".repeat(7));
        assertThat(intervals.substring(57)).matches("▁+");
        assertThat(frames).isEqualTo(" ".repeat(55) + "x");
        assertThat(SeriesStrip.level(2_200_000, PERIOD)).isEqualTo(1);
        assertThat(SeriesStrip.level(2_300_000, PERIOD)).isEqualTo(2);
        assertThat(SeriesStrip.level(20 * MS, PERIOD)).isEqualTo(5);
    }

    @Test
    void theCsvFilesHoldEveryDispatchAndEvent() throws Exception {
        TimeSeries ts = knownSchedule().series();
        StringWriter w = new StringWriter();
        SeriesCsv.intervals(ts, w);
        List<String> rows = w.toString().lines().toList();
        assertThat(rows.get(0)).isEqualTo("scenario,scheduler,seed,vcpu,time_ns,pcpu,interval_ns,run_ns");
        assertThat(rows).hasSize(1 + 49 + 1)
                .contains("known-schedule,round-robin,3,player/0,0,1,,100500",
                        "known-schedule,round-robin,3,player/0,2000000,1,2000000,100500",
                        "known-schedule,round-robin,3,player/0,50000000,1,2000000,5000500",
                        "known-schedule,round-robin,3,player/0,56000000,1,6000000,100500",
                        "known-schedule,round-robin,3,player/0,100000000,1,2000000,")
                .anyMatch(l -> l.matches("known-schedule,round-robin,3,hog/0,\\d+,0,,"));
        StringWriter e = new StringWriter();
        SeriesCsv.events(ts, e);
        List<String> events = e.toString().lines().toList();
        assertThat(events.get(0)).isEqualTo("scenario,scheduler,seed,vcpu,time_ns,event,value_ns");
        assertThat(events).contains("known-schedule,round-robin,3,player/0,55000000,frame_late,3000000",
                "known-schedule,round-robin,3,player/0,55000000,frame_dropped,1000000",
                "known-schedule,round-robin,3,player/0,2100000,frame_on_time,1900000");
        // every burst that ended is a frame: 47 on time, 1 late, then 1 dropped
        assertThat(events).hasSize(1 + 49);
    }

    @Test
    void aWindowKeepsOnlyItsDispatches() {
        ResolvedScenario r = TestScenarios.resolved("known-schedule");
        RunOutput o = new Runner(TestScenarios.FACTORY, 1, null).runOne(new Job(r, r.scenario(), Map.of(), false, false,
                null, new SeriesWindow(40 * MS, 60 * MS)), ProgressBar.create(false, System.err, "", 1, 1));
        assertThat(o.series().dispatches("player/0")).extracting(Dispatch::time)
                .containsExactly(40 * MS, 42 * MS, 44 * MS, 46 * MS, 48 * MS, 50 * MS, 56 * MS, 58 * MS, 60 * MS);
        assertThat(o.series().from()).isEqualTo(40 * MS);
        assertThat(o.record().vcpu("player/0").stutter().firstStutterNs()).isEqualTo(55 * MS);
        assertThat(o.record().vcpu("player/0").stutter().longestLateRun()).isEqualTo(2);
        assertThat(o.record().vcpu("hog/0").stutter().reported()).isFalse();
    }

    private static List<Element> byClass(Document d, String tag, String cssClass) {
        return byClass(d.getDocumentElement(), tag, cssClass);
    }

    private static List<Element> byClass(Element root, String tag, String cssClass) {
        List<Element> out = new ArrayList<>();
        NodeList all = root.getElementsByTagName(tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cssClass)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element e) {
        return e.getTextContent();
    }
}
