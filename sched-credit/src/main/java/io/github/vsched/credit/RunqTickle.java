package io.github.vsched.credit;

import static io.github.vsched.credit.CreditPriority.IDLE;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.SchedulerContext;

/**
 * Xen 4.0.0 {@code __runq_tickle} (sched_credit.c:231-277; reference 7.1) with the 4.1 one-idler
 * variant, and the {@code idlers} mask of {@code struct csched_private} it reads: the PCPUs whose
 * last schedule chose their idle VCPU ({@code csched_schedule} keeps it through
 * {@link #setIdler}). Allocation-free: the masks are scratch bitmaps owned by this object.
 */
final class RunqTickle {
    private final SchedulerContext ctx;
    private CreditConfig config;
    private final CreditTrace trace;
    private final int nPcpus;
    private final CreditPcpu[] pcpus;
    /** {@code idlers}: PCPUs whose last schedule chose their idle VCPU. */
    final long[] idlers;
    /** Number of members of {@link #idlers}, so the common tickle needs no mask. */
    int idlerCount;
    private final long[] tickleMask;
    private final long[] idleMask;

    /**
     * @param pcpus the scheduler's per-PCPU state, filled by its {@code init}; null for a PCPU of
     *              another cpupool
     */
    RunqTickle(SchedulerContext ctx, CreditConfig config, CreditTrace trace, CreditPcpu[] pcpus) {
        this.ctx = ctx;
        this.config = config;
        this.trace = trace;
        this.nPcpus = pcpus.length;
        this.pcpus = pcpus;
        this.idlers = CpuBits.create(nPcpus);
        this.tickleMask = CpuBits.create(nPcpus);
        this.idleMask = CpuBits.create(nPcpus);
    }

    /** New settings during a run ({@code csched_sys_cntl}). */
    void reconfigure(CreditConfig next) {
        this.config = next;
    }

    /**
     * The part of {@code csched_schedule} that keeps {@code idlers}: a PCPU joins it when it
     * chooses its idle VCPU and leaves it when it chooses a guest.
     */
    void setIdler(int cpu, boolean idle) {
        boolean wasIdler = CpuBits.test(idlers, cpu);
        if (idle) {
            if (!wasIdler) {
                CpuBits.set(idlers, cpu);
                idlerCount++;
            }
        } else if (wasIdler) {
            CpuBits.clear(idlers, cpu);
            idlerCount--;
        }
    }

    /**
     * {@code __runq_tickle} (4.0.0: sched_credit.c:231-277; 4.1 one-idler variant): raise the
     * softirq on the VCPU's PCPU if it has strictly higher priority than the current VCPU, and,
     * if that PCPU is busy, on every idler in its affinity (or one, round robin, with
     * {@code tickleOneIdle}).
     */
    void tickle(CreditPcpu spc, CreditVcpu nw) {
        int cpu = spc.id;
        int curPri = spc.curr.pri;
        if (curPri == IDLE || idlerCount == 0) {
            // no idler to tell: at most this PCPU, for a strictly higher priority
            if (nw.pri > curPri) {
                raise(cpu, nw);
            }
            return;
        }
        long[] mask = tickleMask;
        CpuBits.clearAll(mask);
        if (nw.pri > curPri) {
            CpuBits.set(mask, cpu);
        }
        {
            CpuMask affinity = nw.view.affinity();
            if (config.tickleOneIdle()) {
                CpuBits.clearAll(idleMask);
                for (int c = CpuBits.next(idlers, 0); c >= 0; c = CpuBits.next(idlers, c + 1)) {
                    if (affinity.contains(c)) {
                        CpuBits.set(idleMask, c);
                    }
                }
                if (!CpuBits.isEmpty(idleMask)) {
                    int here = ctx.currentPcpu();
                    CreditPcpu self = pcpus[here >= 0 && here < nPcpus ? here : cpu];
                    self.lastTickleCpu = CpuBits.cycle(idleMask, self.lastTickleCpu);
                    CpuBits.set(mask, self.lastTickleCpu);
                }
            } else {
                for (int i = 0; i < mask.length; i++) {
                    mask[i] |= idlers[i];
                }
            }
            for (int c = CpuBits.next(mask, 0); c >= 0; c = CpuBits.next(mask, c + 1)) {
                if (!affinity.contains(c)) {
                    CpuBits.clear(mask, c);
                }
            }
        }
        for (int c = CpuBits.next(mask, 0); c >= 0; c = CpuBits.next(mask, c + 1)) {
            raise(c, nw);
        }
    }

    private void raise(int cpu, CreditVcpu nw) {
        if (trace.on()) {
            trace.emit(trace.tickle, cpu, nw.view, cpu, nw.pri);
        }
        ctx.tickle(cpu);
    }
}
