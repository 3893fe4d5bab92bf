package io.github.vsched.credit2;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.ScheduleDecision;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.VcpuView;

import java.util.List;
import java.util.function.Consumer;

/**
 * Xen's credit2 scheduler ({@code sched_credit2_def}, {@code xen/common/sched/credit2.c} at
 * {@code RELEASE-4.19.0}) on one simulated machine. Each hook names the Xen function it restates;
 * {@code docs/xen-credit2-reference.md} gives the rules with their source lines.
 *
 * <ul>
 *   <li>PCPUs share runqueues by topology ({@link RunqueueLayout}); each runqueue keeps its
 *       runnable VCPUs sorted by credit, and any of its PCPUs runs the best one it may.</li>
 *   <li>Credit is time: a VCPU burns it at {@code max_weight / weight} credits per ns, so the
 *       runqueue's heaviest VCPU burns one per ns. When the best VCPU to run has none left, every
 *       VCPU of the runqueue gets {@code CREDIT_INIT} more (a reset) and load balancing runs
 *       ({@link Credit2Accounting}).</li>
 *   <li>There is no tick: the slice runs until the VCPU's credit falls to the next one's, within
 *       {@code MIN_TIMER} (or the rate limit) and {@code MAX_TIMER}.</li>
 *   <li>A wake-up tickles an idle PCPU of the runqueue, or preempts the running VCPU with the
 *       least credit ({@link RunqTickle}); load averages ({@link LoadTracker}) drive balancing
 *       and placement across runqueues ({@link LoadBalancer}); caps run on budget
 *       ({@link CapBudget}).</li>
 * </ul>
 *
 * <p>Cost: {@code schedule} and {@code wake} allocate nothing; runq insertion and the candidate
 * scan are linear in the runq's length, a credit reset in the runqueue's VCPUs, balancing
 * quadratic in the two runqueues' VCPUs, as in Xen.
 */
public final class Credit2Scheduler implements Scheduler {
    /** {@link #priorityName} of a capped VCPU waiting for budget. */
    static final String PARKED = "PARKED";
    /** {@link #priorityName} of a VCPU with credit left. */
    static final String CREDIT = "CREDIT";
    /** {@link #priorityName} of a VCPU whose credit is used up until the next reset. */
    static final String SPENT = "SPENT";

    private final SchedulerContext ctx;
    private final Credit2Config config;
    /** {@code prv->ratelimit_us} in ns: the config's until {@code csched2_sys_cntl} changes it. */
    private long ratelimitNs;
    private final Credit2Trace trace;
    private final LoadTracker load;
    /** {@code burn_credits}, {@code t2c}, {@code c2t}, {@code reset_credit}. */
    private final Credit2Accounting credits;
    private List<Credit2Runqueue> runqueues;
    private Credit2Pcpu[] pcpus;
    private RunqTickle tickler;
    private LoadBalancer balancer;
    private CapBudget caps;
    private PcpuSet scratch;

    /** Creates the scheduler for the machine behind {@code ctx} with validated settings. */
    Credit2Scheduler(SchedulerContext ctx, Credit2Config config) {
        this.ctx = ctx;
        this.config = config;
        this.ratelimitNs = config.ratelimitNs();
        this.trace = new Credit2Trace(ctx);
        this.load = new LoadTracker(config);
        this.credits = new Credit2Accounting(ctx, trace);
    }

