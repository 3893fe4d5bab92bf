package io.github.vsched.credit;

import static io.github.vsched.credit.CreditPriority.BOOST;
import static io.github.vsched.credit.CreditPriority.IDLE;
import static io.github.vsched.credit.CreditPriority.OVER;
import static io.github.vsched.credit.CreditPriority.UNDER;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.Durations;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.ScheduleDecision;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.VcpuView;

import java.util.function.Consumer;

/**
 * Xen's credit scheduler, {@code sched_credit_def} of Xen 4.0 ({@code xen/common/sched_credit.c}
 * at RELEASE-4.0.0), with the later-release switches of {@link CreditConfig}. Each hook names
 * the Xen function it restates; section numbers refer to {@code xen-credit-reference.md}.
 *
 * <p>The parts of {@code sched_credit.c} with state of their own are classes beside this one:
 * {@link RunqTickle} ({@code __runq_tickle} and {@code idlers}), {@link LoadBalancer}
 * ({@code csched_load_balance}, {@code csched_runq_steal}), {@link CpuPicker}
 * ({@code _csched_cpu_pick}), {@link CreditTicker} ({@code csched_tick}, the accounting timer) and
 * {@link CreditAccounting} ({@code csched_acct}, {@code burn_credits}).
 *
 * <p>The hot paths (wake, schedule, tick, accounting) allocate nothing: state lives in
 * {@link CreditVcpu}, {@link CreditPcpu} and {@link CreditDomain} nodes linked intrusively, and
 * CPU masks are scratch bitmaps.
 */
public final class CreditScheduler implements Scheduler {
    private final SchedulerContext ctx;
    private CreditConfig config;
    private final CreditTrace trace;
    private final int nPcpus;
    /** The PCPUs of this scheduler's cpupool ({@code cpupool_online_cpumask}); all without pools. */
    private final CpuMask online;
    /** How many ({@code prv->ncpus}): the credit handed out per accounting period scales with it. */
    private final int ncpus;
    private final CreditPcpu[] pcpus;
    private final CreditAccounting acct;
    private final CpuPicker picker;
    /** {@code __runq_tickle}, with {@code idlers}. */
    private final RunqTickle tickler;
    /** {@code idlers} ({@link RunqTickle#idlers}): PCPUs whose last schedule chose their idle VCPU. */
    private final long[] idlers;
    /** {@code csched_load_balance} and {@code csched_runq_steal}. */
    private final LoadBalancer balancer;
    /** The ticks ({@code csched_tick}) and the accounting timer ({@code csched_acct}). */
    private final CreditTicker ticker;
    /** Hooks of a scheduler built on credit; {@link CreditExtension#NONE} for plain credit. */
    private final CreditExtension ext;

    /**
     * Creates the scheduler of one machine; per-PCPU state follows in {@link #init()}.
     *
     * @param ctx    the engine
     * @param config resolved settings
     */
    public CreditScheduler(SchedulerContext ctx, CreditConfig config) {
        this(ctx, config, CreditExtension.NONE);
    }

    /**
     * Creates credit with an extension's hooks (a scheduler built on credit, such as
     * srt-credit).
     *
     * @param ctx       the engine
     * @param config    resolved settings
     * @param extension the hooks; attached to this scheduler only
     */
    public CreditScheduler(SchedulerContext ctx, CreditConfig config, CreditExtension extension) {
        this.ctx = ctx;
        this.ext = extension;
        this.config = config;
        this.trace = new CreditTrace(ctx);
        this.nPcpus = ctx.pcpuCount();
        this.online = ctx.cpus();
        this.ncpus = online.size();
        this.pcpus = new CreditPcpu[nPcpus];
        this.acct = new CreditAccounting(ctx, config, trace, ncpus);
        this.picker = new CpuPicker(ctx.topology(), nPcpus);
        this.tickler = new RunqTickle(ctx, config, trace, pcpus);
        this.idlers = tickler.idlers;
        this.balancer = new LoadBalancer(config, trace, pcpus, idlers, extension);
        this.ticker = new CreditTicker(ctx, config, trace, acct, picker, pcpus, idlers);
        this.acct.ext = extension;
        extension.attach(this, ctx);
    }

    /** The settings this scheduler runs with. */
    public CreditConfig config() {
        return config;
    }

    /** The parameters {@code csched_sys_cntl} sets ({@code xl sched-credit -s -t TSLICE -r RATELIMIT}). */
    static final java.util.Set<String> GLOBAL_AT_RUN_TIME = java.util.Set.of("tsliceMs", "ratelimitUs");

