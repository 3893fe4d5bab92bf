package io.github.vsched.api;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A device that takes the same time for every request and draws nothing from its random
 * stream: {@link Device#fixed}.
 *
 * @param name      the device's name
 * @param serviceNs its service time per request
 */
record FixedDevice(String name, long serviceNs) implements Device {
    static final FixedDevice INSTANT_DISK = new FixedDevice("instant-disk", 0);
    static final FixedDevice INSTANT_NIC = new FixedDevice("instant-nic", 0);

    /** Rejects a null name and a negative time. */
    FixedDevice {
        Objects.requireNonNull(name, "name");
        if (serviceNs < 0) {
            throw new InvalidParameterException("serviceNs", serviceNs + "ns", "a duration >= 0ns");
        }
    }

    @Override
    public long serviceNs(IoKind kind, long bytes, RandomGenerator random) {
        return serviceNs;
    }
}