    /**
     * {@code csched2_init}, then {@code csched2_alloc_pdata} and {@code init_cpu_runqueue} for each
     * PCPU in order: the runqueues, every PCPU idle and untickled.
     */
    @Override
    public void init() {
        int n = ctx.pcpuCount();
        // a cpupool's PCPUs only (all without pools): csched2_alloc_pdata runs for each CPU of the pool
        runqueues = RunqueueLayout.build(ctx.topology(), ctx.cpus(), config.arrangement(),
                config.maxCpusPerRunqueue());
        pcpus = new Credit2Pcpu[n];
        for (Credit2Runqueue rqd : runqueues) {
            for (int cpu = rqd.active.next(0); cpu >= 0; cpu = rqd.active.next(cpu + 1)) {
                PcpuSet sib = new PcpuSet(n).copyFrom(ctx.topology().threadSiblings(cpu)).and(rqd.active);
                PcpuView p = ctx.pcpu(cpu);
                Credit2Vcpu idle = new Credit2Vcpu(p.idleVcpu(), null, CpuMask.all(n));
                pcpus[cpu] = new Credit2Pcpu(cpu, rqd, sib, idle);
                ctx.setPrivate(p, pcpus[cpu]);
                rqd.idle.set(cpu);
                rqd.smtIdle.set(cpu);
            }
        }
        tickler = new RunqTickle(this, ctx, config, trace, credits);
        balancer = new LoadBalancer(this, ctx, config, trace, load, runqueues);
        caps = new CapBudget(this, ctx, config, trace, credits);
        scratch = new PcpuSet(n);
    }

    /**
     * {@code csched2_alloc_domdata}: the domain's weight and its replenishment timer (on its pool's first PCPU,
     * {@code cpumask_any} of the pool). The cap is applied once the domain's VCPUs exist, as
     * {@code xl} applies it after creating the domain.
     *
     * @throws InvalidParameterException for a cap above 100 per VCPU of the domain
     */
    @Override
    public void addDomain(DomainView domain) {
        Parameters p = domain.schedulerParameters();
        checkCap(domain, p);
        Credit2Domain sdom = new Credit2Domain(domain, (int) p.integer("weight"));
        sdom.replTimer = ctx.newTimer("credit2-repl-" + domain.name(), ctx.cpus().next(0),
                now -> caps.replenish(sdom, now));
        ctx.setPrivate(domain, sdom);
    }

    /** {@code csched2_free_domdata}: stop its timer. */
    @Override
    public void removeDomain(DomainView domain) {
        domain(domain).replTimer.cancel();
    }

    /**
     * {@code csched2_alloc_udata} and {@code csched2_unit_insert}: full credit, the domain's weight,
     * a load of one half, assigned to the runqueue of the PCPU the engine placed it on (Xen
     * re-picks the least loaded runqueue here, which the SPI cannot express; reference 2.3).
     */
    @Override
    public void addVcpu(VcpuView vcpu) {
        Credit2Domain sdom = domain(vcpu.domain());
        Credit2Vcpu svc = new Credit2Vcpu(vcpu, sdom, softAffinity(vcpu, vcpu.schedulerParameters()));
        load.initVcpu(svc, ctx.now());
        ctx.setPrivate(vcpu, svc);
        pcpus[vcpu.processor()].rqd.assign(svc);
        sdom.vcpus.add(svc);
        sdom.nrVcpus++;
        int cap = (int) sdom.domain.schedulerParameters().integer("cap");
        if (cap != 0 && sdom.nrVcpus == sdom.domain.vcpus().size()) {
            caps.setCap(sdom, cap, ctx.now());
        }
    }

    /** {@code csched2_unit_remove}: leave its runqueue. */
    @Override
    public void removeVcpu(VcpuView vcpu) {
        Credit2Vcpu svc = state(vcpu);
        if (svc.onRunq) {
            svc.rqd.remove(svc);
        }
        svc.rqd.deassign(svc);
        svc.sdom.vcpus.remove(svc);
        svc.sdom.parkedVcpus.remove(svc);
        svc.sdom.nrVcpus--;
    }

    /**
     * {@code csched2_unit_wake} (4.19 lines 2241-2293): nothing for a running or queued VCPU; one
     * still being switched out is queued when its context is saved; any other adds to the load,
     * goes on the runq in credit order and {@code runq_tickle} finds it a PCPU.
     */
    @Override
    public void wake(VcpuView vcpu) {
        Credit2Vcpu svc = state(vcpu);
        if (ctx.pcpu(vcpu.processor()).current() == vcpu || svc.onRunq || !svc.runnable()) {
            return;
        }
        if (svc.has(Credit2Vcpu.SCHEDULED)) {
            svc.flags |= Credit2Vcpu.DELAYED_RUNQ_ADD;
            return;
        }
        long now = ctx.now();
        if (svc.balanceMoveQueued) {
            svc.balanceMoveQueued = false; // Xen's migrate updates only the runqueue's load
            load.update(svc.rqd, null, 1, now);
        } else {
            load.update(svc.rqd, svc, 1, now);
        }
        insert(svc);
        tickler.tickle(svc, now);
    }

