package io.github.vsched.srtcredit;

import io.github.vsched.api.Capability;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.credit.CreditConfig;
import io.github.vsched.credit.CreditScheduler;
import io.github.vsched.credit.CreditSchedulerProvider;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Provider of {@code srt-credit}: credit's parameters (same defaults: Xen 4.0) plus the
 * mechanism switches and choices of {@link SrtConfig}; per-domain parameters as credit's; per
 * VCPU the soft real-time settings.
 */
public final class SrtCreditProvider implements SchedulerProvider {
    /** The provider id. */
    public static final String ID = "srt-credit";

    private static final CreditSchedulerProvider CREDIT = new CreditSchedulerProvider();
    private static final List<ParameterSpec> PARAMETERS;

    static {
        List<ParameterSpec> l = new ArrayList<>(CreditConfig.specs());
        l.addAll(SrtConfig.specs());
        PARAMETERS = List.copyOf(l);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "soft real-time credit (Hong and Yoo): credit plus LL-boost, SBT/USBT, borrowing, LL-first migration";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public List<ParameterSpec> domainParameters() {
        return CREDIT.domainParameters();
    }

    @Override
    public List<ParameterSpec> vcpuParameters() {
        return SrtConfig.vcpuSpecs();
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> c = EnumSet.copyOf(CREDIT.capabilities());
        c.add(Capability.SOFT_REALTIME);
        c.add(Capability.HYPERCALLS);
        return c;
    }

    /** Credit's bound: without soft real-time VCPUs srt-credit schedules as credit does. */
    @Override
    public long starvationBoundNs(Parameters params, int runnablePerPcpu) {
        return CREDIT.starvationBoundNs(params, runnablePerPcpu);
    }

    @Override
    public Scheduler create(SchedulerContext context, Parameters params) {
        return new CreditScheduler(context, CreditConfig.from(params), new SrtCreditExtension(SrtConfig.from(params)));
    }
}
