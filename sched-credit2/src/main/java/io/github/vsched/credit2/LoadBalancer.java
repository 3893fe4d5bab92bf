package io.github.vsched.credit2;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.VcpuView;

import java.util.List;

/**
 * Moving VCPUs between runqueues: {@code balance_load} with {@code consider}, {@code migrate} and
 * {@code unit_is_migrateable} (4.19 lines 2563-2876), and placement on migration,
 * {@code csched2_res_pick} and {@code csched2_unit_migrate} (2346-2561, 2878-2903).
 *
 * <p>How a move reaches the engine: a VCPU that is not scheduled is moved through the engine's
 * migrate path right away (its sleep hook takes it off the old runqueue, {@link #pick} assigns it
 * to the target and names the PCPU, the wake hook queues and tickles it there), which is what
 * Xen's {@code migrate} does in place. A scheduled VCPU is flagged as Xen flags it, and the
 * engine's migrate is started when its context is saved (see {@link Credit2Vcpu#migratePending}).
 */
final class LoadBalancer {
    private final Credit2Scheduler s;
    private final SchedulerContext ctx;
    private final Credit2Config config;
    private final Credit2Trace trace;
    private final LoadTracker load;
    private final List<Credit2Runqueue> runqueues;
    private final PcpuSet scratch;

    // balance_state_t
    private long loadDelta;
    private Credit2Vcpu bestPush;
    private Credit2Vcpu bestPull;

    LoadBalancer(Credit2Scheduler s, SchedulerContext ctx, Credit2Config config, Credit2Trace trace,
                 LoadTracker load, List<Credit2Runqueue> runqueues) {
        this.s = s;
        this.ctx = ctx;
        this.config = config;
        this.trace = trace;
        this.load = load;
        this.runqueues = runqueues;
        this.scratch = new PcpuSet(ctx.pcpuCount());
    }

    /**
     * Restates Xen 4.19 {@code balance_load} (credit2.c lines 2694-2870; reference 7.3 and 7.4) in
     * one method, as Xen writes it, run on a credit reset: find the runqueue whose load average
     * differs most from ours; if the difference passes the tolerance, move the VCPU (push, pull)
     * or the pair (swap) that leaves the two averages closest.
     */
    void balance(int cpu, long now) {
        Credit2Runqueue lrqd = s.pcpu(cpu).rqd;
        load.updateRunq(lrqd, 0, now);

        Credit2Runqueue maxDeltaRqd = null;
        Credit2Runqueue orqd = null;
        loadDelta = 0;
        for (int i = 0; i < runqueues.size(); i++) {
            Credit2Runqueue rqd = runqueues.get(i);
            orqd = rqd; // Xen's loop variable: left at the last runqueue of the list
            if (rqd == lrqd) {
                continue;
            }
            load.updateRunq(rqd, 0, now);
            long delta = Math.abs(lrqd.bAvgload - rqd.bAvgload);
            if (delta > loadDelta) {
                loadDelta = delta;
                maxDeltaRqd = rqd;
            }
        }
        if (maxDeltaRqd == null) {
            return;
        }

        // the capacity test reads the last runqueue of the loop, not the one found (as Xen does)
        long loadMax = Math.max(lrqd.bAvgload, orqd.bAvgload);
        int cpusMax = Math.max(lrqd.nrCpus, orqd.nrCpus);
        if (trace.on()) {
            trace.emit(trace.loadCheck, cpu, null, maxDeltaRqd.id, loadDelta);
        }
        int p = config.loadPrecisionShift();
        if (loadMax < ((long) cpusMax << p)) {
            if (loadDelta < (1L << (p + config.balanceUnder()))) {
                return;
            }
        } else if (loadDelta < (1L << (p + config.balanceOver()))) {
            return;
        }

        orqd = maxDeltaRqd;
        if (trace.on()) {
            trace.emit(trace.loadBalance, cpu, null, lrqd.bAvgload, orqd.bAvgload);
        }
        bestPush = null;
        bestPull = null;
        boolean innerLoadUpdated = false;
        List<Credit2Vcpu> lsvc = lrqd.assigned;
        List<Credit2Vcpu> osvc = orqd.assigned;
        for (int i = 0; i < lsvc.size(); i++) {
            Credit2Vcpu push = lsvc.get(i);
            load.updateVcpu(push, 0, now);
            if (!migrateable(push, orqd)) {
                continue;
            }
            for (int j = 0; j < osvc.size(); j++) {
                Credit2Vcpu pull = osvc.get(j);
                if (!innerLoadUpdated) {
                    load.updateVcpu(pull, 0, now);
                }
                if (!migrateable(pull, lrqd)) {
                    continue;
                }
                consider(lrqd, orqd, push, pull);
            }
            innerLoadUpdated = true;
            consider(lrqd, orqd, push, null);
        }
        for (int j = 0; j < osvc.size(); j++) {
            Credit2Vcpu pull = osvc.get(j);
            if (!migrateable(pull, lrqd)) {
                continue;
            }
            consider(lrqd, orqd, null, pull);
        }
        Credit2Vcpu push = bestPush;
        Credit2Vcpu pull = bestPull;
        bestPush = null;
        bestPull = null;
        if (push != null) {
            migrate(push, orqd, now);
        }
        if (pull != null) {
            migrate(pull, lrqd, now);
        }
    }

    /** {@code consider}: keep the move if it leaves the two averages closer than the best so far. */
    private void consider(Credit2Runqueue lrqd, Credit2Runqueue orqd, Credit2Vcpu push, Credit2Vcpu pull) {
        long l = lrqd.bAvgload;
        long o = orqd.bAvgload;
        if (push != null) {
            l -= push.avgload;
            o += push.avgload;
        }
        if (pull != null) {
            l += pull.avgload;
            o -= pull.avgload;
        }
        long delta = Math.abs(l - o);
        if (delta < loadDelta) {
            loadDelta = delta;
            bestPush = push;
            bestPull = pull;
        }
    }