    /**
     * {@code csched2_unit_sleep} (4.19 lines 2219-2238): a running VCPU's PCPU is tickled; a queued
     * one leaves the runq and the load; one being switched out is no longer re-queued.
     */
    @Override
    public void sleep(VcpuView vcpu) {
        Credit2Vcpu svc = state(vcpu);
        if (ctx.pcpu(vcpu.processor()).current() == vcpu) {
            tickler.tickleCpu(vcpu.processor(), svc.rqd);
        } else if (svc.onRunq) {
            if (svc.balanceMove) {
                svc.balanceMoveQueued = true;
                load.update(svc.rqd, null, -1, ctx.now());
            } else {
                load.update(svc.rqd, svc, -1, ctx.now());
            }
            svc.rqd.remove(svc);
        } else {
            svc.flags &= ~Credit2Vcpu.DELAYED_RUNQ_ADD;
        }
    }

    /** {@code csched2_unit_yield}: remembered for the next {@code runq_candidate}. */
    @Override
    public void yield(VcpuView vcpu) {
        state(vcpu).flags |= Credit2Vcpu.YIELD;
    }

    /**
     * {@code csched2_schedule} (4.19 lines 3568-3756): charge the current VCPU, make it grab budget
     * if capped and out of it, choose with {@code runq_candidate}, re-queue a runnable current VCPU
     * that loses the PCPU once it is saved, take the choice off the runq, reset credits and balance
     * load when the best credit is used up, compensate a VCPU arriving from another PCPU, keep the
     * idle masks and loads, and run the choice for {@code csched2_runtime}.
     */
    @Override
    public void schedule(PcpuView pcpu, long now, ScheduleDecision out) {
        int cpu = pcpu.id();
        Credit2Pcpu spc = pcpus[cpu];
        Credit2Runqueue rqd = spc.rqd;
        VcpuView curV = pcpu.current();
        Credit2Vcpu scurr = curV.isIdle() ? spc.idleSvc : state(curV);

        if (rqd.tickled.testAndClear(cpu)) {
            tickler.smtIdleSet(cpu, tickler.idleUntickled(rqd), rqd.smtIdle);
        }
        credits.burnCredits(rqd, scurr, now);
        if (scurr.budget <= 0) {
            caps.grab(scurr);
        }

        Credit2Vcpu snext = candidate(rqd, scurr, cpu, now);

        if (snext != scurr && !scurr.idle && scurr.runnable()) {
            scurr.flags |= Credit2Vcpu.DELAYED_RUNQ_ADD;
        }
        if (!snext.idle) {
            if (snext != scurr) {
                rqd.remove(snext);
                snext.flags |= Credit2Vcpu.SCHEDULED;
            } else {
                load.update(rqd, snext, 0, now);
            }
            if (rqd.idle.testAndClear(cpu)) {
                tickler.smtIdleClear(cpu, rqd.smtIdle);
            }
            Credit2Vcpu head = rqd.head();
            int top = head == null ? snext.credit : Math.max(snext.credit, head.credit);
            if (top <= Credit2Config.CREDIT_RESET) {
                credits.resetCredit(rqd, now, snext, tickler);
                balancer.balance(cpu, now);
            }
            snext.startTime = now;
            snext.tickledCpu = -1;
            if (snext.vcpu.processor() != cpu) {
                snext.credit += Credit2Config.MIGRATE_COMPENSATION; // the engine moves it here
            }
        } else {
            if (!rqd.idle.test(cpu)) {
                rqd.idle.set(cpu);
                tickler.smtIdleSet(cpu, tickler.idleUntickled(rqd), rqd.smtIdle);
            }
            load.update(rqd, null, 0, now);
        }
        out.run(snext.vcpu, runtime(rqd, snext, now));
    }

