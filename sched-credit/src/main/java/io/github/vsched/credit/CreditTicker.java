package io.github.vsched.credit;

import static io.github.vsched.credit.CreditPriority.BOOST;
import static io.github.vsched.credit.CreditPriority.UNDER;

import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.Timer;
import io.github.vsched.api.VcpuView;

/**
 * Credit's timers: each PCPU's {@code ticker} running {@code csched_tick} with
 * {@code csched_vcpu_acct} and {@code csched_runq_sort}, and the master PCPU's
 * {@code master_ticker} running {@code csched_acct}; started by {@code csched_start_tickers},
 * stopped and restarted around C-states by {@code csched_tick_suspend} / {@code _resume}
 * (Xen 4.0 sched_credit.c; reference 3, 4.1 and 6.2). Allocation-free once started.
 */
final class CreditTicker {
    private final SchedulerContext ctx;
    private CreditConfig config;
    private final CreditTrace trace;
    private final CreditAccounting acct;
    private final CpuPicker picker;
    private final CreditPcpu[] pcpus;
    /** The scheduler's {@code idlers} ({@link RunqTickle#idlers}), for the migration check. */
    private final long[] idlers;
    /** The master PCPU's accounting timer ({@code master_ticker}). */
    private Timer masterTicker;

    CreditTicker(SchedulerContext ctx, CreditConfig config, CreditTrace trace, CreditAccounting acct,
                 CpuPicker picker, CreditPcpu[] pcpus, long[] idlers) {
        this.ctx = ctx;
        this.config = config;
        this.trace = trace;
        this.acct = acct;
        this.picker = picker;
        this.pcpus = pcpus;
        this.idlers = idlers;
    }

    /** New settings during a run: the timers take the new periods when they are next re-armed. */
    void reconfigure(CreditConfig next) {
        this.config = next;
    }

    /**
     * {@code csched_start_tickers}: each PCPU's tick (created by the scheduler's {@code init})
     * starts with an independent random phase or aligned ({@code tickPhase}); the accounting
     * timer runs on {@code master}, one tslice from now.
     */
    void start(long now, int master) {
        long period = config.tickPeriodNs();
        for (CreditPcpu spc : pcpus) {
            if (spc == null) {
                continue; // another cpupool's
            }
            long first = config.alignedTicks()
                    ? now + period - Math.floorMod(now, period)
                    : now + 1 + ctx.random().nextLong(period);
            spc.ticker.set(first);
        }
        masterTicker = ctx.newTimer("credit-acct", master, this::onAcctTimer);
        masterTicker.set(now + config.tsliceNs());
    }

    /**
     * {@code csched_tick} with {@code csched_vcpu_acct} (sched_credit.c:509-550, 1002-1026;
     * 4.1): for a running guest VCPU, demote BOOST to UNDER (without rescheduling), burn its
     * credits, make it active if it is not, otherwise check whether it should migrate; then
     * re-sort the runq if an accounting pass ran since the last sort, and re-arm.
     */
    void tick(CreditPcpu spc, long now) {
        spc.tick++;
        CreditVcpu svc = spc.curr;
        if (!svc.idle) {
            VcpuView curV = svc.view;
            if (svc.pri == BOOST) {
                svc.pri = UNDER;
                if (trace.on()) {
                    trace.emit(trace.unboost, spc.id, curV, svc.credit, 0);
                }
            }
            acct.burn(svc, now);
            if (!svc.active) {
                acct.start(svc);
            } else {
                int to = picker.pick(curV, curV.processor(), idlers, pcpus, false);
                if (to != spc.id) {
                    if (trace.on()) {
                        trace.emit(trace.migrate, spc.id, curV, spc.id, to);
                    }
                    ctx.migrate(curV);
                }
            }
        }
        runqSort(spc);
        spc.ticker.set(now + config.tickPeriodNs());
    }

    /** {@code csched_runq_sort} (sched_credit.c:759-800; 6.2): once per accounting epoch. */
    private void runqSort(CreditPcpu spc) {
        int epoch = acct.runqSort;
        if (epoch == spc.runqSortLast) {
            return;
        }
        spc.runqSortLast = epoch;
        int moved = spc.runq.sortUnderBeforeOver();
        if (trace.on()) {
            trace.emit(trace.sort, spc.id, null, spc.runq.size, moved);
        }
    }

    /** The master's accounting timer: {@code csched_acct}, re-armed one tslice later. */
    private void onAcctTimer(long now) {
        acct.acct();
        masterTicker.set(now + config.tsliceNs());
    }

    /**
     * {@code csched_tick_suspend} (4.0-4.12): cpuidle stops the tick while the PCPU sleeps in a
     * C-state. Nothing with {@code tickStopOnIdle}, where credit manages its tick alone.
     */
    void suspend(int pcpu) {
        if (!config.tickStopOnIdle()) {
            pcpus[pcpu].ticker.cancel();
        }
    }

    /**
     * {@code csched_tick_resume} (4.0-4.12): re-arm the tick at the next multiple of the tick
     * period of system time.
     */
    void resume(int pcpu) {
        if (!config.tickStopOnIdle()) {
            long now = ctx.now();
            long period = config.tickPeriodNs();
            pcpus[pcpu].ticker.set(now + period - now % period);
        }
    }
}
