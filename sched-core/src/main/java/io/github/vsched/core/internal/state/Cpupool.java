package io.github.vsched.core.internal.state;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerProvider;

import java.util.ArrayList;
import java.util.List;

/**
 * A cpupool (Xen's {@code struct cpupool}, {@code xen/common/sched/cpupool.c}): a set of PCPUs
 * run by a scheduler instance of its own, and the domains assigned to it. A domain's VCPUs run
 * only on its pool's PCPUs; every scheduler call about a PCPU or a VCPU goes to the instance of
 * that PCPU's or VCPU's pool. A machine always has Pool-0 (id 0), which holds dom0 and every
 * PCPU not given to another pool; without other pools it is the whole machine.
 */
public final class Cpupool {
    /** Xen's name of the pool created at boot. */
    public static final String POOL0 = "Pool-0";

    /** The pool's number ({@code cpupool_id}); 0 for Pool-0. */
    public final int id;
    public final String name;
    /** Its scheduler's provider, named in error messages. */
    public final SchedulerProvider provider;
    /** Its PCPUs ({@code cpu_valid}); Pool-0's shrink as other pools take PCPUs. */
    public CpuMask cpus;
    /** Its scheduler instance, once created. */
    public Scheduler scheduler;
    /** Its domains, in creation order. */
    public final List<DomainState> domains = new ArrayList<>();

    public Cpupool(int id, String name, CpuMask cpus, SchedulerProvider provider) {
        this.id = id;
        this.name = name;
        this.cpus = cpus;
        this.provider = provider;
    }

    /** The scheduler as messages name it: its id, and the pool when the machine has several. */
    public String describeScheduler(boolean severalPools) {
        return severalPools ? provider.id() + " (cpupool " + name + ")" : provider.id();
    }

    @Override
    public String toString() {
        return name;
    }
}
