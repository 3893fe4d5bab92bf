package io.github.vsched.api;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The scheduler's window on the engine: clock, topology, timers, tickles, private state,
 * trace events and randomness. A scheduler never touches engine internals.
 */
public interface SchedulerContext {

    /** The current simulated time in nanoseconds ({@code NOW()}). */
    long now();

    /** The machine. */
    Platform platform();

    /** Shorthand for {@code platform().topology()}. */
    default Topology topology() {
        return platform().topology();
    }

    /**
     * Number of PCPUs of the machine: PCPU numbers run from 0 to this, less one, in every
     * cpupool (Xen keeps the machine's CPU numbers in every pool). Size per-PCPU arrays by it.
     */
    int pcpuCount();

    /**
     * The PCPUs this scheduler instance schedules: those of its cpupool (Xen's
     * {@code cpupool->cpu_valid}, what {@code cpupool_online_cpumask} gives a scheduler). Without
     * cpupools, every PCPU. A scheduler declaring {@link Capability#CPUPOOLS} allocates per-PCPU
     * state, arms per-PCPU timers, tickles, balances and counts capacity only on these; the
     * engine calls {@link Scheduler#schedule} and the tick hooks only for them, and gives it only
     * VCPUs whose {@link VcpuView#affinity()} lies within them.
     */
    default CpuMask cpus() {
        return CpuMask.all(pcpuCount());
    }

    /** A PCPU by number (any PCPU of the machine; a pool's own are {@link #cpus()}). */
    PcpuView pcpu(int id);

    /**
     * The first PCPU of {@code mask} that runs its idle VCPU ({@link PcpuView#isIdle()}), searching
     * in cyclic order after {@code after} (Xen's {@code cycle_cpu} over
     * {@code cpumask_and(mask, idlers)}): {@code after + 1}, ..., the last PCPU, 0, ..., and
     * {@code after} itself last; -1 if none is idle. Pass -1 to search from PCPU 0. The engine
     * keeps the idle PCPUs as a bit mask, so this costs a few word operations however many PCPUs
     * the machine has, where a loop over {@link #pcpu(int)} touches every one of them. Allocates
     * nothing. In a cpupool, pass a mask within {@link #cpus()} (a VCPU's affinity is): the
     * answer may be any PCPU of the mask, and another pool's PCPUs are not this scheduler's to
     * tickle.
     */
    default int nextIdle(CpuMask mask, int after) {
        int n = pcpuCount();
        for (int i = 1; i <= n; i++) {
            int c = Math.floorMod(after + i, n);
            if (mask.contains(c) && pcpu(c).isIdle()) {
                return c;
            }
        }
        return -1;
    }

    /** A VCPU by {@link VcpuView#id()}. */
    VcpuView vcpu(int id);

    /** Guest domains of this scheduler's cpupool (every domain without pools), in creation order. */
    List<? extends DomainView> domains();

    /**
     * The PCPU whose event is being handled ({@code smp_processor_id()}): the PCPU of the
     * timer that fired, or where a wake-up was sent from.
     */
    int currentPcpu();

    /**
     * Creates a timer that runs {@code handler} on PCPU {@code pcpu} ({@code init_timer}).
     * Create timers once and re-arm them; creation allocates, arming does not.
     *
     * @param name shown in traces and error messages
     */
    Timer newTimer(String name, int pcpu, TimerHandler handler);

    /**
     * Raises the schedule softirq on a PCPU ({@code cpu_raise_softirq(cpu, SCHEDULE_SOFTIRQ)}).
     * On the current PCPU it runs when the current event's handling ends; on another PCPU after
     * the platform's IPI latency (plus C-state exit if that PCPU is idle).
     */
    void tickle(int pcpu);

    /**
     * Marks a VCPU for migration ({@code set_bit(_VPF_migrating)}) and raises the softirq on its
     * PCPU: once it has been switched out and its context saved, the engine calls
     * {@link Scheduler#pickCpu} with commit and wakes it on the chosen PCPU.
     */
    void migrate(VcpuView vcpu);

    /**
     * Pauses a VCPU ({@code vcpu_pause_nosync}): it stops being runnable, the engine calls
     * {@link Scheduler#sleep}, and if it is running its PCPU reschedules. Pauses nest.
     */
    void pause(VcpuView vcpu);

    /** Undoes one {@link #pause} ({@code vcpu_unpause}); at zero the VCPU is woken if not blocked. */
    void unpause(VcpuView vcpu);

    /** Attaches scheduler state to a VCPU ({@code v->sched_priv}). */
    void setPrivate(VcpuView vcpu, Object state);

    /** Attaches scheduler state to a PCPU ({@code per_cpu(schedule_data).sched_priv}). */
    void setPrivate(PcpuView pcpu, Object state);

    /** Attaches scheduler state to a domain ({@code d->sched_priv}). */
    void setPrivate(DomainView domain, Object state);

    /**
     * Registers a trace event type (e.g. {@code "boost"}) and returns its number for
     * {@link #trace} (Xen's {@code TRC_SCHED_CLASS_EVT} numbers, whose arguments xenalyze knows
     * by convention). Call once, at creation (the constructor or {@link Scheduler#init}).
     * The argument names reach every trace file: Perfetto's {@code args} use them as keys, the
     * CSV trace has them in its {@code arg0_name}, {@code arg1_name} columns, and the report's
     * timeline shows them; {@code Simulation.traceEventTypes()} lists them.
     *
     * @param argNames names of the two numeric arguments, at most two, each letters, digits and
     *                 {@code _} ({@code "deadline"}, {@code "budget"}); an empty or missing name
     *                 marks an unused argument, left out of traces that can leave it out
     * @throws IllegalArgumentException for more than two names, or a name with other characters
     */
    int traceEventType(String name, String... argNames);

    /** Whether any trace sink listens; skip computing trace arguments when not. */
    boolean tracing();

    /**
     * Emits a trace event (Xen's {@code TRACE_*D}); allocation-free.
     *
     * @param type a number from {@link #traceEventType}
     * @param pcpu the PCPU concerned, or -1
     * @param vcpu the VCPU concerned, or null
     */
    void trace(int type, int pcpu, VcpuView vcpu, long arg0, long arg1);

    /** The scheduler's own random stream, split from the scenario seed. */
    RandomGenerator random();
}
