package io.github.vsched.platform.smp;

import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.IoKind;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NicModelTest {
    private final NicModel gbe = new NicModel(1_000_000_000L, 5_000, 100_000);

    @Test
    void anExchangeIsLatencyPlusWireTimePlusPeerRoundTrip() {
        // 1500 bytes at 1 Gbit/s = 12 us on the wire
        assertThat(gbe.wireNs(1500)).isEqualTo(12_000);
        assertThat(gbe.exchangeNs(1500)).isEqualTo(117_000);
        assertThat(gbe.exchangeNs(0)).isEqualTo(105_000);
        // the NIC is busy only for the wire time; the rest is latency that overlaps other packets
        assertThat(gbe.serviceNs(IoKind.NET_EXCHANGE, 1500, new SplittableRandom(1))).isEqualTo(12_000);
        assertThat(gbe.latencyNs(IoKind.NET_EXCHANGE, 1500, new SplittableRandom(1))).isEqualTo(105_000);
    }

    @Test
    void isDeterministicWhateverTheStream() {
        assertThat(gbe.serviceNs(IoKind.NET_EXCHANGE, 64_000, new SplittableRandom(1)))
                .isEqualTo(gbe.serviceNs(IoKind.NET_EXCHANGE, 64_000, new SplittableRandom(2)));
    }

    @Test
    void rejectsDiskRequestsAndBadFigures() {
        assertThatThrownBy(() -> gbe.serviceNs(IoKind.DISK_READ, 1, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NicModel(0, 0, 0)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("nicBandwidth");
        assertThatThrownBy(() -> new NicModel(1, -1, 0)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("nicLatency");
    }
}
