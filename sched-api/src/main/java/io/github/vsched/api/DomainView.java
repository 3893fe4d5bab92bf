package io.github.vsched.api;

import java.util.List;

/** A read-only view of a domain (Xen's {@code struct domain}). */
public interface DomainView {

    /** Dense id: 0 is the first guest domain (dom0 when present); the idle domain is -1. */
    int id();

    /** The name given in the scenario (e.g. {@code dom0}, {@code winxp}). */
    String name();

    /** PV, HVM, or IDLE for the idle domain. */
    DomainType type();

    /** Whether this is the idle domain. */
    default boolean isIdle() {
        return type() == DomainType.IDLE;
    }

    /** The domain's VCPUs, in VCPU-number order. */
    List<? extends VcpuView> vcpus();

    /**
     * The scheduler's per-domain parameters ({@link SchedulerProvider#domainParameters()}),
     * as resolved at creation or by the latest adjustment.
     */
    Parameters schedulerParameters();

    /** What the scheduler attached with {@link SchedulerContext#setPrivate(DomainView, Object)}. */
    Object schedulerPrivate();

    /**
     * What the scheduler attached, as its own type: {@code v.schedulerPrivate(MyVcpu.class)}
     * instead of a cast at every use. Xen's {@code domain->sched_priv}, typed.
     *
     * @throws IllegalStateException naming the domain, what is attached and the type asked for, if
     *                               nothing or something of another type is attached
     */
    default <T> T schedulerPrivate(Class<T> type) {
        Object state = schedulerPrivate();
        if (!type.isInstance(state)) {
            throw PrivateState.mismatch("domain " + name(), state, type);
        }
        return type.cast(state);
    }
}
