package io.github.vsched.core;

import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.SchedulerProvider;

import java.util.List;
import java.util.Map;

/**
 * Resolves a scheduler's parameters at its three levels, scheduler-wide, per domain and per
 * VCPU, each under the owner name {@link ParameterOwner} declares, with inheritance
 * ({@link io.github.vsched.api.ParameterSpec#inherited()}: an unset per-domain value takes the
 * scheduler-wide one of the same name, an unset per-VCPU value the domain's), and the provider's
 * checks of combinations ({@link SchedulerProvider#validate}, {@code validateDomain},
 * {@code validateVcpu}), whose refusals it names under the owner that set the value. Used
 * wherever a simulation, a driver or a change during a run resolves them, so they all agree.
 */
public final class SchedulerParameterResolver {
    private SchedulerParameterResolver() {
    }

    /**
     * The scheduler-wide parameters, checked by {@link SchedulerProvider#validate}.
     *
     * @throws InvalidParameterException naming the parameter as {@code scheduler ID.NAME}
     */
    public static Parameters scheduler(SchedulerProvider sp, Map<String, String> raw, long tscHz) {
        return scheduler(sp, ParameterOwner.scheduler(sp.id()), raw, tscHz);
    }

    /** The same, for the scheduler of a cpupool, whose parameters {@code owner} names. */
    public static Parameters scheduler(SchedulerProvider sp, String owner, Map<String, String> raw, long tscHz) {
        Parameters p = Parameters.resolve(owner, sp.parameters(), raw, tscHz);
        try {
            sp.validate(p);
        } catch (InvalidParameterException e) {
            throw qualified(e, p.owner());
        }
        return p;
    }

    /**
     * A domain's parameters, inheriting from the scheduler-wide ones, checked by
     * {@link SchedulerProvider#validateDomain}.
     *
     * @throws InvalidParameterException naming the parameter as {@code domain NAME ID.NAME}, or
     *                                   as the scheduler's if the domain inherited it
     */
    public static Parameters domain(SchedulerProvider sp, Parameters scheduler, String domain, Map<String, String> raw,
                                    long tscHz) {
        Parameters p = Parameters.resolve(ParameterOwner.domain(domain, sp.id()), sp.domainParameters(), raw, tscHz,
                scheduler);
        try {
            sp.validateDomain(scheduler, p);
        } catch (InvalidParameterException e) {
            throw qualified(e, ownerOf(e.parameter(), p, sp.domainParameters(), scheduler));
        }
        return p;
    }

    /**
     * A VCPU's parameters, inheriting from its domain's, checked by
     * {@link SchedulerProvider#validateVcpu}.
     *
     * @throws InvalidParameterException naming the parameter as {@code vcpu NAME/N ID.NAME}, or
     *                                   as the domain's if the VCPU inherited it
     */
    public static Parameters vcpu(SchedulerProvider sp, Parameters scheduler, Parameters domainParams, String domain,
                                  int index, Map<String, String> raw, long tscHz) {
        Parameters p = Parameters.resolve(ParameterOwner.vcpu(domain, index, sp.id()), sp.vcpuParameters(), raw, tscHz,
                domainParams);
        try {
            sp.validateVcpu(scheduler, domainParams, p);
        } catch (InvalidParameterException e) {
            throw qualified(e, ownerOf(e.parameter(), p, sp.vcpuParameters(), domainParams));
        }
        return p;
    }

    /** Who set {@code name}: this level, or the level above if this one inherited it. */
    private static String ownerOf(String name, Parameters level, List<ParameterSpec> schema, Parameters above) {
        if (name == null || name.indexOf('.') >= 0 || level.isGiven(name)) {
            return level.owner();
        }
        for (ParameterSpec s : schema) {
            if (s.name().equals(name) && s.inherited() && above != null) {
                return above.owner();
            }
        }
        return level.owner();
    }

    /** The refusal with its parameter named under {@code owner}, unless the plugin qualified it already. */
    private static InvalidParameterException qualified(InvalidParameterException e, String owner) {
        String name = e.parameter();
        if (name == null || name.indexOf('.') >= 0) {
            return e;
        }
        InvalidParameterException q;
        if (e.allowed() != null) {
            q = new InvalidParameterException(owner + "." + name, e.value(), e.allowed());
        } else {
            String prefix = "parameter '" + name + "': ";
            String m = e.getMessage();
            q = new InvalidParameterException(owner + "." + name, m.startsWith(prefix) ? m.substring(prefix.length()) : m);
        }
        q.initCause(e);
        return q;
    }
}
