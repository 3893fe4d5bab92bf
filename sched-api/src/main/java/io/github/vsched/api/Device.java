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
}