    /** {@code unit_is_migrateable}: not already asked to move, and allowed on a PCPU of {@code rqd}. */
    private static boolean migrateable(Credit2Vcpu svc, Credit2Runqueue rqd) {
        return !svc.has(Credit2Vcpu.RUNQ_MIGRATE_REQUEST) && rqd.active.intersects(svc.vcpu.affinity());
    }

    /**
     * {@code migrate}: a scheduled VCPU is flagged to move to {@code trqd} and its PCPU tickled; any
     * other is moved now.
     */
    void migrate(Credit2Vcpu svc, Credit2Runqueue trqd, long now) {
        VcpuView v = svc.vcpu;
        if (trace.on()) {
            trace.emit(trace.migrate, v.processor(), v, svc.rqd.id, trqd.id);
        }
        svc.migrateRqd = trqd;
        if (svc.has(Credit2Vcpu.SCHEDULED)) {
            svc.flags |= Credit2Vcpu.RUNQ_MIGRATE_REQUEST;
            svc.migratePending = true;
            s.tickler().tickleCpu(v.processor(), svc.rqd);
        } else {
            svc.balanceMove = true;
            ctx.migrate(v); // sleep hook, then pick(), then the wake hook on the new PCPU
            svc.balanceMove = false;
        }
    }

    /**
     * The PCPU a VCPU being migrated goes to ({@code csched2_res_pick} followed by
     * {@code csched2_unit_migrate}, which moves it to the runqueue of that PCPU). With
     * {@code commit} false nothing changes.
     */
    int pick(Credit2Vcpu svc, boolean commit) {
        if (svc.balanceMove && commit) {
            Credit2Runqueue trqd = svc.migrateRqd;
            svc.migrateRqd = null;
            return moveTo(svc, trqd);
        }
        int newCpu = resPick(svc, commit);
        if (!commit) {
            return newCpu;
        }
        Credit2Runqueue trqd = s.pcpu(newCpu).rqd;
        if (trqd != svc.rqd) {
            return moveTo(svc, trqd);
        }
        return newCpu;
    }

    /**
     * {@code csched2_res_pick}: the runqueue a balance_load request named, if still allowed;
     * otherwise the runqueue with the lowest balancing load among those the hard affinity allows
     * (counting the VCPU's own runqueue without it), preferring one that meets the soft affinity;
     * then a PCPU of it, cycling from its pick bias.
     */
    private int resPick(Credit2Vcpu svc, boolean commit) {
        CpuMask hard = svc.vcpu.affinity();
        if (svc.has(Credit2Vcpu.RUNQ_MIGRATE_REQUEST)) {
            Credit2Runqueue m = svc.migrateRqd;
            if (commit) {
                svc.flags &= ~Credit2Vcpu.RUNQ_MIGRATE_REQUEST;
                svc.migrateRqd = null;
            }
            if (m != null && m.active.intersects(hard)) {
                scratch.copyFrom(hard).and(m.active);
                int cpu = scratch.cycle(m.pickBias);
                if (commit) {
                    m.pickBias = cpu;
                }
                return traced(svc, m, cpu);
            }
        }
        boolean hasSoft = svc.hasSoftAffinity();
        long minAvg = Long.MAX_VALUE;
        long minSoftAvg = Long.MAX_VALUE;
        Credit2Runqueue minRqd = null;
        Credit2Runqueue minSoftRqd = null;
        for (int i = 0; i < runqueues.size(); i++) {
            Credit2Runqueue rqd = runqueues.get(i);
            if (!rqd.active.intersects(hard)) {
                continue;
            }
            long avg = rqd == svc.rqd ? Math.max(rqd.bAvgload - svc.avgload, 0) : rqd.bAvgload;
            if (hasSoft && avg < minSoftAvg) {
                scratch.copyFrom(hard).and(rqd.active);
                if (scratch.intersects(svc.soft)) {
                    minSoftAvg = avg;
                    minSoftRqd = rqd;
                }
            }
            if (avg < minAvg) {
                minAvg = avg;
                minRqd = rqd;
            }
        }
        if (minRqd == null) {
            throw new IllegalStateException("credit2: no runqueue allows " + svc.vcpu.name() + " (affinity " + hard + ")");
        }
        if (hasSoft && minSoftRqd != null) {
            scratch.copyFrom(hard).and(svc.soft).and(minSoftRqd.active);
        } else {
            scratch.copyFrom(hard).and(minRqd.active);
        }
        // the cycle starts from the hard-affinity minimum's bias even when the soft one won (as Xen)
        int cpu = scratch.cycle(minRqd.pickBias);
        if (commit) {
            minRqd.pickBias = cpu;
        }
        return traced(svc, minRqd, cpu);
    }

    private int traced(Credit2Vcpu svc, Credit2Runqueue rqd, int cpu) {
        if (trace.on()) {
            trace.emit(trace.pickedCpu, svc.vcpu.processor(), svc.vcpu, rqd.id, cpu);
        }
        return cpu;
    }

    /**
     * The "not scheduled" half of {@code migrate}: leave the old runqueue, take a PCPU of the new one
     * (cycling from its pick bias) and join it.
     */
    private int moveTo(Credit2Vcpu svc, Credit2Runqueue trqd) {
        svc.rqd.deassign(svc);
        scratch.copyFrom(svc.vcpu.affinity()).and(trqd.active);
        int cpu = scratch.cycle(trqd.pickBias);
        trqd.pickBias = cpu;
        trqd.assign(svc);
        return cpu;
    }
}
