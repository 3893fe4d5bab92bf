package io.github.vsched.workload;

import io.github.vsched.api.Guest;

/**
 * The simulated time as of a workload's {@code metrics()} call. The SPI gives
 * {@link io.github.vsched.api.Workload#metrics()} no time argument, so a workload remembers
 * the first {@link Guest} it is handed and reads the engine clock through it (every guest of a
 * simulation shares one clock); before any guest ran, time is 0.
 */
final class RunClock {
    private Guest guest;

    /** Remembers {@code g} if no guest was seen yet. */
    void see(Guest g) {
        if (guest == null) {
            guest = g;
        }
    }

    /** The current simulated time (the run's end time once it has finished). */
    long now() {
        return guest == null ? 0 : guest.now();
    }
}
