package io.github.vsched.core.internal.state;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.IoModel;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Platform;
import io.github.vsched.api.PlatformCosts;
import io.github.vsched.api.RunState;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.core.event.Event;
import io.github.vsched.core.event.EventQueue;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The state every layer of the engine shares: the clock and the event queue, the PCPUs,
 * domains and VCPUs, the scheduler, and the run's event count and hash. Xen's equivalent is
 * the global and per-CPU data that {@code schedule.c}, {@code timer.c} and the rest all see.
 * Fields are public for the layers of {@code internal}; nothing outside sched-core sees them.
 */
public final class Machine {
    /** The platform's machine. */
    public final Platform platform;
    /** The platform's costs, read once: they are fixed for a platform instance. */
    public final PlatformCosts costs;
    /** The platform's devices and I/O costs, read once like {@link #costs}. */
    public final IoModel ioModel;
    /** Verify invariants after every event. */
    public final boolean checked;
    public final EventQueue queue = new EventQueue(256);
    public final PcpuState[] pcpus;
    /**
     * Bit {@code c} set while PCPU {@code c} runs its idle VCPU ({@link PcpuState#isIdle()}), kept
     * by {@link #setCurrent}: the answer to {@code SchedulerContext.nextIdle} in a few word
     * operations.
     */
    private final long[] idleBits;
    /** Every VCPU by id: the idle VCPUs first (id = PCPU), then the guests' in creation order. */
    public final List<VcpuState> vcpus = new ArrayList<>();
    /** Guest domains, in creation order. */
    public final List<DomainState> domains = new ArrayList<>();
    public final DomainState idleDomain;
    /**
     * The cpupools, Pool-0 first; each PCPU and each domain belongs to one
     * ({@link PcpuState#pool}, {@link DomainState#pool}).
     */
    public final List<Cpupool> pools = new ArrayList<>();

    /** Simulated time, ns. */
    public long now;
    /** The PCPU handling the current event ({@code smp_processor_id()}), or -1 outside events. */
    public int executing = -1;
    /** Events and timer expiries processed. */
    public long events;
    /** Hash of the event sequence and scheduler decisions so far. */
    public long hash = 0x6a09e667f3bcc909L;
    /** The event being handled, for messages. */
    public Event currentEvent;
    /** The timer whose function is running, for messages. */
    public XenTimer firingTimer;

    /** A machine of {@code platform}'s PCPUs, each running its idle VCPU. */
    public Machine(Platform platform, SchedulerProvider provider, boolean checked) {
        this.platform = platform;
        this.costs = Objects.requireNonNull(platform.costs(),
                () -> "platform " + platform.id() + " returned no costs");
        this.ioModel = Objects.requireNonNull(platform.io(),
                () -> "platform " + platform.id() + " returned no I/O model");
        this.checked = checked;
        int n = platform.topology().pcpus();
        this.pcpus = new PcpuState[n];
        this.idleBits = new long[(n + 63) >>> 6];
        this.idleDomain = new DomainState(-1, "idle", DomainType.IDLE, Parameters.empty("idle domain"));
        for (int c = 0; c < n; c++) {
            VcpuState idle = new VcpuState(c, c, idleDomain, c, CpuMask.of(c), Parameters.empty("idle"));
            idle.running = true;
            idle.state = RunState.RUNNING;
            idleDomain.vcpus.add(idle);
            vcpus.add(idle);
            pcpus[c] = new PcpuState(c, idle);
            idleBits[c >>> 6] |= 1L << c;
        }
        Cpupool pool0 = new Cpupool(0, Cpupool.POOL0, CpuMask.all(n), provider);
        pools.add(pool0);
        for (PcpuState p : pcpus) {
            p.pool = pool0;
        }
        idleDomain.pool = pool0;
    }

    /** Whether the machine has more than Pool-0 (messages then name the pool). */
    public boolean severalPools() {
        return pools.size() > 1;
    }

    /** The scheduler responsible for PCPU {@code p}, as error messages name it. */
    public String schedulerName(PcpuState p) {
        return p.pool.describeScheduler(severalPools());
    }

    /** The scheduler responsible for VCPU {@code v}, as error messages name it. */
    public String schedulerName(VcpuState v) {
        return v.domain.pool.describeScheduler(severalPools());
    }

    /** Mixes {@code x} into hash {@code h}. */
    public static long mix(long h, long x) {
        h ^= x;
        h *= 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    /** Whether {@code v} is the current VCPU of its PCPU. */
    public boolean isCurrent(VcpuState v) {
        return pcpus[v.processor].current == v;
    }

    /** What the engine is doing now, for messages: the timer firing, the event, or boot. */
    public String describeCurrentEvent() {
        if (firingTimer != null) {
            return firingTimer.describe();
        }
        return currentEvent == null ? "boot" : currentEvent.describe();
    }

    /** An error of a VCPU's workload model, with the VCPU and the time. */
    public IllegalStateException guestError(VcpuState v, String what) {
        return new IllegalStateException("workload of " + v.name + " at t=" + now + " ns: " + what);
    }

    /** {@code vcpu} as a guest VCPU of this machine, or an error naming {@code what} was attempted. */
    public static VcpuState guestVcpu(Object vcpu, String what) {
        if (!(vcpu instanceof VcpuState v) || v.isIdle()) {
            throw new IllegalArgumentException("cannot " + what + " " + vcpu + ": not a guest VCPU");
        }
        return v;
    }

    /**
     * The schedulers' dump of their state ({@code Scheduler.dumpState}) for an error message, or
     * empty; with several cpupools, each pool's under its name. A dump that fails says so instead
     * of hiding the error it would explain.
     */
    public String schedulerState() {
        StringBuilder sb = new StringBuilder();
        for (Cpupool pool : pools) {
            if (pool.scheduler == null) {
                continue;
            }
            if (severalPools()) {
                sb.append("cpupool ").append(pool.name).append(" (").append(pool.provider.id()).append("):\n");
            }
            try {
                pool.scheduler.dumpState(sb);
            } catch (RuntimeException e) {
                sb.append("(dumpState failed: ").append(e).append(')');
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
                sb.append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }

    /** Switches {@code p} to {@code next}: its current VCPU and the idle bit follow. */
    public void setCurrent(PcpuState p, VcpuState next) {
        p.current = next;
        if (next == p.idle) {
            idleBits[p.id >>> 6] |= 1L << p.id;
        } else {
            idleBits[p.id >>> 6] &= ~(1L << p.id);
        }
    }

    /**
     * The first idle PCPU of {@code mask} in cyclic order after {@code after} ({@code after}
     * itself last), or -1: {@code SchedulerContext.nextIdle}.
     */
    public int nextIdle(CpuMask mask, int after) {
        int n = pcpus.length;
        int start = after + 1 >= n || after < -1 ? 0 : after + 1;
        int found = nextIdleFrom(mask, start);
        return found >= 0 || start == 0 ? found : nextIdleFrom(mask, 0);
    }

    private int nextIdleFrom(CpuMask mask, int from) {
        int i = from >>> 6;
        long w = idleBits[i] & mask.word(i) & (-1L << from);
        while (true) {
            if (w != 0) {
                return (i << 6) + Long.numberOfTrailingZeros(w);
            }
            if (++i == idleBits.length) {
                return -1;
            }
            w = idleBits[i] & mask.word(i);
        }
    }
}
