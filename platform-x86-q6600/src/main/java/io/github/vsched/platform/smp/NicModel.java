package io.github.vsched.platform.smp;

import io.github.vsched.api.Device;
import io.github.vsched.api.Durations;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * An Ethernet NIC and a peer on the same LAN. A {@link IoKind#NET_EXCHANGE} of {@code bytes}
 * occupies the device for the NIC's own latency, the request's time on the wire at the link
 * rate, and the peer round trip (wire both ways, the peer's turnaround and its reply):
 * {@code latency + bytes x 8 / bandwidth + peerRoundTrip}. The model is deterministic; it
 * draws nothing from its random stream. The engine serves one request at a time per device,
 * so exchanges do not overlap (see the README's "not modelled").
 *
 * @param bitsPerSecond   link rate, bits per second
 * @param latencyNs       the local NIC's per-request latency (descriptor fetch, DMA, start of
 *                        transmission), ns
 * @param peerRoundTripNs from the request's last bit leaving until the reply has arrived, ns
 */
public record NicModel(long bitsPerSecond, long latencyNs, long peerRoundTripNs) implements Device {

    /** The device's name, which also names its random stream. */
    public static final String NAME = "gbe-nic";

    /** Parameter name of {@link #bitsPerSecond} (in Mbit/s). */
    public static final String BANDWIDTH = "nicBandwidth";
    /** Parameter name of {@link #latencyNs}. */
    public static final String LATENCY = "nicLatency";
    /** Parameter name of {@link #peerRoundTripNs}. */
    public static final String PEER_ROUND_TRIP = "netPeerRoundTrip";

    private static final List<ParameterSpec> SPECS = List.of(
            ParameterSpec.decimal(BANDWIDTH, "Mbit/s", 1000.0, 1.0, 400_000.0,
                    "link rate: Gigabit Ethernet (1000BASE-T), the ICH9's integrated MAC on P35 boards"),
            ParameterSpec.duration(LATENCY, 5 * Durations.US, 0, 100 * Durations.MS,
                    "local NIC latency per request (descriptor fetch, DMA, start of transmission); estimate"),
            ParameterSpec.duration(PEER_ROUND_TRIP, 100 * Durations.US, 0, 10 * Durations.S,
                    "wire out and back through one switch plus the peer's turnaround; estimate: a LAN ping"
                            + " between Linux hosts of the period takes about 0.1 ms"));

    /**
     * Validates the figures: a positive link rate, no negative latency.
     *
     * @throws InvalidParameterException naming the parameter, the value and what is allowed
     */
    public NicModel {
        if (bitsPerSecond <= 0) {
            throw new InvalidParameterException(BANDWIDTH, bitsPerSecond + " bit/s", "a rate > 0 Mbit/s");
        }
        if (latencyNs < 0) {
            throw new InvalidParameterException(LATENCY, latencyNs + "ns", "a duration >= 0ns");
        }
        if (peerRoundTripNs < 0) {
            throw new InvalidParameterException(PEER_ROUND_TRIP, peerRoundTripNs + "ns", "a duration >= 0ns");
        }
    }

    /** The parameters of the NIC, with units, defaults, ranges and sources. */
    public static List<ParameterSpec> specs() {
        return SPECS;
    }

    /** Builds the NIC from resolved parameters that include {@link #specs()}. */
    public static NicModel from(Parameters p) {
        return new NicModel(Math.round(p.decimal(BANDWIDTH) * 1_000_000.0), p.duration(LATENCY),
                p.duration(PEER_ROUND_TRIP));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Time {@code bytes} spend on the wire at the link rate, ns (rounded up). */
    public long wireNs(long bytes) {
        return MulDiv.of(bytes, 8 * Durations.S, bitsPerSecond, java.math.RoundingMode.CEILING);
    }

    /** The NIC is busy while the request is on the wire. */
    @Override
    public long serviceNs(IoKind kind, long bytes, RandomGenerator random) {
        check(kind, bytes);
        return wireNs(bytes);
    }

    /** Then the link latency and the peer's round trip pass before the response arrives. */
    @Override
    public long latencyNs(IoKind kind, long bytes, RandomGenerator random) {
        check(kind, bytes);
        return latencyNs + peerRoundTripNs;
    }

    /** Wire time plus latency plus the peer's round trip: one exchange on an idle link. */
    public long exchangeNs(long bytes) {
        return latencyNs + wireNs(bytes) + peerRoundTripNs;
    }

    private static void check(IoKind kind, long bytes) {
        if (kind != IoKind.NET_EXCHANGE) {
            throw new IllegalArgumentException("the NIC does not serve " + kind);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("negative request size " + bytes);
        }
    }
}