    /**
     * {@code runq_candidate} (4.19 lines 3370-3562): a current VCPU inside its rate limit (and not
     * yielding) stays; else the baseline is the current VCPU if runnable (unless a PCPU of its soft
     * affinity is idle), or idle; the runq is scanned in credit order while credit is higher than
     * the baseline's (or at all if the current VCPU yielded), skipping VCPUs not allowed here,
     * those a tickle reserved for another PCPU, those from another PCPU not beating the baseline by
     * the migrate resistance, and capped ones that get no budget.
     */
    private Credit2Vcpu candidate(Credit2Runqueue rqd, Credit2Vcpu scurr, int cpu, long now) {
        Credit2Vcpu snext;
        boolean yield = false;
        if (scurr.idle) {
            snext = scurr;
        } else {
            yield = scurr.has(Credit2Vcpu.YIELD);
            scurr.flags &= ~Credit2Vcpu.YIELD;
            long ratelimit = ratelimitNs;
            if (!yield && ratelimit != 0 && scurr.runnable() && now - scurr.vcpu.stateEntryTime() < ratelimit) {
                if (trace.on()) {
                    trace.emit(trace.ratelimit, cpu, scurr.vcpu, now - scurr.vcpu.stateEntryTime(), 0);
                }
                return scurr;
            }
            boolean softAffPreempt = false;
            if (scurr.hasSoftAffinity()) {
                PcpuSet soft = scurr.balanceMask(true, scratch);
                if (!soft.test(cpu)) {
                    // outside its soft affinity: leave if a PCPU of it idles untickled
                    softAffPreempt = !soft.and(rqd.idle).andNot(rqd.tickled).isEmpty();
                }
            }
            snext = scurr.runnable() && !softAffPreempt ? scurr : pcpus[cpu].idleSvc;
        }

        Credit2Vcpu next;
        for (Credit2Vcpu svc = rqd.head(); svc != null; svc = next) {
            next = svc.runqNext; // a park below takes svc off the runq
            if (!yield && svc.credit <= snext.credit) {
                break;
            }
            if (!svc.runnable()) {
                continue;
            }
            VcpuView v = svc.vcpu;
            if (!v.affinity().contains(cpu)) {
                continue;
            }
            if (svc.tickledCpu != -1 && svc.tickledCpu != cpu && rqd.tickled.test(svc.tickledCpu)) {
                continue;
            }
            if (v.processor() != cpu && (long) snext.credit + config.migrateResistNs() > svc.credit) {
                continue;
            }
            if (svc.hasCap() && !caps.grab(svc)) {
                continue;
            }
            snext = svc;
            break;
        }
        if (trace.on()) {
            trace.emit(trace.candidate, cpu, snext.vcpu, snext.credit, snext.tickledCpu);
        }
        return snext;
    }

    /**
     * {@code csched2_runtime} (4.19 lines 3272-3364): until the VCPU's credit falls to that of the
     * runq's head if that is positive (else to 0), in time at its burn rate; no more than its budget
     * if capped; at least {@code MIN_TIMER} and what is left of the rate limit, at most
     * {@code MAX_TIMER}. No slice for idle.
     */
    long runtime(Credit2Runqueue rqd, Credit2Vcpu snext, long now) {
        if (snext.idle) {
            return ScheduleDecision.NO_SLICE;
        }
        long minTime = Credit2Config.MIN_TIMER_NS;
        long ratelimit = ratelimitNs;
        if (ratelimit != 0) {
            long rlMin = ratelimit;
            if (snext.vcpu.isRunning()) {
                rlMin = snext.vcpu.stateEntryTime() + ratelimit - now;
            }
            if (rlMin > minTime) {
                minTime = rlMin;
            }
        }
        int rtCredit = snext.credit;
        Credit2Vcpu swait = rqd.head();
        if (swait != null && !swait.idle && swait.credit > 0) {
            rtCredit = snext.credit - swait.credit;
        }
        long time = rtCredit > 0 ? Credit2Accounting.c2t(rqd, rtCredit, snext) : 0;
        if (snext.hasCap() && snext.budget < time) {
            time = snext.budget;
        }
        if (time < minTime) {
            time = minTime;
        } else if (time > Credit2Config.MAX_TIMER_NS) {
            time = Credit2Config.MAX_TIMER_NS;
        }
        return time;
    }

