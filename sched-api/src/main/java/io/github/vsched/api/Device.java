package io.github.vsched.api;

import java.util.random.RandomGenerator;

/**
 * A physical device of the platform (disk, NIC). The engine queues requests to it in FIFO
 * order and serves one at a time; this model says how long each takes. Devices are told apart
 * by {@link #name()}: kinds whose devices share a name share one queue.
 */
public interface Device {

    /** A short name ({@code sata-disk}, {@code gbe-nic}). */
    String name();

    /**
     * Time the device is busy with one request.
     *
     * @param kind   the request's kind
     * @param bytes  its size
     * @param random the device's own random stream (seeks, cache hits, jitter)
     */
    long serviceNs(IoKind kind, long bytes, RandomGenerator random);

    /**
     * Time from the end of a request's service until its completion interrupt, during which
     * the device already serves the next request (for a NIC: link latency and the peer's round
     * trip, while the wire carries other packets). Called once per request, after
     * {@link #serviceNs}. Default: none.
     */
    default long latencyNs(IoKind kind, long bytes, RandomGenerator random) {
        return 0;
    }

    /**
     * A device named {@code name} that is busy {@code serviceNs} with every request, whatever
     * its kind and size, and draws nothing from its random stream. Two such devices with the
     * same name and time are equal.
     *
     * @throws InvalidParameterException if {@code serviceNs < 0}
     */
    static Device fixed(String name, long serviceNs) {
        return new FixedDevice(name, serviceNs);
    }
}
