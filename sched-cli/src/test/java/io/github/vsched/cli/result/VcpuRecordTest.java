package io.github.vsched.cli.result;

import org.HdrHistogram.IntCountsHistogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VcpuRecordTest {
    private static final Distribution NONE = new Distribution(0, 0, 0, 0, 0, 0);

    /** 2.3 ms +-10% is [2.07, 2.53] ms: 8 of the 10 intervals. */
    @Test
    void inPeriodIsTheShareOfIntervalsWithinTenPercentOfThePeriod() {
        IntCountsHistogram h = new IntCountsHistogram(100, 100_000_000_000L, 3);
        h.recordValueWithCount(2_300_000, 6);
        h.recordValue(2_080_000);
        h.recordValue(2_520_000);
        h.recordValue(2_600_000);
        h.recordValue(1_000_000);
        assertThat(VcpuRecord.inPeriod(h, 2_300_000)).isCloseTo(0.8, within(1e-12));
        assertThat(VcpuRecord.inPeriod(new IntCountsHistogram(100, 100_000_000_000L, 3), 2_300_000)).isNaN();
    }

    private static RunRecord run(long seed, List<VcpuRecord.WaitGroup> waits) {
        VcpuRecord v = new VcpuRecord("g", 0, 0.1, 0, 0, 0, 0, 0, 0, NONE, NONE, NONE, 0.9, 10, waits, Stutter.none(1));
        return new RunRecord("s", "credit", "credit", seed, Map.of(), "p", 1, 1, seed, List.of(v), List.of(), List.of());
    }

    /** A wait situation that occurred in one seed only counts as zero in the others. */
    @Test
    void aWaitSituationMissingFromARunCountsAsZeroThere() {
        List<RunRecord> runs = List.of(run(1, List.of(new VcpuRecord.WaitGroup("BOOST behind BOOST", 4, 2000, 900))),
                run(2, List.of()));
        var m = Aggregate.vcpu(Aggregate.groups(runs).get(0), "g/0", 0.95);
        assertThat(m.get("waits[BOOST behind BOOST].count").mean()).isEqualTo(2.0);
        assertThat(m.get("waits[BOOST behind BOOST].count").n()).isEqualTo(2);
        assertThat(m.get("waits.late").mean()).isEqualTo(2.0);
        assertThat(m.get("dispatchIntervalUs.inPeriod").mean()).isCloseTo(0.9, within(1e-12));
    }
}
