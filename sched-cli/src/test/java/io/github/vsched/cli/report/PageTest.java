package io.github.vsched.cli.report;

import io.github.vsched.cli.exec.Job;
import io.github.vsched.core.Simulations;
import io.github.vsched.scenario.ResolvedScenario;
import io.github.vsched.scenario.Scenarios;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PageTest {

    @Test
    void chartNamesAreFileSystemSafeStableAndUnique() {
        String svg = new Svg(10, 10, "chart", "test", "a chart").end();
        Page.Charts charts = new Page.Charts();
        assertThat(charts.add(svg, "timeline", "round-robin[slice=1ms]")).as("the chart for the page").isEqualTo(svg);
        charts.add(svg, "timeline", "round-robin[slice=1ms]");
        charts.add(svg, "timeline", "Round-Robin(slice=1ms)");
        charts.add(svg, "dispatchIntervalUs.p99", "dom1/0");
        charts.add(svg, "..", "wake latency", "..");
        charts.add(svg, "");
        assertThat(charts.page("<html>").charts().keySet()).containsExactly("timeline-round-robin-slice-1ms.svg",
                "timeline-round-robin-slice-1ms-2.svg", "timeline-Round-Robin-slice-1ms-3.svg",
                "dispatchIntervalUs.p99-dom1-0.svg", "wake-latency.svg", "chart.svg");
    }

    /** A trace file and a chart named after the same run get the same name. */
    @Test
    void traceFilesAndChartsSanitiseNamesAlike() {
        ResolvedScenario resolved = Scenarios.resolve("builtin:paper-compile", "round-robin[slice=1ms]",
                Simulations.factory());
        Job job = new Job(resolved, resolved.scenario(), Map.of("domain.dom 1/x", "[a b]"), false, false, null);
        String svg = new Svg(10, 10, "chart", "test", "a chart").end();
        Page.Charts charts = new Page.Charts();
        charts.add(svg, "round-robin[slice=1ms]", "domain.dom 1/x=[a b]", "seed1");
        assertThat(job.fileStem()).isEqualTo("round-robin-slice-1ms-domain.dom-1-x-a-b-seed1");
        assertThat(charts.page("<html>").charts().keySet()).containsExactly(job.fileStem() + ".svg");
    }

    @Test
    void aStandaloneChartCarriesTheChartStyleAndAWhiteBackground() {
        String svg = new Svg(10, 20, "chart", "test", "a chart").rect(1, 2, 3, 4, "#123", "bar", null).end();
        String standalone = Svg.standalone(svg);
        assertThat(standalone).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .contains("width=\"10\" height=\"20\" viewBox=\"0 0 10 20\"")
                .contains("<style><![CDATA[\n" + Svg.CSS + "]]></style>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>")
                .endsWith(svg.substring(svg.indexOf('>') + 1));
    }
}