    /**
     * {@code csched_sys_cntl} for {@code XEN_SYSCTL_SCHEDOP_putinfo} (Xen 4.2+, {@code xl
     * sched-credit -s -t T -r R}): checks the tslice and the rate limit, refuses a rate limit
     * above the tslice (at boot Xen clamps it; at run time it refuses), and sets both with
     * {@code __csched_set_tslice}: the tick period, the credits per tslice and the credit to
     * share at accounting follow at once; each PCPU's tick and the accounting timer take the new
     * periods when they are next re-armed, as in Xen. Every other parameter keeps its value.
     *
     * @throws InvalidParameterException under xenVersion 4.0 (Xen 4.0's credit has no
     *                                   {@code adjust_global}), for another parameter changed, or
     *                                   for a rate limit above the tslice
     */
    @Override
    public void adjustGlobal(Parameters params, Parameters previous) {
        for (String name : params.values().keySet()) {
            if (!GLOBAL_AT_RUN_TIME.contains(name) && !java.util.Objects.equals(params.values().get(name),
                    previous.values().get(name))) {
                throw new InvalidParameterException(params.owner() + "." + name, String.valueOf(params.values().get(name)),
                        "its value at boot, " + previous.values().get(name) + ": csched_sys_cntl changes only tsliceMs"
                                + " and ratelimitUs during a run");
            }
        }
        CreditConfig next = CreditConfig.from(params);
        if (CreditConfig.releaseNumber(next.xenVersion()) < 402) {
            throw new InvalidParameterException(params.owner() + ".tsliceMs",
                    "cannot change during a run under xenVersion " + next.xenVersion() + ": Xen 4.0's credit has no"
                            + " adjust_global (csched_sys_cntl and xl sched-credit -s came with 4.2)");
        }
        long ratelimitUs = params.has("ratelimitUs") ? params.integer("ratelimitUs") : next.ratelimitNs() / Durations.US;
        if (ratelimitUs * Durations.US > next.tsliceNs()) {
            throw new InvalidParameterException(params.owner() + ".ratelimitUs", Long.toString(ratelimitUs),
                    "at most the tslice, " + Durations.format(next.tsliceNs()) + " (csched_sys_cntl refuses more)");
        }
        config = next;
        acct.reconfigure(next);
        tickler.reconfigure(next);
        balancer.reconfigure(next);
        ticker.reconfigure(next);
    }

    /** The extension's hooks (a no-op extension for plain credit). */
    public CreditExtension extension() {
        return ext;
    }

    // ---------------------------------------------------------------- setup

    /**
     * {@code csched_pcpu_init} for every PCPU and {@code csched_start_tickers}: every PCPU
     * starts idle (in {@code idlers}); ticks start with independent random phases or aligned
     * ({@code tickPhase}); the accounting timer runs on PCPU 0, the master, one tslice from now.
     * In a cpupool, only the pool's PCPUs, and the master is its first PCPU (Xen makes the first
     * CPU {@code csched_alloc_pdata} sees the master).
     */
    @Override
    public void init() {
        long now = ctx.now();
        for (int c = online.next(0); c >= 0; c = online.next(c + 1)) {
            PcpuView pv = ctx.pcpu(c);
            CreditVcpu idle = new CreditVcpu(pv.idleVcpu(), null);
            ctx.setPrivate(pv.idleVcpu(), idle);
            CreditPcpu spc = new CreditPcpu(c, pv, idle);
            spc.curr = idle;
            spc.idleBias = nPcpus - 1; // NR_CPUS-1: cycle_cpu from it starts at the first member
            spc.runqSortLast = acct.runqSort;
            spc.lastLoadBalance = now;
            spc.ticker = ctx.newTimer("credit-tick-" + c, c, t -> ticker.tick(spc, t));
            ctx.setPrivate(pv, spc);
            pcpus[c] = spc;
            CpuBits.set(idlers, c);
        }
        tickler.idlerCount = ncpus;
        ticker.start(now, online.next(0));
        ext.init();
    }

    /** {@code csched_dom_init}, with the domain's {@code weight} and {@code cap}. */
    @Override
    public void addDomain(DomainView domain) {
        Parameters p = domain.schedulerParameters();
        int cap = (int) p.integer("cap");
        checkCap(p, cap);
        ctx.setPrivate(domain, new CreditDomain(domain, (int) p.integer("weight"), cap));
    }

