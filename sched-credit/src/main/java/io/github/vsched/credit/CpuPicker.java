package io.github.vsched.credit;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.Topology;
import io.github.vsched.api.VcpuView;

/**
 * Xen 4.0.0 {@code _csched_cpu_pick} (sched_credit.c:384-456; reference 9.2): choose a PCPU for
 * a VCPU, preferring the idle execution unit with the most idle neighbours (spread across
 * sockets, then cores, before sharing hyperthreads). The VCPU's own PCPU always counts as idle.
 *
 * <p>One deviation, needed by the SPI's contract that the result lies in the VCPU's affinity:
 * 4.0.0 picks among all idlers of the better group, which can lie outside the affinity
 * (fixed in 4.0.2 by b4e1e77633); here that group is first intersected with the affinity. With
 * a full affinity the result is 4.0.0's. The inter-socket {@code migrate_factor} backport, first
 * in 4.0.2 (8f4296e5ed), is not applied; it changes nothing on one socket. Allocation-free: all masks are scratch bitmaps owned by this object.
 */
final class CpuPicker {
    private final int n;
    private final long[][] siblings;
    private final long[][] socket;
    private final long[] cpus;
    private final long[] idlers;
    private final long[] allowed;
    private final long[] nxtIdlers;

    CpuPicker(Topology topology, int pcpus) {
        this.n = pcpus;
        this.siblings = new long[pcpus][];
        this.socket = new long[pcpus][];
        for (int c = 0; c < pcpus; c++) {
            siblings[c] = CpuBits.of(topology.threadSiblings(c), pcpus);
            socket[c] = CpuBits.of(topology.socketMates(c), pcpus);
        }
        this.cpus = CpuBits.create(pcpus);
        this.idlers = CpuBits.create(pcpus);
        this.allowed = CpuBits.create(pcpus);
        this.nxtIdlers = CpuBits.create(pcpus);
    }

    /**
     * @param v          the VCPU
     * @param processor  its {@code v->processor}
     * @param idlersNow  the scheduler's {@code idlers} mask
     * @param pcpus      per-PCPU state, for {@code idle_bias}
     * @param commit     whether to update {@code idle_bias}
     * @return the chosen PCPU
     */
    int pick(VcpuView v, int processor, long[] idlersNow, CreditPcpu[] pcpus, boolean commit) {
        CpuMask affinity = v.affinity();
        // cpus = online & affinity; start from v->processor if allowed, else the next allowed
        CpuBits.clearAll(allowed);
        for (int c = affinity.next(0); c >= 0 && c < n; c = affinity.next(c + 1)) {
            CpuBits.set(allowed, c);
        }
        int cpu = CpuBits.test(allowed, processor) ? processor : CpuBits.cycle(allowed, processor);
        if (cpu < 0) {
            return processor; // empty affinity: the engine rejects such VCPUs before we get here
        }
        // idlers = idlers + {cpu}; cpus = (cpus & idlers) - {cpu}
        CpuBits.copy(idlers, idlersNow);
        CpuBits.set(idlers, cpu);
        CpuBits.and(cpus, allowed, idlers);
        CpuBits.clear(cpus, cpu);

        while (!CpuBits.isEmpty(cpus)) {
            int nxt = CpuBits.cycle(cpus, cpu);
            long[] cpuGroup;
            long[] nxtGroup;
            if (CpuBits.test(socket[nxt], cpu)) {
                cpuGroup = siblings[cpu];
                nxtGroup = siblings[nxt];
            } else {
                cpuGroup = socket[cpu];
                nxtGroup = socket[nxt];
            }
            int weightCpu = CpuBits.andCount(idlers, cpuGroup);
            CpuBits.and(nxtIdlers, idlers, nxtGroup);
            int weightNxt = CpuBits.andCount(nxtIdlers, nxtIdlers);
            if (weightCpu < weightNxt) {
                // nxt's group is idler: move to one of its idlers, round robin from its idle_bias
                CpuBits.and(nxtIdlers, nxtIdlers, allowed); // the deviation, see class comment
                CreditPcpu spc = pcpus[nxt];
                cpu = CpuBits.cycle(nxtIdlers, spc.idleBias);
                if (commit) {
                    spc.idleBias = cpu;
                }
                CpuBits.andNot(cpus, siblings[cpu]);
            } else {
                CpuBits.andNot(cpus, nxtIdlers);
            }
        }
        return cpu;
    }
}
