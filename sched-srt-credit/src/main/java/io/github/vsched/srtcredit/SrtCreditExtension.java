package io.github.vsched.srtcredit;

import io.github.vsched.api.Hypercall;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.VcpuView;
import io.github.vsched.credit.CreditExtension;
import io.github.vsched.credit.CreditPriority;
import io.github.vsched.credit.CreditScheduler;

import java.util.Arrays;

/**
 * The paper's four mechanisms as hooks on credit. For a VCPU that is not soft real-time every
 * hook returns what credit computed, so such VCPUs are scheduled exactly as by credit.
 *
 * <ol>
 *   <li><b>LL-boost</b>: at a wake-up an eligible soft real-time VCPU gets
 *       {@link #LL_BOOST}, above BOOST: it is queued ahead of every other priority (FIFO among
 *       LL-boosted VCPUs) and preempts any VCPU that is not LL-boosted. When its PCPU is busy,
 *       credit's tickle already wakes the idle PCPUs, which then steal it (mechanism 4).</li>
 *   <li><b>SBT/USBT</b>: an LL-boost lasts at most SBT of CPU time (the slice is cut to what is
 *       left); then, or when the VCPU blocks, the VCPU falls back to the priority plain credit
 *       gives it. It is eligible again once USBT has passed since the previous grant (or its end,
 *       {@code usbtFrom=end}); with {@code promoteOnUsbtExpiry} a timer LL-boosts it at that
 *       instant if it is runnable, which makes it periodic.</li>
 *   <li><b>OVER-state support</b>: at an accounting pass, a VCPU with {@code borrow} whose
 *       credit would be negative borrows up to {@code borrowLimit} credits so that it stays UNDER
 *       (and so eligible for LL-boost and BOOST); its later allocations repay the debt first.</li>
 *   <li><b>Migration</b>: load balancing first looks on every peer for an LL-boosted VCPU.</li>
 * </ol>
 */
public final class SrtCreditExtension extends CreditExtension {
    /** The LL-BOOST priority: credit's priority above BOOST. */
    public static final int LL_BOOST = CreditPriority.ABOVE_BOOST;

    private final SrtConfig cfg;
    private SrtVcpu[] vcpus = new SrtVcpu[0];
    private int tGrant;
    private int tEnd;
    private int tPromote;
    private int tBorrow;
    private int tRepay;
    private int tAdmit;
    private int tRefuse;

    SrtCreditExtension(SrtConfig cfg) {
        this.cfg = cfg;
    }

    /** The srt-credit extension of a scheduler created by {@link SrtCreditProvider}. */
    public static SrtCreditExtension of(Scheduler scheduler) {
        if (scheduler instanceof CreditScheduler c && c.extension() instanceof SrtCreditExtension e) {
            return e;
        }
        throw new IllegalArgumentException("not an srt-credit scheduler: " + scheduler);
    }

    /** The settings in force. */
    public SrtConfig config() {
        return cfg;
    }

    @Override
    protected void init() {
        tGrant = ctx.traceEventType("ll_boost", "sbtNs", "usbtNs");
        tEnd = ctx.traceEventType("ll_unboost", "fallbackPri", "budgetLeftNs");
        tPromote = ctx.traceEventType("usbt_promote", "sinceGrantNs", "0");
        tBorrow = ctx.traceEventType("borrow", "credits", "debt");
        tRepay = ctx.traceEventType("repay", "credits", "debt");
        tAdmit = ctx.traceEventType("srt_admit", "sbtNs", "usbtNs");
        tRefuse = ctx.traceEventType("srt_refuse", "errno", "shareMillis");
    }

    /**
     * {@code LL_BOOST}, the paper's name for the priority above BOOST, while a VCPU is
     * LL-boosted; otherwise credit's name of the priority it falls back to. Answered from this
     * extension's state, which changes before credit stores the priority (and before the
     * {@code ll_boost} and {@code ll_unboost} trace events).
     */
    @Override
    protected String priorityName(VcpuView v, int pri) {
        SrtVcpu s = state(v);
        if (s != null && s.ll) {
            return "LL_BOOST";
        }
        return CreditPriority.name(pri == LL_BOOST && s != null ? s.plainPri : pri);
    }

