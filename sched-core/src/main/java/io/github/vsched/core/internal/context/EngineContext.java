package io.github.vsched.core.internal.context;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.Platform;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.Timer;
import io.github.vsched.api.TimerHandler;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.internal.bus.ListenerBus;
import io.github.vsched.core.internal.schedule.ScheduleLayer;
import io.github.vsched.core.internal.state.Cpupool;
import io.github.vsched.core.internal.state.DomainState;
import io.github.vsched.core.internal.state.EngineEvent;
import io.github.vsched.core.internal.state.Machine;
import io.github.vsched.core.internal.state.PcpuState;
import io.github.vsched.core.internal.state.VcpuState;
import io.github.vsched.core.internal.state.XenTimer;
import io.github.vsched.core.internal.timer.Timers;
import io.github.vsched.core.observe.InvariantViolationException;

import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What a scheduler plugin sees of the hypervisor ({@link SchedulerContext}): the clock and the
 * topology, live views of PCPUs, VCPUs and domains, timers on the PCPUs' timer lists, tickles
 * (the schedule softirq), pause and migrate, private state, and trace events. Every call is
 * checked against what Xen would allow, so a plugin's mistake is reported where it is made.
 * Each cpupool's scheduler instance has its own context: {@link #cpus()} and {@link #domains()}
 * are its pool's, and timers, tickles and private state outside its pool are refused.
 */
public final class EngineContext implements SchedulerContext {
    private final Machine m;
    /** {@code m.pcpus}, read on every {@link #pcpu} call. */
    private final PcpuState[] pcpus;
    private final Cpupool pool;
    private final Timers timers;
    private final ScheduleLayer schedule;
    private final ListenerBus bus;
    private final RandomGenerator random;
    private final List<DomainState> domainsView;

    /** The context of the scheduler instance of cpupool {@code pool}. */
    public EngineContext(Machine m, Cpupool pool, Timers timers, ScheduleLayer schedule, ListenerBus bus,
                         RandomGenerator random) {
        this.m = m;
        this.pcpus = m.pcpus;
        this.pool = pool;
        this.timers = timers;
        this.schedule = schedule;
        this.bus = bus;
        this.random = random;
        this.domainsView = Collections.unmodifiableList(pool.domains);
    }

    @Override
    public long now() {
        return m.now;
    }

    @Override
    public Platform platform() {
        return m.platform;
    }

    @Override
    public int pcpuCount() {
        return m.pcpus.length;
    }

    @Override
    public CpuMask cpus() {
        return pool.cpus;
    }

    @Override
    public PcpuView pcpu(int id) {
        return pcpus[id];
    }

    @Override
    public int nextIdle(CpuMask mask, int after) {
        return m.nextIdle(mask, after);
    }

    @Override
    public VcpuView vcpu(int id) {
        return m.vcpus.get(id);
    }

    @Override
    public List<DomainState> domains() {
        return domainsView;
    }

    @Override
    public int currentPcpu() {
        return m.executing;
    }

    @Override
    public Timer newTimer(String name, int pcpu, TimerHandler handler) {
        if (pcpu < 0 || pcpu >= m.pcpus.length) {
            throw new IllegalArgumentException("timer " + name + ": no pcpu" + pcpu);
        }
        if (m.pcpus[pcpu].pool != pool) {
            throw new IllegalArgumentException("scheduler " + pool.describeScheduler(true) + ": timer " + name
                    + " on pcpu" + pcpu + ", which is in cpupool " + m.pcpus[pcpu].pool.name + "; its PCPUs are "
                    + pool.cpus);
        }
        return new SchedulerTimer(name, pcpu, handler);
    }

    @Override
    public void tickle(int pcpu) {
        if (pcpu < 0 || pcpu >= m.pcpus.length) {
            throw new InvariantViolationException("scheduler " + pool.describeScheduler(m.severalPools())
                    + " tickled pcpu" + pcpu + " at t=" + m.now + " ns; PCPUs are 0-" + (m.pcpus.length - 1));
        }
        if (m.pcpus[pcpu].pool != pool) {
            throw new InvariantViolationException("scheduler " + pool.describeScheduler(true) + " tickled pcpu"
                    + pcpu + " at t=" + m.now + " ns, which is in cpupool " + m.pcpus[pcpu].pool.name
                    + "; its PCPUs are " + pool.cpus);
        }
        schedule.raiseSoftirq(pcpu);
    }

