package io.github.vsched.cli.report;

import io.github.vsched.cli.result.Aggregate;
import io.github.vsched.cli.stats.Estimate;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The charts of {@code sweep.html}. */
class SweepReportTest {
    private static final Aggregate.Group AT_1 = new Aggregate.Group("s", "credit", Map.of("x", "1"), List.of());
    private static final Aggregate.Group AT_2 = new Aggregate.Group("s", "credit", Map.of("x", "2"), List.of());
    /** A mean of 1 with a half-width of 3 (an interval from -2 to 4), and 5 ± 1. */
    private static final Map<Aggregate.Group, Estimate> VALUES = Map.of(
            AT_1, new Estimate(3, 1, 1, 3, 0.95), AT_2, new Estimate(3, 5, 1, 1, 0.95));

    private static String chart(boolean nonNegative) {
        return SweepReport.chart("frames late", "x", List.of("1", "2"), Map.of("credit", List.of(AT_1, AT_2)),
                nonNegative, VALUES::get);
    }

    /** The y of the grid line of tick {@code label}. */
    private static double tickY(String svg, String label) {
        Matcher m = Pattern.compile("<text x=\"[0-9.]+\" y=\"([0-9.]+)\" text-anchor=\"end\" class=\"tick\">"
                + Pattern.quote(label) + "</text>").matcher(svg);
        assertThat(m.find()).as("tick %s in %s", label, svg).isTrue();
        return Double.parseDouble(m.group(1)) - 4;
    }

    /** The y of the low end of the whisker at the first x. */
    private static double whiskerLowY(String svg) {
        Matcher m = Pattern.compile("<path d=\"M54,([0-9.]+) L54,[0-9.]+\" [^>]*class=\"whisker\"/>").matcher(svg);
        assertThat(m.find()).as("whisker in %s", svg).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theWhiskerOfAQuantityThatCannotBeNegativeIsCutAtZeroAndTheChartSaysSo() {
        String svg = chart(true);
        assertThat(whiskerLowY(svg)).isEqualTo(tickY(svg, "0"));
        assertThat(svg).doesNotContainPattern("class=\"tick\">-[0-9]");
        assertThat(svg).contains(SweepReport.CUT_AT_ZERO);
        // the tooltip keeps the whole interval
        assertThat(svg).contains("<title>credit at 1: 1 ± 3</title>");
    }

    @Test
    void theWhiskerOfAQuantityThatMayBeNegativeIsDrawnWhole() {
        String svg = chart(false);
        assertThat(whiskerLowY(svg)).isGreaterThan(tickY(svg, "0"));
        assertThat(svg).doesNotContain(SweepReport.CUT_AT_ZERO);
    }

    @Test
    void aWhiskerAboveZeroIsNotCutAndNoNoteIsAdded() {
        Map<Aggregate.Group, Estimate> positive = Map.of(AT_1, new Estimate(3, 4, 1, 1, 0.95),
                AT_2, new Estimate(3, 5, 1, 1, 0.95));
        String cut = SweepReport.chart("t", "x", List.of("1", "2"), Map.of("credit", List.of(AT_1, AT_2)), true,
                positive::get);
        String whole = SweepReport.chart("t", "x", List.of("1", "2"), Map.of("credit", List.of(AT_1, AT_2)), false,
                positive::get);
        assertThat(cut).isEqualTo(whole).doesNotContain(SweepReport.CUT_AT_ZERO);
    }
}