    /** {@code csched_vcpu_init}: pri UNDER, credit 0, not active. */
    @Override
    public void addVcpu(VcpuView vcpu) {
        ctx.setPrivate(vcpu, new CreditVcpu(vcpu, (CreditDomain) vcpu.domain().schedulerPrivate()));
        ext.addVcpu(vcpu);
    }

    /** {@code csched_vcpu_destroy}: leave the active set. */
    @Override
    public void removeVcpu(VcpuView vcpu) {
        ext.removeVcpu(vcpu);
        CreditVcpu svc = vcpu(vcpu);
        if (svc.runq != null) {
            svc.runq.remove(svc);
        }
        if (svc.active) {
            acct.stop(svc);
        }
    }

    /**
     * {@code csched_dom_cntl} putinfo ({@code xl sched-credit -d D -w W -c C}): a new weight
     * replaces the old one in the global weight if the domain is active; the cap applies from
     * the next accounting pass.
     */
    @Override
    public void adjustDomain(DomainView domain, Parameters previous) {
        CreditDomain sdom = (CreditDomain) domain.schedulerPrivate();
        Parameters p = domain.schedulerParameters();
        int cap = (int) p.integer("cap");
        checkCap(p, cap);
        acct.setWeight(sdom, (int) p.integer("weight"));
        sdom.cap = cap;
    }

    /** Per-VCPU parameters belong to an extension; plain credit has none. */
    @Override
    public void adjustVcpu(VcpuView vcpu, Parameters previous) {
        ext.adjustVcpu(vcpu, previous);
    }

    /** Guest hypercalls go to the extension; plain credit answers ENOSYS. */
    @Override
    public long hypercall(VcpuView caller, int op, long arg0, long arg1) {
        return ext.hypercall(caller, op, arg0, arg1);
    }

    private void checkCap(Parameters p, int cap) {
        if (cap > 100 * ncpus) {
            throw new InvalidParameterException(p.owner() + ".cap", Integer.toString(cap),
                    "a value in [0, " + 100 * ncpus + "] % (100 per PCPU of its cpupool; 0 = no cap)");
        }
    }

    // ---------------------------------------------------------------- wake, sleep, yield

    /**
     * {@code csched_vcpu_wake} (sched_credit.c:625-678; 7.1): no-op if running or queued;
     * boost from UNDER unless parked (or, with {@code noBoostOnMigrate}, completing a
     * migration); insert into the runq of {@code v->processor}; tickle.
     */
    @Override
    public void wake(VcpuView vcpu) {
        CreditVcpu svc = vcpu(vcpu);
        CreditPcpu spc = pcpus[vcpu.processor()];
        if (spc.curr == svc || svc.runq != null) {
            return;
        }
        boolean migrating = svc.migrating;
        svc.migrating = false;
        if (!migrating && svc.pri == UNDER && !svc.parked) {
            svc.pri = BOOST;
            if (trace.on()) {
                trace.emit(trace.boost, spc.id, vcpu, svc.credit, 0);
            }
        }
        svc.pri = ext.wakePriority(vcpu, svc.pri, ctx.now());
        spc.runq.insert(svc, svc.yielding);
        tickler.tickle(spc, svc);
    }

    /**
     * {@code csched_vcpu_sleep} (sched_credit.c:610-623): a queued VCPU leaves the runq; for a
     * running one the engine raises the softirq.
     */
    @Override
    public void sleep(VcpuView vcpu) {
        CreditVcpu svc = vcpu(vcpu);
        if (svc.runq != null) {
            dequeue(svc);
        }
    }

    /**
     * {@code csched_vcpu_yield} (4.1+): set the YIELD flag. In Xen 4.0 a yield only raises the
     * softirq, which the engine does.
     */
    @Override
    public void yield(VcpuView vcpu) {
        if (config.yieldFlag()) {
            vcpu(vcpu).yielding = true;
        }
    }

    // ---------------------------------------------------------------- schedule

