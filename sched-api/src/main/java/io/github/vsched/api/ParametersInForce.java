package io.github.vsched.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every scheduler parameter in force on one machine: the scheduler-wide ones, and those of each
 * domain and each of its VCPUs, as resolved when the simulation was created or by the latest
 * adjustment. What a scheduler promises can depend on all three levels (RTDS is work conserving
 * only if every VCPU has extratime, and its starvation bound comes from the VCPUs' periods), so
 * {@link SchedulerProvider#capabilities(ParametersInForce)} and
 * {@link SchedulerProvider#starvationBoundNs(ParametersInForce, int)} receive the whole of it.
 *
 * @param scheduler the scheduler-wide parameters ({@link SchedulerProvider#parameters()})
 * @param domains   the guest domains, in creation order
 */
public record ParametersInForce(Parameters scheduler, List<Domain> domains) {

    /**
     * One domain's parameters.
     *
     * @param name   the domain's name
     * @param domain its per-domain parameters ({@link SchedulerProvider#domainParameters()})
     * @param vcpus  its VCPUs' parameters ({@link SchedulerProvider#vcpuParameters()}), by VCPU number
     */
    public record Domain(String name, Parameters domain, List<Parameters> vcpus) {
        /** Copies the list. */
        public Domain {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(domain, "domain");
            vcpus = List.copyOf(vcpus);
        }
    }

    /** Copies the list. */
    public ParametersInForce {
        Objects.requireNonNull(scheduler, "scheduler");
        domains = List.copyOf(domains);
    }

    /** Only scheduler-wide parameters, no domain yet (what a listing or a machine without guests has). */
    public static ParametersInForce of(Parameters scheduler) {
        return new ParametersInForce(scheduler, List.of());
    }

    /** Every VCPU's parameters, domain after domain. */
    public List<Parameters> vcpus() {
        List<Parameters> l = new ArrayList<>();
        for (Domain d : domains) {
            l.addAll(d.vcpus());
        }
        return l;
    }
}
