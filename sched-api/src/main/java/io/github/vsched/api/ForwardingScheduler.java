package io.github.vsched.api;

import java.util.function.Consumer;

/**
 * A scheduler that passes every hook to another one: implement {@link #delegate()} and
 * override the hooks to observe or change (a tracing decorator, a scheduler with one rule
 * changed, a test that injects a fault).
 */
public interface ForwardingScheduler extends Scheduler {

    /** The scheduler every hook goes to unless overridden. */
    Scheduler delegate();

    @Override
    default void init() {
        delegate().init();
    }

    @Override
    default void addDomain(DomainView domain) {
        delegate().addDomain(domain);
    }

    @Override
    default void removeDomain(DomainView domain) {
        delegate().removeDomain(domain);
    }

    @Override
    default void addVcpu(VcpuView vcpu) {
        delegate().addVcpu(vcpu);
    }

    @Override
    default void removeVcpu(VcpuView vcpu) {
        delegate().removeVcpu(vcpu);
    }

    @Override
    default void wake(VcpuView vcpu) {
        delegate().wake(vcpu);
    }

    @Override
    default void sleep(VcpuView vcpu) {
        delegate().sleep(vcpu);
    }

    @Override
    default void yield(VcpuView vcpu) {
        delegate().yield(vcpu);
    }

    @Override
    default void schedule(PcpuView pcpu, long now, ScheduleDecision out) {
        delegate().schedule(pcpu, now, out);
    }

    @Override
    default int pickCpu(VcpuView vcpu, boolean commit) {
        return delegate().pickCpu(vcpu, commit);
    }

    @Override
    default void contextSaved(VcpuView vcpu) {
        delegate().contextSaved(vcpu);
    }

    @Override
    default void tickSuspend(int pcpu) {
        delegate().tickSuspend(pcpu);
    }

    @Override
    default void tickResume(int pcpu) {
        delegate().tickResume(pcpu);
    }

    @Override
    default void adjustDomain(DomainView domain, Parameters previous) {
        delegate().adjustDomain(domain, previous);
    }

    @Override
    default void adjustVcpu(VcpuView vcpu, Parameters previous) {
        delegate().adjustVcpu(vcpu, previous);
    }

    @Override
    default long hypercall(VcpuView caller, int op, long arg0, long arg1) {
        return delegate().hypercall(caller, op, arg0, arg1);
    }

    @Override
    default void forEachQueued(int pcpu, Consumer<VcpuView> action) {
        delegate().forEachQueued(pcpu, action);
    }

    @Override
    default boolean reportsQueues() {
        return delegate().reportsQueues();
    }

    @Override
    default void dumpState(StringBuilder out) {
        delegate().dumpState(out);
    }

    @Override
    default void adjustGlobal(Parameters params, Parameters previous) {
        delegate().adjustGlobal(params, previous);
    }
}