    /**
     * {@code csched_schedule} (sched_credit.c:1140-1208; 8.1), with the 4.2+ rate limit (8.2),
     * the 4.18 load-balance rate limit and the 4.13 tick stop: charge the current VCPU,
     * requeue it if runnable, take the runq head, and load-balance if the head is OVER or IDLE.
     * The slice is the tslice for a guest VCPU (fresh on every pass) and none for idle.
     */
    @Override
    public void schedule(PcpuView pcpu, long now, ScheduleDecision out) {
        CreditPcpu spc = (CreditPcpu) pcpu.schedulerPrivate();
        // Xen's per_cpu(schedule_data).curr, which the engine's current() equals
        CreditVcpu scur = spc.curr;
        VcpuView curV = scur.view;
        boolean curIdle = scur.idle;
        // vcpu_runnable: false also while _VPF_migrating is set (a pause flag in Xen)
        boolean runnable = curIdle || curV.isRunnable();

        if (!curIdle) {
            acct.burn(scur, now);
            scur.startTime -= now;
            scur.pri = ext.descheduledPriority(curV, scur.pri, runnable, now);
        }

        long ratelimit = config.ratelimitNs();
        if (ratelimit != 0 && !curIdle && runnable && !(config.yieldSkipsRatelimit() && scur.yielding)
                && !(spc.runq.head != null && ext.overridesRatelimit(spc.runq.head.pri))) {
            long runtime = now - curV.stateEntryTime();
            if (runtime < 0) {
                runtime = 0;
            }
            if (runtime < ratelimit) {
                // keep the current VCPU regardless of priorities (4.2+)
                scur.startTime += now;
                long slice = ratelimit;
                if (config.ratelimitRemaining()) {
                    slice = runtime < CreditConfig.MIN_TIMER_NS ? CreditConfig.MIN_TIMER_NS : ratelimit - runtime;
                }
                if (trace.on()) {
                    trace.emit(trace.ratelimit, spc.id, curV, runtime, slice);
                }
                out.run(curV, ext.slice(curV, scur.pri, slice, now));
                return;
            }
        }

        RunQueue runq = spc.runq;
        if (runnable) {
            runq.insert(scur, scur.yielding);
        }
        if (!config.noStealYielded()) {
            scur.yielding = false; // 4.1-4.17: cleared before scheduling out
        }

        CreditVcpu snext = runq.head;
        if (snext == null) {
            // Xen BUG_ONs this: the idle VCPU is queued whenever a guest VCPU runs
            throw new IllegalStateException("credit: empty runq on PCPU " + spc.id + " descheduling " + curV.name());
        }
        if (snext.pri <= OVER && balancer.loadBalanceAllowed(spc, now)) {
            snext = balancer.loadBalance(spc, snext, now);
        } else {
            dequeue(snext);
        }

        tickler.setIdler(spc.id, snext.pri == IDLE);
        if (!snext.idle) {
            snext.startTime += now;
        }

        if (config.tickStopOnIdle()) {
            if (!curIdle && snext.idle) {
                spc.ticker.cancel();
            } else if (curIdle && !snext.idle) {
                long period = config.tickPeriodNs();
                spc.ticker.set(now + period - now % period);
            }
        }
        spc.curr = snext;
        out.run(snext.view, snext.idle ? ScheduleDecision.NO_SLICE
                : ext.slice(snext.view, snext.pri, config.tsliceNs(), now));
    }

    /** {@code __runq_remove}; with {@code noStealYielded} (4.18) it also clears YIELD. */
    private void dequeue(CreditVcpu svc) {
        svc.runq.dequeue(svc, config.noStealYielded());
    }

    // ---------------------------------------------------------------- pick_cpu

    /**
     * {@code csched_cpu_pick} ({@code _csched_cpu_pick} with commit; 9.2). With
     * {@code noBoostOnMigrate} it marks the VCPU MIGRATING so that the wake that follows does
     * not boost (4.7, {@code csched_res_pick}).
     */
    @Override
    public int pickCpu(VcpuView vcpu, boolean commit) {
        int cpu = picker.pick(vcpu, vcpu.processor(), idlers, pcpus, commit);
        if (commit) {
            if (config.noBoostOnMigrate()) {
                vcpu(vcpu).migrating = true;
            }
            if (trace.on()) {
                trace.emit(trace.pickedCpu, cpu, vcpu, cpu, 0);
            }
        }
        return cpu;
    }

    // ---------------------------------------------------------------- timers

    /**
     * {@code csched_tick_suspend} (4.0-4.12): cpuidle stops the tick while the PCPU sleeps in a
     * C-state. Nothing with {@code tickStopOnIdle}, where credit manages its tick alone.
     */
    @Override
    public void tickSuspend(int pcpu) {
        ticker.suspend(pcpu);
    }

    /**
     * {@code csched_tick_resume} (4.0-4.12): re-arm the tick at the next multiple of the tick
     * period of system time.
     */
    @Override
    public void tickResume(int pcpu) {
        ticker.resume(pcpu);
    }

    // ---------------------------------------------------------------- queues