    @Override
    public void migrate(VcpuView vcpu) {
        schedule.migrate(own(vcpu, "migrate"));
    }

    @Override
    public void pause(VcpuView vcpu) {
        schedule.pause(own(vcpu, "pause"));
    }

    @Override
    public void unpause(VcpuView vcpu) {
        schedule.unpause(own(vcpu, "unpause"));
    }

    @Override
    public void setPrivate(VcpuView vcpu, Object state) {
        ((VcpuState) own(vcpu, "set private state of")).schedPriv = state;
    }

    @Override
    public void setPrivate(PcpuView pcpu, Object state) {
        PcpuState p = (PcpuState) pcpu;
        if (p.pool != pool) {
            throw new IllegalArgumentException("scheduler " + pool.describeScheduler(true) + " set private state of "
                    + p + ", which is in cpupool " + p.pool.name + "; its PCPUs are " + pool.cpus);
        }
        p.schedPriv = state;
    }

    @Override
    public void setPrivate(DomainView domain, Object state) {
        DomainState d = (DomainState) domain;
        if (d.pool != pool) {
            throw new IllegalArgumentException("scheduler " + pool.describeScheduler(true) + " set private state of "
                    + "domain " + d.name + ", which is in cpupool " + d.pool.name);
        }
        d.schedPriv = state;
    }

    /** {@code vcpu}, refused if it belongs to another cpupool's scheduler. */
    private VcpuView own(VcpuView vcpu, String what) {
        if (vcpu instanceof VcpuState v && !v.isIdle() && v.domain.pool != pool) {
            throw new InvariantViolationException("scheduler " + pool.describeScheduler(true) + " tried to " + what
                    + " " + v.name + " at t=" + m.now + " ns, which is in cpupool " + v.domain.pool.name);
        }
        return vcpu;
    }

    @Override
    public int traceEventType(String name, String... argNames) {
        if (argNames.length > 2) {
            throw new IllegalArgumentException("scheduler " + pool.provider.id() + ": trace event type '" + name + "' names "
                    + argNames.length + " arguments " + java.util.Arrays.toString(argNames) + "; a trace event has two");
        }
        for (String a : argNames) {
            if (a == null || !a.matches("[A-Za-z0-9_]*") || a.equals("vcpu")) {
                throw new IllegalArgumentException("scheduler " + pool.provider.id() + ": trace event type '" + name
                        + "' has argument name '" + a + "'; allowed: letters, digits and _, or empty for an unused"
                        + " argument (not 'vcpu', which traces use for the VCPU)");
            }
        }
        return bus.traceEventType(name, argNames);
    }

    @Override
    public boolean tracing() {
        return bus.tracing();
    }

    @Override
    public void trace(int type, int pcpu, VcpuView vcpu, long arg0, long arg1) {
        bus.trace(m.now, type, pcpu, vcpu, arg0, arg1);
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    /** A scheduler's timer ({@code struct timer}), on its home PCPU's timer list. */
    private final class SchedulerTimer extends XenTimer implements Timer {
        private final String name;
        private final int home;
        private final TimerHandler handler;

        SchedulerTimer(String name, int cpu, TimerHandler handler) {
            super(EngineEvent.SCHED_TIMER, cpu);
            this.name = name;
            this.home = cpu;
            this.handler = handler;
        }

        @Override
        public void set(long when) {
            timers.set(this, home, when);
        }

        @Override
        public void cancel() {
            timers.stop(this);
        }

        @Override
        public boolean armed() {
            return active();
        }

        @Override
        public long expiry() {
            return expires;
        }

        @Override
        public void fire() {
            handler.onTimer(m.now);
        }

        @Override
        public String describe() {
            return "timer " + name + " on pcpu" + home;
        }
    }
}
