package io.github.vsched.workload;

import io.github.vsched.api.Capability;
import io.github.vsched.api.Durations;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;

import java.util.List;
import java.util.Set;

/**
 * Provider of {@code dom0-backend}: what the driver domain's VCPUs run. Each VCPU serves the
 * backend work the engine hands it (PV blkback/netback for PV guests, the device model for HVM
 * guests, the device interrupts; the platform says what each costs), before anything else, and
 * optionally runs background CPU work ({@code backgroundLoad} of each VCPU, released every
 * {@code backgroundPeriod}): dom0's own daemons, a management stack, a desktop. See
 * {@link Dom0BackendWorkload}.
 */
public final class Dom0BackendProvider extends ModelProvider {
    static final String BACKGROUND_LOAD = "backgroundLoad";
    static final String BACKGROUND_PERIOD = "backgroundPeriod";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.decimal(BACKGROUND_LOAD, "", 0, 0, 0.95,
                    "fraction of each VCPU used by background work besides the backends; default 0 (the"
                            + " paper's dom0 only serves I/O)"),
            ParameterSpec.duration(BACKGROUND_PERIOD, 10 * Durations.MS, 100 * Durations.US, Durations.S,
                    "background work arrives as one batch of backgroundLoad x backgroundPeriod every period;"
                            + " default 10 ms (model choice)"),
            WorkingSet.spec(512, "backend rings, grant mappings and driver state (model choice)"));
    /** Creates the provider (found through {@link java.util.ServiceLoader}). */
    public Dom0BackendProvider() {
        super("dom0-backend",
                "the driver domain: backend and device-model work for the guests' I/O, plus optional background"
                + " CPU work",
                PARAMETERS, Set.of(Capability.QUALITY_METRICS, Capability.DRIVER));
    }

    @Override
    public Workload create(WorkloadContext context, Parameters params) {
        return new Dom0BackendWorkload(context, params);
    }
}
