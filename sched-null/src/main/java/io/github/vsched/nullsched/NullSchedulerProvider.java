package io.github.vsched.nullsched;

import io.github.vsched.api.Capability;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.SchedulerProvider;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code null} scheduler plugin: Xen's null scheduler ({@code sched=null}, registered as
 * {@code sched_null_def}), with the semantics of Xen 4.14. It has no parameters, as in Xen.
 */
public final class NullSchedulerProvider implements SchedulerProvider {
    /** The provider id. */
    public static final String ID = "null";

    /** Creates the provider (found through {@link java.util.ServiceLoader}). */
    public NullSchedulerProvider() {
    }

    /** {@value #ID}. */
    @Override
    public String id() {
        return ID;
    }

    /** One line for listings. */
    @Override
    public String description() {
        return "Xen null scheduler (4.14): each VCPU statically assigned to a PCPU of its own, the rest wait";
    }

    /** None: Xen's null scheduler has no tunables. */
    @Override
    public List<ParameterSpec> parameters() {
        return List.of();
    }

    /**
     * Hard affinity only. Not work conserving (an assigned VCPU that blocks leaves its PCPU idle
     * while VCPUs in the waiting list stay there) and no load balancing (assignment is static).
     */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.AFFINITY, Capability.CPUPOOLS);
    }

    /** A {@link NullScheduler}. */
    @Override
    public Scheduler create(SchedulerContext context, Parameters params) {
        return new NullScheduler(context);
    }

    /**
     * No promise, whatever the load: a VCPU that finds no free PCPU when it is created waits
     * until an assigned VCPU leaves its PCPU (by migration or removal), which may be never, even
     * if only one runnable VCPU competes for each PCPU (the assigned one may be blocked).
     */
    @Override
    public long starvationBoundNs(Parameters params, int runnablePerPcpu) {
        return Long.MAX_VALUE;
    }
}
