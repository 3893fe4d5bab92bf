package io.github.vsched.credit;

import static io.github.vsched.credit.CreditPriority.BOOST;

import io.github.vsched.api.VcpuView;

/**
 * Work stealing when a PCPU's best choice is OVER or IDLE: Xen 4.0 {@code csched_load_balance}
 * (sched_credit.c:1075-1134; reference 8.3) and {@code csched_runq_steal} (1028-1073) with
 * {@code __csched_vcpu_is_cache_hot}, the 4.18 load-balance rate limit and the 4.18 rule that a
 * yielding VCPU is not stolen. Allocation-free: it walks the peers' runqs in place.
 */
final class LoadBalancer {
    private CreditConfig config;
    private final CreditTrace trace;
    private final int nPcpus;
    private final CreditPcpu[] pcpus;
    /** The scheduler's {@code idlers} ({@link RunqTickle#idlers}). */
    private final long[] idlers;
    private final CreditExtension ext;

    /**
     * @param pcpus  the scheduler's per-PCPU state; null for a PCPU of another cpupool
     * @param idlers the scheduler's {@code idlers} mask, read in place
     */
    LoadBalancer(CreditConfig config, CreditTrace trace, CreditPcpu[] pcpus, long[] idlers, CreditExtension ext) {
        this.config = config;
        this.trace = trace;
        this.nPcpus = pcpus.length;
        this.pcpus = pcpus;
        this.idlers = idlers;
        this.ext = ext;
    }

    /** New settings during a run ({@code csched_sys_cntl}). */
    void reconfigure(CreditConfig next) {
        this.config = next;
    }

    /** The 4.18 load-balance rate limit; always true when it is off. */
    boolean loadBalanceAllowed(CreditPcpu spc, long now) {
        long limit = config.loadBalanceRatelimitNs();
        if (limit == 0) {
            return true;
        }
        if (now - spc.lastLoadBalance > limit) {
            spc.lastLoadBalance = now;
            return true;
        }
        return false;
    }

    /**
     * {@code csched_load_balance} (sched_credit.c:1075-1134; 8.3): visit the other non-idle
     * PCPUs in cyclic order starting after this one and steal the first suitable VCPU; if there
     * is none, take the local head.
     */
    CreditVcpu loadBalance(CreditPcpu spc, CreditVcpu snext, long now) {
        if (ext.stealAboveBoostFirst()) {
            CreditVcpu first = stealPass(spc, BOOST, now);
            if (first != null) {
                return first;
            }
        }
        CreditVcpu stolen = stealPass(spc, snext.pri, now);
        if (stolen != null) {
            return stolen;
        }
        snext.runq.dequeue(snext, config.noStealYielded());
        return snext;
    }

    /** One visit of the peers in cyclic order for a VCPU of priority strictly above {@code pri}. */
    private CreditVcpu stealPass(CreditPcpu spc, int pri, long now) {
        int cpu = spc.id;
        for (int i = 1; i < nPcpus; i++) {
            int peer = cpu + i;
            if (peer >= nPcpus) {
                peer -= nPcpus;
            }
            if (CpuBits.test(idlers, peer) || pcpus[peer] == null) {
                continue; // idle, or in another cpupool (not in cpupool_online_cpumask)
            }
            CreditVcpu speer = steal(pcpus[peer], cpu, pri, now);
            if (speer != null) {
                if (trace.on()) {
                    trace.emit(trace.stolenVcpu, cpu, speer.view, peer, speer.pri);
                }
                return speer;
            }
        }
        return null;
    }

    /**
     * {@code csched_runq_steal} (sched_credit.c:1028-1073): not from a peer running its idle
     * VCPU; walk its runq while the priority is strictly higher than ours; take the first VCPU
     * that is not running (still in the peer's context-switch tail), not cache-hot, and allowed
     * here. The stolen VCPU keeps its priority.
     */
    private CreditVcpu steal(CreditPcpu peer, int cpu, int pri, long now) {
        if (peer.curr.idle) {
            return null;
        }
        for (CreditVcpu e = peer.runq.head; e != null; e = e.runqNext) {
            if (e.pri <= pri) {
                break;
            }
            if (config.noStealYielded() && e.yielding) {
                continue;
            }
            VcpuView v = e.view;
            if (!v.isRunning() && !cacheHot(v, now) && v.affinity().contains(cpu)) {
                e.runq.dequeue(e, config.noStealYielded());
                return e;
            }
        }
        return null;
    }

    /** {@code __csched_vcpu_is_cache_hot} (4.0): ran less than the migration delay ago. */
    private boolean cacheHot(VcpuView v, long now) {
        long last = v.lastRunTime();
        return now - (last < 0 ? 0 : last) < config.migrationDelayNs();
    }
}
