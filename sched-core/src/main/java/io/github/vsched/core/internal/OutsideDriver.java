package io.github.vsched.core.internal;

import io.github.vsched.api.VcpuView;
import io.github.vsched.core.internal.bus.ListenerBus;
import io.github.vsched.core.internal.guest.GuestExecution;
import io.github.vsched.core.internal.schedule.ScheduleLayer;
import io.github.vsched.core.internal.state.Machine;
import io.github.vsched.core.internal.state.VcpuState;

/**
 * Drives the scheduling layer from outside any event, for VCPUs without a workload: a VCPU
 * wakes, blocks, or a PCPU reschedules now, and the softirqs that raises run at once (remote
 * ones after their IPI, as events). What {@link io.github.vsched.core.SchedulerDriver} offers
 * microbenchmarks and scheduler unit tests; a simulation with workloads never uses it.
 */
public final class OutsideDriver {
    private final Machine m;
    private final ScheduleLayer schedule;
    private final GuestExecution guests;
    private final ListenerBus bus;

    OutsideDriver(Machine m, ScheduleLayer schedule, GuestExecution guests, ListenerBus bus) {
        this.m = m;
        this.schedule = schedule;
        this.guests = guests;
        this.bus = bus;
    }

    /** Wakes a blocked VCPU now ({@code vcpu_unblock}) and runs the softirqs it raised. */
    public void wake(VcpuView vcpu) {
        VcpuState v = Machine.guestVcpu(vcpu, "wake");
        m.executing = -1;
        schedule.unblock(v);
        schedule.drainLocalSoftirqs();
    }

    /** The VCPU, current on its PCPU, blocks now; its PCPU reschedules at once. */
    public void block(VcpuView vcpu) {
        VcpuState v = Machine.guestVcpu(vcpu, "block");
        if (!m.isCurrent(v)) {
            throw new IllegalStateException(v.name + " is not running, so it cannot block");
        }
        m.executing = -1;
        guests.stop(v);
        v.action = VcpuState.ACT_NONE;
        v.blocked = true;
        bus.block(v, m.now);
        schedule.raiseLocal(v.processor);
        schedule.drainLocalSoftirqs();
    }

    /** Raises and runs the schedule softirq on {@code pcpu} now. */
    public void schedule(int pcpu) {
        m.executing = -1;
        schedule.raiseLocal(pcpu);
        schedule.drainLocalSoftirqs();
    }
}