    // ---------------------------------------------------------------- who is soft real-time

    @Override
    protected void addVcpu(VcpuView v) {
        if (v.id() >= vcpus.length) {
            vcpus = Arrays.copyOf(vcpus, Math.max(v.id() + 1, vcpus.length * 2));
        }
        SrtVcpu s = new SrtVcpu(v);
        s.plainPri = CreditPriority.UNDER;
        vcpus[v.id()] = s;
        apply(s, v.schedulerParameters());
    }

    @Override
    protected void adjustVcpu(VcpuView v, Parameters previous) {
        apply(state(v), v.schedulerParameters());
    }

    /** The administrator's per-VCPU settings ({@code llBoost}, {@code sbt}, {@code usbt}, {@code borrow}). */
    private void apply(SrtVcpu s, Parameters p) {
        s.borrow = p.flag("borrow");
        if (p.flag("llBoost")) {
            long sbt = cfg.sbtInCredits() ? p.integer("sbtCredits") * SrtConfig.NS_PER_CREDIT : p.duration("sbt");
            long usbt = p.duration("usbt");
            String sbtName = cfg.sbtInCredits() ? "sbtCredits" : "sbt";
            String sbtText = cfg.sbtInCredits() ? Long.toString(p.integer("sbtCredits")) : p.duration("sbt") + "ns";
            if (sbt <= 0) {
                throw new InvalidParameterException(p.owner() + "." + sbtName, sbtText,
                        "> 0 when llBoost is true (an LL-boost needs an SBT)");
            }
            if (usbt <= 0) {
                throw new InvalidParameterException(p.owner() + ".usbt", usbt + "ns", "> 0 when llBoost is true");
            }
            if (sbt > usbt) {
                throw new InvalidParameterException(p.owner() + "." + sbtName, sbtText,
                        "at most usbt (" + usbt + "ns): SBT is a part of each USBT period");
            }
            enable(s, sbt, usbt, false);
        } else if (s.enabled && !s.byGuest) {
            disable(s);
        }
    }

    private void enable(SrtVcpu s, long sbt, long usbt, boolean byGuest) {
        s.enabled = true;
        s.byGuest = byGuest;
        s.sbtNs = sbt;
        s.usbtNs = usbt;
        if (s.usbtTimer == null && cfg.promoteOnUsbtExpiry()) {
            SrtVcpu target = s;
            s.usbtTimer = ctx.newTimer("usbt-" + s.view.name(), s.view.processor(), now -> onUsbtExpiry(target, now));
        }
    }

    private void disable(SrtVcpu s) {
        s.enabled = false;
        s.byGuest = false;
        if (s.usbtTimer != null) {
            s.usbtTimer.cancel();
        }
        if (s.ll) {
            endLl(s, ctx.now());
            credit.changePriority(s.view, s.plainPri);
        }
    }

    /**
     * {@link Hypercall#SCHEDOP_SOFT_REALTIME} (SBT, USBT in ns): admitted when the soft real-time
     * VCPUs of the caller's PCPU, the caller included, would ask for at most
     * {@code maxRealtimeShare} of it (sum of SBT/USBT); {@link Hypercall#EBUSY} otherwise,
     * {@link Hypercall#EINVAL} for impossible values. The answer is traced either way.
     */
    @Override
    protected long hypercall(VcpuView caller, int op, long sbt, long usbt) {
        SrtVcpu s = state(caller);
        if (op == Hypercall.SCHEDOP_SOFT_REALTIME_OFF) {
            if (s.enabled) {
                disable(s);
            }
            return Hypercall.OK;
        }
        if (op != Hypercall.SCHEDOP_SOFT_REALTIME) {
            return Hypercall.ENOSYS;
        }
        if (sbt <= 0 || usbt <= 0 || sbt > usbt) {
            trace(tRefuse, caller, -Hypercall.EINVAL, 0);
            return Hypercall.EINVAL;
        }
        double share = (double) sbt / usbt;
        for (SrtVcpu o : vcpus) {
            if (o != null && o != s && o.enabled && o.view.processor() == caller.processor()) {
                share += (double) o.sbtNs / o.usbtNs;
            }
        }
        if (share > cfg.maxRealtimeShare() + 1e-12) {
            trace(tRefuse, caller, -Hypercall.EBUSY, Math.round(share * 1000));
            return Hypercall.EBUSY;
        }
        enable(s, sbt, usbt, true);
        trace(tAdmit, caller, sbt, usbt);
        return Hypercall.OK;
    }

