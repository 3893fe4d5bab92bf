package io.github.vsched.credit;

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
 * The {@code credit} scheduler plugin: Xen's credit scheduler (credit1) with Xen 4.0 semantics,
 * and switches, individually or through a {@code xenVersion} preset, for the behaviour changes
 * of later releases. Xen registers it as {@code sched_credit_def} ({@code sched=credit}).
 */
public final class CreditSchedulerProvider implements SchedulerProvider {
    /** The provider id. */
    public static final String ID = "credit";

    private static final List<ParameterSpec> PARAMETERS = CreditConfig.specs();
    private static final List<ParameterSpec> DOMAIN_PARAMETERS = List.of(
            ParameterSpec.integer("weight", "", 256, 1, 65535,
                    "relative share of CPU against other active domains (CSCHED_DEFAULT_WEIGHT 256; per domain"
                            + " in Xen 4.0, per active VCPU with weightPerVcpu)"),
            ParameterSpec.integer("cap", "%", 0, 0, 65534,
                    "most CPU the domain may use, in percent of one PCPU (50 = half a PCPU, 200 = two); 0 = no"
                            + " cap; at most 100 x the number of PCPUs, checked when the domain is created"));

    /** Creates the provider (found through {@link java.util.ServiceLoader}). */
    public CreditSchedulerProvider() {
    }

    /** {@value #ID}. */
    @Override
    public String id() {
        return ID;
    }

    /** One line for listings. */
    @Override
    public String description() {
        return "Xen credit scheduler (credit1), Xen 4.0 semantics with switches for later releases";
    }

    /** The scheduler parameters: the preset, tslice, rate limits, switches, tick phase. */
    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    /** {@code weight} and {@code cap}, as {@code xl sched-credit} sets them. */
    @Override
    public List<ParameterSpec> domainParameters() {
        return DOMAIN_PARAMETERS;
    }

    /**
     * Weights, caps, affinity, SMP load balancing, run-time adjustment and cpupools (it schedules
     * only its pool's PCPUs, as Xen's credit does with its {@code prv->cpus}); not work conserving
     * (caps idle PCPUs on purpose, and idle PCPUs look for work only when tickled).
     */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.WEIGHTS, Capability.CAPS, Capability.AFFINITY, Capability.SMP,
                Capability.RUNTIME_ADJUST, Capability.CPUPOOLS);
    }

    /** A {@link CreditScheduler} with the settings {@link CreditConfig#from} resolves. */
    @Override
    public Scheduler create(SchedulerContext context, Parameters params) {
        return new CreditScheduler(context, CreditConfig.from(params));
    }

    /**
     * A bound for CPU hogs of equal weight, each in its own domain, {@code k} per PCPU. A VCPU
     * waits behind at most {@code k-1} peers of its class, one slice each. If it is OVER while
     * peers are UNDER, it waits until accounting lifts it: its credit is clipped at
     * {@code -credits_per_tslice} and each pass adds a fair share of about that over {@code k},
     * so at most about {@code k} passes. Rounding, tick phases, the pass that finds the VCPU
     * below the clip and stealing across PCPUs are covered by doubling that, plus a margin:
     * {@code (4k + 8)} tslices.
     */
    @Override
    public long starvationBoundNs(Parameters params, int runnablePerPcpu) {
        CreditConfig c = CreditConfig.from(params);
        int k = Math.max(1, runnablePerPcpu);
        return (4L * k + 8) * c.tsliceNs();
    }
}