    /**
     * {@code csched2_context_saved} (4.19 lines 2304-2341): the VCPU is no longer scheduled; unused
     * budget goes back to its domain; if flagged, it is queued and tickled for, else it leaves the
     * load; then what Xen flagged while it was scheduled (parked, migrating) is carried out, and
     * VCPUs the returned budget allows are unparked.
     */
    @Override
    public void contextSaved(VcpuView vcpu) {
        if (vcpu.isIdle()) {
            return;
        }
        Credit2Vcpu svc = state(vcpu);
        long now = ctx.now();
        svc.flags &= ~Credit2Vcpu.SCHEDULED;
        List<Credit2Vcpu> wereParked = svc.hasCap() && svc.budget > 0 ? caps.giveBack(svc) : List.of();
        boolean delayed = svc.has(Credit2Vcpu.DELAYED_RUNQ_ADD);
        svc.flags &= ~Credit2Vcpu.DELAYED_RUNQ_ADD;
        if (delayed && svc.runnable()) {
            insert(svc);
            tickler.tickle(svc, now);
        } else {
            load.update(svc.rqd, svc, -1, now);
        }
        if (svc.parkPending) {
            svc.parkPending = false;
            ctx.pause(vcpu);
        }
        if (svc.migratePending) {
            svc.migratePending = false;
            ctx.migrate(vcpu); // pickCpu follows with the request balance_load left
        }
        if (!wereParked.isEmpty()) {
            caps.unpark(wereParked);
        }
    }

    /**
     * {@code csched2_res_pick} then {@code csched2_unit_migrate}: see {@link LoadBalancer#pick}.
     */
    @Override
    public int pickCpu(VcpuView vcpu, boolean commit) {
        return balancer.pick(state(vcpu), commit);
    }

    /**
     * {@code csched2_dom_cntl} with {@code XEN_DOMCTL_SCHEDOP_putinfo} (4.19 lines 2905-3108): the
     * new weight goes to every VCPU and each runqueue's maximum weight; a cap is set, changed or
     * removed as {@link CapBudget#setCap} describes.
     *
     * @throws InvalidParameterException for a cap above 100 per VCPU (libxl refuses it before
     *                                   asking Xen, so nothing changes)
     */
    @Override
    public void adjustDomain(DomainView domain, Parameters previous) {
        Parameters p = domain.schedulerParameters();
        checkCap(domain, p);
        Credit2Domain sdom = domain(domain);
        int oldWeight = sdom.weight;
        int weight = (int) p.integer("weight");
        sdom.weight = weight;
        for (Credit2Vcpu svc : sdom.vcpus) {
            svc.weight = weight;
            svc.rqd.updateMaxWeight(weight, oldWeight);
        }
        caps.setCap(sdom, (int) p.integer("cap"), ctx.now());
    }

    /**
     * A new soft affinity ({@code xl vcpu-pin D V - SOFT}): it applies from the next decision that
     * reads it.
     *
     * @throws InvalidParameterException for a malformed list or PCPUs the machine does not have
     */
    @Override
    public void adjustVcpu(VcpuView vcpu, Parameters previous) {
        state(vcpu).soft = softAffinity(vcpu, vcpu.schedulerParameters());
    }

    /**
     * Credit2 has no priority classes; for reports that group waits by the situation at a wake-up,
     * a VCPU is {@code PARKED} (capped and waiting for budget), {@code CREDIT} (credit left as last
     * charged) or {@code SPENT} (none left: it runs before a reset only if nothing better waits).
     */
    @Override
    public String priorityName(VcpuView vcpu) {
        if (vcpu.isIdle() || !(vcpu.schedulerPrivate() instanceof Credit2Vcpu svc)) {
            return null;
        }
        if (svc.parked) {
            return PARKED;
        }
        return svc.credit > 0 ? CREDIT : SPENT;
    }

    /**
     * The queued VCPUs of {@code pcpu}'s runqueue whose processor is {@code pcpu}, in runq order,
     * then those being switched out that will be queued (or parked, or moved) once saved.
     */
    @Override
    public void forEachQueued(int pcpu, Consumer<VcpuView> action) {
        Credit2Dump.forEachQueued(ctx, pcpus[pcpu].rqd, pcpu, action);
    }

