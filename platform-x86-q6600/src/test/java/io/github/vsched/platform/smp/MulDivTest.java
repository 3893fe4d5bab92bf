package io.github.vsched.platform.smp;

import org.junit.jupiter.api.Test;

import java.math.RoundingMode;

import static org.assertj.core.api.Assertions.assertThat;

class MulDivTest {

    @Test
    void roundsAsAsked() {
        assertThat(MulDiv.of(7, 1, 2, RoundingMode.FLOOR)).isEqualTo(3);
        assertThat(MulDiv.of(7, 1, 2, RoundingMode.CEILING)).isEqualTo(4);
        assertThat(MulDiv.of(7, 1, 2, RoundingMode.HALF_EVEN)).isEqualTo(4);
        assertThat(MulDiv.of(5, 1, 2, RoundingMode.HALF_EVEN)).isEqualTo(2);
        assertThat(MulDiv.of(5, 1, 2, RoundingMode.HALF_UP)).isEqualTo(3);
    }

    @Test
    void largeProductsAreExact() {
        // (2^62 * 10^9) / 10^9 overflows 64 bits in the middle
        assertThat(MulDiv.of(1L << 62, 1_000_000_000L, 1_000_000_000L, RoundingMode.UNNECESSARY))
                .isEqualTo(1L << 62);
        assertThat(MulDiv.of(Long.MAX_VALUE, 3, 7, RoundingMode.FLOOR)).isEqualTo(3952873730080618203L);
    }

    @Test
    void transferRoundsUp() {
        // 4 MiB at 4 GB/s = 1,048,576 ns exactly; 1 byte at 3 B/s = 333,333,333.3 ns -> up
        assertThat(MulDiv.transferNs(4L << 20, 4_000_000_000L)).isEqualTo(1_048_576);
        assertThat(MulDiv.transferNs(1, 3)).isEqualTo(333_333_334);
        assertThat(MulDiv.transferNs(0, 3)).isZero();
    }
}
