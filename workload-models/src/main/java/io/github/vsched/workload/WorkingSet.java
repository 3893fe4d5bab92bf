package io.github.vsched.workload;

import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;

/**
 * The {@code workingSetKiB} parameter every model has: the guest's cache working set, which
 * the platform turns into a cache-refill cost when a VCPU moves to a core that shares no cache
 * with the previous one ({@link io.github.vsched.api.Platform#migrationPenaltyNs}).
 */
final class WorkingSet {
    private WorkingSet() {
    }

    /** The parameter's name. */
    static final String NAME = "workingSetKiB";

    /** The spec, with a default and the reason for it. */
    static ParameterSpec spec(long defaultKiB, String why) {
        return ParameterSpec.integer(NAME, "KiB", defaultKiB, 0, 16L * 1024 * 1024,
                "cache working set of each VCPU, for the platform's cache-refill cost after a move across"
                        + " caches; default: " + why);
    }

    /** The value in bytes. */
    static long bytes(Parameters p) {
        return p.integer(NAME) * 1024;
    }
}
