package io.github.vsched.core.internal;

import io.github.vsched.api.BackendWork;
import io.github.vsched.api.Guest;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.VcpuView;

import java.util.random.RandomGenerator;

/** The {@link Guest} a workload model drives: one per VCPU, forwarding to the engine. */
final class GuestRuntime implements Guest {
    private final Engine engine;
    private final VcpuState vcpu;
    private final RandomGenerator random;
    boolean actionChosen;

    GuestRuntime(Engine engine, VcpuState vcpu, RandomGenerator random) {
        this.engine = engine;
        this.vcpu = vcpu;
        this.random = random;
    }

    @Override
    public long now() {
        return engine.now();
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
        if (actionChosen) {
            throw engine.guestError(vcpu, "chose a second action in one call of next()");
        }
        if (!engine.inGuestNext(vcpu)) {
            throw engine.guestError(vcpu, "took an action outside next()");
        }
        actionChosen = true;
        vcpu.action = action;
    }

    @Override
    public void compute(long ns) {
        if (ns <= 0) {
            throw engine.guestError(vcpu, "asked to compute " + ns + " ns; must be > 0");
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
        engine.setGuestTimer(vcpu, when, tag);
    }

    @Override
    public void cancelTimer() {
        engine.cancelGuestTimer(vcpu);
    }

    @Override
    public boolean eventPending() {
        return vcpu.eventPending;
    }

    @Override
    public void io(IoKind kind, long bytes, long tag) {
        engine.io(vcpu, kind, bytes, tag);
    }

    @Override
    public BackendWork takeBackendWork() {
        return engine.takeBackendWork(vcpu);
    }

    @Override
    public void finishBackendWork(BackendWork work) {
        engine.finishBackendWork(vcpu, work);
    }

    @Override
    public long hypercall(int op, long arg0, long arg1) {
        return engine.guestHypercall(vcpu, op, arg0, arg1);
    }
}
