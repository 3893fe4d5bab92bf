package io.github.vsched.core.internal.guest;

import io.github.vsched.core.internal.state.VcpuState;

import io.github.vsched.api.BackendWork;
import io.github.vsched.api.Guest;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.QualityEvent;
import io.github.vsched.api.VcpuView;

import java.util.random.RandomGenerator;

/** The {@link Guest} a workload model drives: one per VCPU, forwarding to guest execution. */
final class GuestRuntime implements Guest {
    private final GuestExecution guests;
    private final VcpuState vcpu;
    private final RandomGenerator random;

    GuestRuntime(GuestExecution guests, VcpuState vcpu, RandomGenerator random) {
        this.guests = guests;
        this.vcpu = vcpu;
        this.random = random;
    }

    @Override
    public long now() {
        return guests.machine().now;
    }

    @Override
    public VcpuView vcpu() {
        return vcpu;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    private void choose(int action) {
        if (vcpu.actionChosen) {
            throw guests.machine().guestError(vcpu, "chose a second action in one call of next()");
        }
        if (!guests.inNext(vcpu)) {
            throw guests.machine().guestError(vcpu, "took an action outside next()");
        }
        vcpu.actionChosen = true;
        vcpu.action = action;
    }

    @Override
    public void compute(long ns) {
        if (ns <= 0) {
            throw guests.machine().guestError(vcpu, "asked to compute " + ns + " ns; must be > 0");
        }
        choose(VcpuState.ACT_COMPUTE);
        vcpu.remainingNs = ns;
    }

    @Override
    public void block() {
        choose(VcpuState.ACT_BLOCK);
    }

    @Override
    public void yield() {
        choose(VcpuState.ACT_YIELD);
    }

    @Override
    public void halt() {
        choose(VcpuState.ACT_HALT);
    }

    @Override
    public void setTimer(long when, long tag) {
        guests.setGuestTimer(vcpu, when, tag);
    }

    @Override
    public void cancelTimer() {
        guests.cancelGuestTimer(vcpu);
    }

    @Override
    public void startPeriodicTimer(long periodNs, long tag) {
        guests.startPeriodicTimer(vcpu, periodNs, tag);
    }

    @Override
    public void stopPeriodicTimer() {
        guests.stopPeriodicTimer(vcpu);
    }

    @Override
    public boolean eventPending() {
        return vcpu.eventPending;
    }

    @Override
    public void io(IoKind kind, long bytes, long tag) {
        if (!guests.inNext(vcpu)) {
            throw guests.machine().guestError(vcpu, "issued I/O outside next()");
        }
        guests.io().issue(vcpu, kind, bytes, tag);
    }

    @Override
    public void notifyVcpu(int index, long tag) {
        if (!guests.inNext(vcpu)) {
            throw guests.machine().guestError(vcpu, "notified a VCPU outside next()");
        }
        if (index < 0 || index >= vcpu.domain.vcpus.size() || index == vcpu.index) {
            throw guests.machine().guestError(vcpu, "notified VCPU " + index + "; it may notify another VCPU of its"
                    + " domain, 0 to " + (vcpu.domain.vcpus.size() - 1) + " but not " + vcpu.index);
        }
        guests.io().notifyVcpu(vcpu, vcpu.domain.vcpus.get(index), tag);
    }

    @Override
    public BackendWork takeBackendWork() {
        return guests.io().takeBackendWork(vcpu);
    }

    @Override
    public void finishBackendWork(BackendWork work) {
        guests.io().finishBackendWork(vcpu, work);
        if (!guests.inNext(vcpu)) {
            guests.io().flushOutbox(vcpu);
        }
    }

    @Override
    public void report(QualityEvent event, long value) {
        guests.report(vcpu, event, value);
    }

    @Override
    public long hypercall(int op, long arg0, long arg1) {
        return guests.hypercall(vcpu, op, arg0, arg1);
    }
}
