package io.github.vsched.credit2;

import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.VcpuView;

/**
 * Credit2's trace events, after Xen's {@code TRC_CSCHED2_*} records (4.19 lines 40-63): each
 * registered once, emitted allocation-free and only while a trace sink listens.
 */
final class Credit2Trace {
    private final SchedulerContext ctx;
    final int tickle;
    final int tickleCheck;
    final int runqPos;
    final int creditReset;
    final int burn;
    final int ratelimit;
    final int candidate;
    final int migrate;
    final int loadCheck;
    final int loadBalance;
    final int pickedCpu;
    final int park;
    final int unpark;
    final int replenish;

    Credit2Trace(SchedulerContext ctx) {
        this.ctx = ctx;
        tickle = ctx.traceEventType("tickle", "cpu", "credit");
        tickleCheck = ctx.traceEventType("tickle_check", "credit", "score");
        runqPos = ctx.traceEventType("runq_insert", "pos", "credit");
        creditReset = ctx.traceEventType("credit_reset", "credit_start", "credit_end");
        burn = ctx.traceEventType("burn_credits", "credit", "delta");
        ratelimit = ctx.traceEventType("ratelimit", "runtime", "");
        candidate = ctx.traceEventType("runq_candidate", "credit", "tickled_cpu");
        migrate = ctx.traceEventType("migrate", "rq", "trq");
        loadCheck = ctx.traceEventType("load_check", "orq", "load_delta");
        loadBalance = ctx.traceEventType("load_balance", "lrq_b_avgload", "orq_b_avgload");
        pickedCpu = ctx.traceEventType("picked_cpu", "rq", "cpu");
        park = ctx.traceEventType("park", "dom_budget", "");
        unpark = ctx.traceEventType("unpark", "dom_budget", "");
        replenish = ctx.traceEventType("replenish", "budget", "next_repl");
    }

    boolean on() {
        return ctx.tracing();
    }

    void emit(int type, int pcpu, VcpuView v, long a, long b) {
        ctx.trace(type, pcpu, v, a, b);
    }
}