    /** Lists a PCPU's runq in order, idle VCPU excluded ({@code csched_dump_pcpu}). */
    @Override
    public void forEachQueued(int pcpu, Consumer<VcpuView> action) {
        for (CreditVcpu e = pcpus[pcpu].runq.head; e != null; e = e.runqNext) {
            if (!e.idle) {
                action.accept(e.view);
            }
        }
    }

    /**
     * Xen's {@code csched_dump} and {@code csched_dump_pcpu}: the settings, then per PCPU what
     * runs there and its runq in order, each VCPU with its priority, credit and flags.
     */
    @Override
    public void dumpState(StringBuilder out) {
        out.append("credit ").append(config.xenVersion()).append(": tslice ").append(Durations.format(config.tsliceNs()))
                .append(", tick ").append(Durations.format(config.tickPeriodNs())).append(", ratelimit ")
                .append(Durations.format(config.ratelimitNs())).append('\n');
        for (int c = 0; c < nPcpus; c++) {
            VcpuView cur = ctx.pcpu(c).current();
            out.append("pcpu").append(c).append(": running ")
                    .append(cur.isIdle() || !(cur.schedulerPrivate() instanceof CreditVcpu cv) ? cur.name() : cv.toString())
                    .append("; runq:");
            boolean any = false;
            for (CreditVcpu e = pcpus[c].runq.head; e != null; e = e.runqNext) {
                if (!e.idle) {
                    out.append(' ').append(e);
                    any = true;
                }
            }
            out.append(any ? "" : " empty").append('\n');
        }
    }

    /** Always true: credit's runqs are enumerable. */
    @Override
    public boolean reportsQueues() {
        return true;
    }

    // ---------------------------------------------------------------- for extensions

    /**
     * Changes a guest VCPU's priority now, the way Xen would see it: a queued VCPU is requeued
     * with its new priority and its PCPU tickled as for a wake-up; a running VCPU whose priority
     * drops below the head of its runq gets its PCPU rescheduled; a blocked VCPU keeps the new
     * priority for its next wake-up.
     */
    public void changePriority(VcpuView v, int pri) {
        CreditVcpu svc = vcpu(v);
        if (svc.idle || svc.pri == pri) {
            return;
        }
        int old = svc.pri;
        if (trace.on()) {
            trace.emit(trace.pri, v.processor(), v, pri, old);
        }
        CreditPcpu spc = pcpus[v.processor()];
        if (svc.runq != null) {
            RunQueue q = svc.runq;
            dequeue(svc);
            svc.pri = pri;
            q.insert(svc, false);
            tickler.tickle(spc, svc);
        } else {
            svc.pri = pri;
            if (spc.curr == svc && pri < old && spc.runq.head != null && spc.runq.head.pri > pri) {
                ctx.tickle(spc.id);
            }
        }
    }

    // ---------------------------------------------------------------- inspection

    private static CreditVcpu vcpu(VcpuView v) {
        return (CreditVcpu) v.schedulerPrivate();
    }

    /** A VCPU's priority ({@link CreditPriority}), for tests and tools. */
    public int priority(VcpuView v) {
        return vcpu(v).pri;
    }

    /** {@link CreditPriority#name}, or the extension's name ({@link CreditExtension#priorityName}). */
    @Override
    public String priorityName(VcpuView v) {
        return v.isIdle() ? "IDLE" : ext.priorityName(v, vcpu(v).pri);
    }

    /** A VCPU's credit. */
    public int credit(VcpuView v) {
        return vcpu(v).credit;
    }

    /** Whether a VCPU is on its domain's active list. */
    public boolean isActive(VcpuView v) {
        return vcpu(v).active;
    }

    /** Whether a VCPU is parked by its domain's cap. */
    public boolean isParked(VcpuView v) {
        return vcpu(v).parked;
    }

    /** The global weight ({@code csched_priv.weight}). */
    public long totalWeight() {
        return acct.weight;
    }

    /** The previous accounting period's credit balance ({@code csched_priv.credit_balance}). */
    public int creditBalance() {
        return acct.creditBalance;
    }

    /** Whether a PCPU is in {@code idlers}. */
    public boolean isIdler(int pcpu) {
        return CpuBits.test(idlers, pcpu);
    }

    /** The accounting state (for tests). */
    CreditAccounting accounting() {
        return acct;
    }

    /** The runq of a PCPU (for tests). */
    RunQueue runq(int pcpu) {
        return pcpus[pcpu].runq;
    }

    /** A VCPU's state (for tests). */
    CreditVcpu state(VcpuView v) {
        return vcpu(v);
    }
}