    // ---------------------------------------------------------------- mechanisms 1 and 2

    @Override
    protected int wakePriority(VcpuView v, int creditPriority, long now) {
        SrtVcpu s = state(v);
        if (s == null || !s.enabled) {
            return creditPriority;
        }
        if (s.ll) {
            endLl(s, now); // a pause or migration interrupted the previous LL-boost
        }
        s.plainPri = creditPriority;
        if (!cfg.llBoost() || creditPriority < CreditPriority.UNDER) {
            return creditPriority; // no credit left: not eligible (borrowing prevents this)
        }
        if (eligible(s, now)) {
            grant(s, now);
            return LL_BOOST;
        }
        armPromotion(s);
        return creditPriority;
    }

    private boolean eligible(SrtVcpu s, long now) {
        if (!cfg.sbtUsbt()) {
            return true;
        }
        long from = cfg.usbtFromEnd() ? s.endAt : s.grantAt;
        return from == Long.MIN_VALUE || now - from >= s.usbtNs;
    }

    private void armPromotion(SrtVcpu s) {
        if (cfg.promoteOnUsbtExpiry() && cfg.sbtUsbt() && s.usbtTimer != null) {
            long from = cfg.usbtFromEnd() ? s.endAt : s.grantAt;
            if (from != Long.MIN_VALUE) {
                s.usbtTimer.set(from + s.usbtNs);
            }
        }
    }

    private void grant(SrtVcpu s, long now) {
        s.ll = true;
        s.grantAt = now;
        s.budgetNs = cfg.sbtUsbt() ? s.sbtNs : Long.MAX_VALUE;
        s.grants++;
        trace(tGrant, s.view, s.sbtNs, s.usbtNs);
    }

    private void endLl(SrtVcpu s, long now) {
        s.ll = false;
        s.endAt = now;
        trace(tEnd, s.view, s.plainPri, s.budgetNs == Long.MAX_VALUE ? -1 : s.budgetNs);
    }

    /** The USBT timer: LL-boost a runnable VCPU the moment it becomes eligible. */
    private void onUsbtExpiry(SrtVcpu s, long now) {
        VcpuView v = s.view;
        if (!s.enabled || !cfg.llBoost() || s.ll || !v.isRunnable() || !eligible(s, now)) {
            return;
        }
        int pri = credit.priority(v);
        if (pri < CreditPriority.UNDER) {
            return;
        }
        s.plainPri = pri;
        grant(s, now);
        s.promotions++;
        trace(tPromote, v, now - s.grantAt, 0);
        boolean running = ctx.pcpu(v.processor()).current() == v;
        credit.changePriority(v, LL_BOOST);
        if (running) {
            // the LL-boost starts now; reschedule so that its slice is cut to the SBT
            s.runStart = now;
            ctx.tickle(v.processor());
        }
    }

