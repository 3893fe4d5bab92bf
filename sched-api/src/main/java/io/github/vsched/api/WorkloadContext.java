package io.github.vsched.api;

import java.util.random.RandomGenerator;

/** What a workload is created with. */
public interface WorkloadContext {

    /** The domain the workload runs in. */
    DomainView domain();

    /** The machine. */
    Platform platform();

    /**
     * The workload's own random stream, split from the scenario seed by domain name, so two
     * schedulers run on one scenario see the same demands.
     */
    RandomGenerator random();
}
