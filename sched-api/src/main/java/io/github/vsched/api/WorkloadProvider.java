package io.github.vsched.api;

/** A {@link java.util.ServiceLoader} service that creates the behaviour of a guest domain. */
public interface WorkloadProvider extends Provider {

    /**
     * Creates the workload of one domain.
     *
     * @param context the domain, the platform and the workload's random stream
     * @param params  values of {@link #parameters()}, validated against their ranges
     * @throws InvalidParameterException for combinations the ranges cannot express
     */
    Workload create(WorkloadContext context, Parameters params);
}
