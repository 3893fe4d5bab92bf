package io.github.vsched.core;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.SchedulerProvider;

import java.util.Objects;

/**
 * A cpupool of a scenario besides Pool-0 ({@code xl cpupool-create}): PCPUs taken from Pool-0
 * and run by a scheduler instance of their own, with its own scheduler-wide parameters.
 * Domains join it by naming it ({@link DomainSpec#pool()}). Pool-0 is never declared: it
 * holds every PCPU no pool takes, dom0, and runs the scenario's scheduler.
 *
 * @param name      the pool's name ({@code xl cpupool-create name=...}); not {@code Pool-0}
 * @param cpus      its PCPUs, at least one
 * @param scheduler its scheduler plugin and the plugin's scheduler-wide parameters
 */
public record PoolSpec(String name, CpuMask cpus, ComponentSpec<SchedulerProvider> scheduler) {

    /** The name of the pool that exists in every machine. */
    public static final String POOL0 = "Pool-0";

    /** Validates. */
    public PoolSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cpus, "cpus of cpupool " + name);
        Objects.requireNonNull(scheduler, "scheduler of cpupool " + name);
        if (name.isBlank()) {
            throw new IllegalArgumentException("a cpupool needs a name");
        }
        if (name.equals(POOL0)) {
            throw new IllegalArgumentException("cpupool " + POOL0 + " exists in every machine and takes the PCPUs"
                    + " no other pool takes; declare only the other pools");
        }
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("cpupool " + name + " has no PCPU (give it at least one)");
        }
    }
}
