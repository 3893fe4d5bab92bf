package io.github.vsched.credit2;

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
 * The {@code credit2} scheduler plugin: Xen's credit2 scheduler ({@code sched=credit2}, the
 * default since Xen 4.12) as of Xen 4.19. Scheduler-wide parameters are Xen's boot options;
 * per-domain ones are {@code xl sched-credit2 -d D -w W -c C}; the per-VCPU one is the soft
 * affinity ({@code xl vcpu-pin D V - SOFT}), which the SPI does not carry.
 */
public final class Credit2SchedulerProvider implements SchedulerProvider {
    /** The provider id. */
    public static final String ID = "credit2";

    private static final List<ParameterSpec> PARAMETERS = Credit2Config.specs();
    private static final List<ParameterSpec> DOMAIN_PARAMETERS = List.of(
            ParameterSpec.integer("weight", "", Credit2Config.DEFAULT_WEIGHT, 1, 65535,
                    "relative share of CPU: a VCPU burns credit at max_weight/weight of its runqueue, so twice"
                            + " the weight gets twice the time when both are busy (CSCHED2_DEFAULT_WEIGHT 256)"),
            ParameterSpec.integer("cap", "%", 0, 0, 65535,
                    "most CPU the domain may use, in percent of one PCPU (50 = half a PCPU, 200 = two); 0 = no cap;"
                            + " at most 100 x the domain's VCPUs; enforced with a budget refilled every capPeriodMs"));
    private static final List<ParameterSpec> VCPU_PARAMETERS = List.of(
            ParameterSpec.text("softAffinity", SoftAffinity.ALL,
                    "PCPUs the VCPU prefers (xl vcpu-pin's soft affinity): all, or a list such as 0-1,3; tickles,"
                            + " placement and the choice to leave a PCPU outside it favour these PCPUs"));

    /** Creates the provider (found through {@link java.util.ServiceLoader}). */
    public Credit2SchedulerProvider() {
    }

    /** {@value #ID}. */
    @Override
    public String id() {
        return ID;
    }

    /** One line for listings. */
    @Override
    public String description() {
        return "Xen credit2 scheduler (Xen 4.19, the default since 4.12): credit-sorted runqueues per socket,"
                + " weight-scaled burn and resets, load balancing across runqueues, caps";
    }

    /** Xen's boot options: rate limit, runqueue arrangement, migrate resistance, load tracking, caps. */
    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    /** {@code weight} and {@code cap}, as {@code xl sched-credit2 -d} sets them. */
    @Override
    public List<ParameterSpec> domainParameters() {
        return DOMAIN_PARAMETERS;
    }

    /** {@code softAffinity}. */
    @Override
    public List<ParameterSpec> vcpuParameters() {
        return VCPU_PARAMETERS;
    }

    /**
     * Weights, caps, affinity, SMP (runqueues shared by PCPUs, balanced by load) and run-time
     * adjustment. Not work conserving: a PCPU may idle while another runqueue has waiting VCPUs
     * until balancing moves one, and caps idle PCPUs on purpose.
     */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.WEIGHTS, Capability.CAPS, Capability.AFFINITY, Capability.SMP,
                Capability.RUNTIME_ADJUST, Capability.CPUPOOLS);
    }

    /** A {@link Credit2Scheduler} with the settings {@link Credit2Config#from} resolves. */
    @Override
    public Scheduler create(SchedulerContext context, Parameters params) {
        return new Credit2Scheduler(context, Credit2Config.from(params));
    }

    /**
     * A bound for VCPUs of equal weight, {@code k} runnable per PCPU, with no caps. A waiting VCPU
     * has at least {@code CREDIT_MIN}; every other VCPU holds at most {@code CREDIT_INIT +
     * CARRYOVER_MAX} plus migration compensations, and runs only while its credit stays above the
     * waiter's, in slices of at least the rate limit: so each of the other {@code k-1} runs at most
     * {@code 2 CREDIT_INIT} and one slice beyond before the waiter is the best. A reset (which
     * the lowest credit triggers by reaching the head) adds the same to all, and the tickle that
     * brings it to a PCPU, a reserved tickle and the migrate resistance cost at most one more such
     * round: {@code (k+1)(2 CREDIT_INIT + MAX_TIMER)}.
     */
    @Override
    public long starvationBoundNs(Parameters params, int runnablePerPcpu) {
        int k = Math.max(1, runnablePerPcpu);
        return (k + 1L) * (2L * Credit2Config.CREDIT_INIT + Credit2Config.MAX_TIMER_NS);
    }
}
