package io.github.vsched.api;

import java.util.Map;

/** The behaviour of one guest domain: a {@link GuestModel} per VCPU and quality metrics. */
public interface Workload {

    /** The model that drives VCPU {@code index} of the domain (called once per VCPU). */
    GuestModel vcpu(int index);

    /**
     * Quality metrics at the end of a run, by name (e.g. {@code framesLate},
     * {@code underruns}), in a stable order.
     *
     * @param endNs the simulated time the run ended at (for work still in progress, rates)
     */
    default Map<String, Double> metrics(long endNs) {
        return Map.of();
    }
}
