package io.github.vsched.core;

import io.github.vsched.api.Parameters;
import io.github.vsched.api.SchedulerProvider;

import java.util.Map;

/**
 * Resolves a scheduler's parameters at its three levels, scheduler-wide, per domain and per
 * VCPU, each under the owner name {@link ParameterOwner} declares, with inheritance
 * ({@link io.github.vsched.api.ParameterSpec#inherited()}: an unset per-domain value takes the
 * scheduler-wide one of the same name, an unset per-VCPU value the domain's). Used wherever a
 * simulation, a driver or a change during a run resolves them, so they all agree.
 */
public final class SchedulerParameterResolver {
    private SchedulerParameterResolver() {
    }

    /** The scheduler-wide parameters. */
    public static Parameters scheduler(SchedulerProvider sp, Map<String, String> raw, long tscHz) {
        return Parameters.resolve(ParameterOwner.scheduler(sp.id()), sp.parameters(), raw, tscHz);
    }

    /** A domain's parameters, inheriting from the scheduler-wide ones. */
    public static Parameters domain(SchedulerProvider sp, Parameters scheduler, String domain, Map<String, String> raw,
                                    long tscHz) {
        return Parameters.resolve(ParameterOwner.domain(domain, sp.id()), sp.domainParameters(), raw, tscHz, scheduler);
    }

    /** A VCPU's parameters, inheriting from its domain's. */
    public static Parameters vcpu(SchedulerProvider sp, Parameters domainParams, String domain, int index,
                                  Map<String, String> raw, long tscHz) {
        return Parameters.resolve(ParameterOwner.vcpu(domain, index, sp.id()), sp.vcpuParameters(), raw, tscHz,
                domainParams);
    }
}
