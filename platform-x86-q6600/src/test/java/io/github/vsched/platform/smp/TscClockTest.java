package io.github.vsched.platform.smp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Nanoseconds and TSC cycles, with the paper's figures at the Q6600's 2.4 GHz (paper.md, "Units"). */
class TscClockTest {
    private final TscClock q6600 = TscClock.of(2_400_000_000L);

    @Test
    void papersPeriodOf2300000CyclesIs958333Ns() {
        assertThat(q6600.toNs(2_300_000)).isEqualTo(958_333);
    }

    @Test
    void papersRunOf60000CyclesIs25000Ns() {
        assertThat(q6600.toNs(60_000)).isEqualTo(25_000);
        assertThat(q6600.toCycles(25_000)).isEqualTo(60_000);
    }

    @Test
    void nanosecondsRoundToTheNearestCycle() {
        // 958,333 ns x 2.4 = 2,299,999.2 cycles
        assertThat(q6600.toCycles(958_333)).isEqualTo(2_299_999);
        // 1 cycle = 0.4166 ns, rounds to 0; 2 cycles = 0.833 ns, rounds to 1
        assertThat(q6600.toNs(1)).isZero();
        assertThat(q6600.toNs(2)).isEqualTo(1);
        assertThat(q6600.toCycles(1)).isEqualTo(2);
    }

    @Test
    void conversionsStayExactBeyondSixtyFourBitProducts() {
        long tenYearsNs = 10L * 365 * 24 * 3600 * 1_000_000_000L;
        long cycles = q6600.toCycles(tenYearsNs);
        assertThat(cycles).isEqualTo(tenYearsNs / 10 * 24);
        assertThat(q6600.toNs(cycles)).isEqualTo(tenYearsNs);
    }

    @Test
    void formatsBothUnits() {
        assertThat(q6600.format(25_000)).isEqualTo("25us (60000 tsc)");
        assertThat(q6600.formatCycles(2_300_000)).isEqualTo("2300000 tsc (958.333us)");
        assertThat(TscClock.formatNs(2_300_000)).isEqualTo("2.3ms");
        assertThat(TscClock.formatNs(1_500_000_000L)).isEqualTo("1.5s");
        assertThat(TscClock.formatNs(999)).isEqualTo("999ns");
        assertThat(TscClock.formatNs(0)).isEqualTo("0ns");
    }

    @Test
    void rejectsNonPositiveRatesAndNegativeDurations() {
        assertThatThrownBy(() -> TscClock.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q6600.toCycles(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
