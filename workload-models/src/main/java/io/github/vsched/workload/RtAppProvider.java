package io.github.vsched.workload;

import io.github.vsched.api.Capability;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;

import java.util.List;
import java.util.Set;

/**
 * Provider of {@code rt-app}: the threads of an rt-app JSON task description (rt-app's
 * {@code doc/tutorial.txt}), one VCPU per thread instance, with per-thread timer lateness and
 * missed periods. The file is read by {@link RtAppFile}; the model is {@link RtAppWorkload}.
 */
public final class RtAppProvider extends ModelProvider {
    static final String FILE = "file";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.file(FILE, "the rt-app JSON file (in a scenario file: relative to its folder); each thread"
                    + " instance runs on its own VCPU, in file order"),
            WorkingSet.spec(256, "a small task (model choice, as phases)"));

    /** Creates the provider (found through {@link java.util.ServiceLoader}). */
    public RtAppProvider() {
        super("rt-app", "the threads of an rt-app JSON file, one VCPU each: run, sleep, timer, yield events",
                PARAMETERS, Set.of(Capability.QUALITY_METRICS));
    }

    @Override
    public Workload create(WorkloadContext context, Parameters params) {
        return RtAppWorkload.create(context, params);
    }
}