    /**
     * Xen's {@code csched2_dump} and {@code dump_pcpu}: what each PCPU runs and its runqueue,
     * then each runqueue with its PCPUs, maximum weight, load and its VCPUs in credit order,
     * each with its credit, weight and flags.
     */
    @Override
    public void dumpState(StringBuilder out) {
        Credit2Dump.dump(out, ctx, pcpus, runqueues);
    }

    /** The rate limit in force ({@code prv->ratelimit_us}), in ns; 0 = off. */
    long ratelimitNs() {
        return ratelimitNs;
    }

    /**
     * {@code csched2_sys_cntl} for {@code XEN_SYSCTL_SCHEDOP_putinfo} ({@code xl sched-credit2 -s
     * -r R}): sets the rate limit, 0 turning it off, from the next scheduling decision; the range
     * was checked with the parameters. Every other parameter keeps its value.
     *
     * @throws InvalidParameterException for another parameter changed
     */
    @Override
    public void adjustGlobal(Parameters params, Parameters previous) {
        for (String name : params.values().keySet()) {
            if (!name.equals("ratelimitUs") && !java.util.Objects.equals(params.values().get(name),
                    previous.values().get(name))) {
                throw new InvalidParameterException(params.owner() + "." + name, String.valueOf(params.values().get(name)),
                        "its value at boot, " + previous.values().get(name) + ": csched2_sys_cntl changes only"
                                + " ratelimitUs during a run");
            }
        }
        ratelimitNs = Credit2Config.from(params).ratelimitNs();
    }

    /** The runqueues are enumerable. */
    @Override
    public boolean reportsQueues() {
        return true;
    }

    // ------------------------------------------------------------------ plumbing

    /** {@code runq_insert}, traced with the position taken. */
    private void insert(Credit2Vcpu svc) {
        int pos = svc.rqd.insert(svc);
        if (trace.on()) {
            trace.emit(trace.runqPos, svc.vcpu.processor(), svc.vcpu, pos, svc.credit);
        }
    }

    private void checkCap(DomainView domain, Parameters p) {
        long cap = p.integer("cap");
        int max = 100 * domain.vcpus().size();
        if (cap > max) {
            throw new InvalidParameterException(p.owner() + ".cap", Long.toString(cap),
                    "a value in [0, " + max + "] % (100 per VCPU of the domain; 0 = no cap)");
        }
    }

    private CpuMask softAffinity(VcpuView vcpu, Parameters p) {
        return SoftAffinity.parse(p.text("softAffinity"), ctx.pcpuCount(),
                "vcpu " + vcpu.name() + " " + Credit2SchedulerProvider.ID + ".softAffinity");
    }

    /** This scheduler's state of a guest VCPU. */
    Credit2Vcpu state(VcpuView v) {
        return (Credit2Vcpu) v.schedulerPrivate();
    }

    Credit2Domain domain(DomainView d) {
        return (Credit2Domain) d.schedulerPrivate();
    }

    Credit2Pcpu pcpu(int cpu) {
        return pcpus[cpu];
    }

    RunqTickle tickler() {
        return tickler;
    }

    /** The runqueues in Xen's list order (for tests and reports). */
    List<Credit2Runqueue> runqueues() {
        return runqueues;
    }

    /** The settings in force. */
    Credit2Config config() {
        return config;
    }

    LoadTracker loadTracker() {
        return load;
    }

    LoadBalancer balancer() {
        return balancer;
    }

    /** {@link Credit2Accounting#t2c} ({@code t2c_update}), for the tests of the arithmetic. */
    static void t2c(Credit2Runqueue rqd, long time, Credit2Vcpu svc) {
        Credit2Accounting.t2c(rqd, time, svc);
    }

    /** {@link Credit2Accounting#c2t} ({@code c2t}), for the tests of the arithmetic. */
    static long c2t(Credit2Runqueue rqd, long credit, Credit2Vcpu svc) {
        return Credit2Accounting.c2t(rqd, credit, svc);
    }

    /** A VCPU's credit as last charged. */
    int credit(VcpuView v) {
        return state(v).credit;
    }
}