    @Override
    protected int descheduledPriority(VcpuView v, int priority, boolean runnable, long now) {
        SrtVcpu s = state(v);
        if (s == null || !s.ll) {
            return priority;
        }
        if (cfg.sbtUsbt() && s.runStart >= 0) {
            s.budgetNs -= now - s.runStart;
        }
        s.runStart = -1;
        if (!runnable) {
            endLl(s, now); // blocking ends an LL-boost
            return s.plainPri;
        }
        if (cfg.sbtUsbt() && s.budgetNs <= 0) {
            s.exhausted++;
            endLl(s, now);
            armPromotion(s);
            return s.plainPri;
        }
        return priority;
    }

    @Override
    protected long slice(VcpuView next, int priority, long slice, long now) {
        SrtVcpu s = state(next);
        if (s == null || !s.enabled) {
            return slice;
        }
        s.runStart = now;
        if (s.ll && cfg.sbtUsbt()) {
            return Math.max(1, Math.min(slice, s.budgetNs));
        }
        return slice;
    }

    @Override
    protected boolean overridesRatelimit(int queuedPriority) {
        return cfg.llBoost() && queuedPriority == LL_BOOST;
    }

    // ---------------------------------------------------------------- mechanism 3

    @Override
    protected int accountCredit(VcpuView v, int creditNow, int share) {
        SrtVcpu s = state(v);
        if (s == null || !s.enabled || !s.borrow || !cfg.borrowing()) {
            return creditNow + share;
        }
        int add = share;
        if (add > 0 && s.debt > 0) {
            int r = Math.min(add, s.debt);
            s.debt -= r;
            add -= r;
            s.repaid += r;
            trace(tRepay, v, r, s.debt);
        }
        int c = creditNow + add;
        if (c < 0) {
            int b = Math.min(-c, cfg.borrowLimit() - s.debt);
            if (b > 0) {
                s.debt += b;
                c += b;
                s.borrowed += b;
                trace(tBorrow, v, b, s.debt);
            }
        }
        return c;
    }

    @Override
    protected int accountPriority(VcpuView v, int computed, int previous) {
        SrtVcpu s = state(v);
        if (s == null || !s.enabled) {
            return computed;
        }
        s.plainPri = computed;
        return s.ll ? LL_BOOST : computed;
    }

    // ---------------------------------------------------------------- mechanism 4

    @Override
    protected boolean stealAboveBoostFirst() {
        return cfg.llMigration() && cfg.llBoost();
    }

    // ---------------------------------------------------------------- inspection

    private SrtVcpu state(VcpuView v) {
        int id = v.id();
        return id < vcpus.length ? vcpus[id] : null;
    }

    private void trace(int type, VcpuView v, long a0, long a1) {
        if (ctx.tracing()) {
            ctx.trace(type, v.processor(), v, a0, a1);
        }
    }

    /** Whether the VCPU is soft real-time now. */
    public boolean isSoftRealtime(VcpuView v) {
        SrtVcpu s = state(v);
        return s != null && s.enabled;
    }

    /** Whether the VCPU is LL-boosted now. */
    public boolean isLlBoosted(VcpuView v) {
        SrtVcpu s = state(v);
        return s != null && s.ll;
    }

    /** Credits the VCPU owes (mechanism 3). */
    public int debt(VcpuView v) {
        SrtVcpu s = state(v);
        return s == null ? 0 : s.debt;
    }

    /**
     * Counters of one VCPU: LL-boosts granted, of which by USBT promotion, ended by SBT
     * exhaustion, credits borrowed, credits repaid.
     */
    public SrtCounters counters(VcpuView v) {
        SrtVcpu s = state(v);
        return s == null ? new SrtCounters(0, 0, 0, 0, 0)
                : new SrtCounters(s.grants, s.promotions, s.exhausted, s.borrowed, s.repaid);
    }

    /**
     * Per-VCPU counters of srt-credit.
     *
     * @param grants     LL-boosts granted
     * @param promotions of which granted by the USBT timer
     * @param exhausted  LL-boosts ended because the SBT was used up
     * @param borrowed   credits borrowed in all
     * @param repaid     credits repaid in all
     */
    public record SrtCounters(long grants, long promotions, long exhausted, long borrowed, long repaid) {
    }
}
