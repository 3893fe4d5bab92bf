package io.github.vsched.cli.trace;

import io.github.vsched.api.RunState;

/**
 * The numbers of Xen 4.18's trace format that {@link XentraceSink} writes. Line numbers refer
 * to Xen's {@code RELEASE-4.18.0} tree: {@code xen/include/public/trace.h} (trace.h),
 * {@code xen/common/sched/core.c} (core.c), {@code xen/common/sched/credit.c} (credit.c) and
 * {@code tools/xentrace/xentrace.c} (xentrace.c).
 */
final class XenTraceRecords {
    private XenTraceRecords() {
    }

    /** {@code TRACE_EXTRA_SHIFT} (trace.h:13): where a header keeps its count of data words. */
    static final int EXTRA_SHIFT = 28;
    /** {@code TRC_HD_CYCLE_FLAG} (trace.h:28): the record carries a TSC after its header. */
    static final int CYCLE_FLAG = 1 << 31;
    /** Largest count of data words in a record ({@code TRACE_EXTRA_MAX}, trace.h:12). */
    static final int EXTRA_MAX = 7;

    /**
     * {@code TRC_TRACE_CPU_CHANGE} (trace.h:82): the record xentrace writes before each window
     * of a PCPU's buffer, without TSC, with two words: the PCPU and the window's length in bytes
     * ({@code struct cpu_change_record}, xentrace.c:119-130).
     */
    static final int TRACE_CPU_CHANGE = 0x0001f003;

    /** {@code TRC_SCHED_MIN} (trace.h:40), the class of runstate changes. */
    static final int SCHED_MIN = 0x00021000;
    /** {@code TRC_SCHED_CLASS} (trace.h:41), the scheduler-specific records. */
    static final int SCHED_CLASS = 0x00022000;
    /** {@code TRC_SCHED_VERBOSE} (trace.h:42). */
    static final int SCHED_VERBOSE = 0x00028000;

    /**
     * {@code TRC_SCHED_RUNSTATE_CHANGE} (trace.h:84), with the old runstate in bits 8-9 and the
     * new one in bits 4-5 of the event (core.c:217-219); one word, VCPU in the low 16 bits and
     * domain in the high 16 (core.c:208).
     */
    static final int SCHED_RUNSTATE_CHANGE = SCHED_MIN + 1;
    /** {@code TRC_SCHED_SLEEP} (trace.h:88): domain, VCPU (core.c:928). */
    static final int SCHED_SLEEP = SCHED_VERBOSE + 3;
    /** {@code TRC_SCHED_WAKE} (trace.h:89): domain, VCPU (core.c:957). */
    static final int SCHED_WAKE = SCHED_VERBOSE + 4;
    /** {@code TRC_SCHED_YIELD} (trace.h:90): domain, VCPU (core.c:1518). */
    static final int SCHED_YIELD = SCHED_VERBOSE + 5;
    /** {@code TRC_SCHED_BLOCK} (trace.h:91): domain, VCPU (core.c:1417). */
    static final int SCHED_BLOCK = SCHED_VERBOSE + 6;
    /** {@code TRC_SCHED_SWITCH} (trace.h:95): previous domain and VCPU, next domain and VCPU (core.c:2178). */
    static final int SCHED_SWITCH = SCHED_VERBOSE + 10;
    /** {@code TRC_SCHED_SWITCH_INFPREV} (trace.h:99): domain, VCPU, ns it ran (core.c:2172). */
    static final int SCHED_SWITCH_INFPREV = SCHED_VERBOSE + 14;
    /**
     * {@code TRC_SCHED_SWITCH_INFNEXT} (trace.h:100): domain, VCPU, ns it was runnable (0 if it
     * was not), and the time slice in ns (-1: none) (core.c:2174-2177).
     */
    static final int SCHED_SWITCH_INFNEXT = SCHED_VERBOSE + 15;

    /**
     * {@code TRC_SCHED_CLASS_EVT(CSCHED, n)} (trace.h:59, 67-70): credit's records, numbered as
     * in credit.c:133-143.
     */
    static int csched(int n) {
        return SCHED_CLASS + n;
    }

    /** {@code TRC_CSCHED_ACCOUNT_START}: domain, VCPU, active VCPUs of the domain (credit.c:910). */
    static final int CSCHED_ACCOUNT_START = csched(2);
    /** {@code TRC_CSCHED_ACCOUNT_STOP}: domain, VCPU, active VCPUs of the domain (credit.c:936). */
    static final int CSCHED_ACCOUNT_STOP = csched(3);
    /** {@code TRC_CSCHED_STOLEN_UNIT}: the PCPU it was taken from, domain, VCPU (credit.c:1674). */
    static final int CSCHED_STOLEN_VCPU = csched(4);
    /** {@code TRC_CSCHED_PICKED_CPU}: domain, VCPU, the PCPU picked (credit.c:865). */
    static final int CSCHED_PICKED_CPU = csched(5);
    /** {@code TRC_CSCHED_TICKLE}: the PCPU tickled (credit.c:496). */
    static final int CSCHED_TICKLE = csched(6);
    /** {@code TRC_CSCHED_BOOST_START}: domain, VCPU (credit.c:1167). */
    static final int CSCHED_BOOST_START = csched(7);
    /** {@code TRC_CSCHED_BOOST_END}: domain, VCPU (credit.c:960). */
    static final int CSCHED_BOOST_END = csched(8);
    /**
     * {@code TRC_CSCHED_RATELIMIT}: VCPU in the low 16 bits and domain in the high 16, then the
     * ns it has run (credit.c:1938-1946).
     */
    static final int CSCHED_RATELIMIT = csched(10);

    /** {@code DOMID_IDLE} ({@code xen/include/public/xen.h}:601), the idle domain's id. */
    static final int DOMID_IDLE = 0x7FFF;
    /** {@code DOMID_FIRST_RESERVED} (xen.h:564): ordinary domain ids are below it. */
    static final int DOMID_FIRST_RESERVED = 0x7FF0;

    /** {@code RUNSTATE_*} ({@code xen/include/public/vcpu.h}:85-99): running 0, runnable 1, blocked 2, offline 3. */
    static int runstate(RunState s) {
        return switch (s) {
            case RUNNING -> 0;
            case RUNNABLE -> 1;
            case BLOCKED -> 2;
            case OFFLINE -> 3;
        };
    }

    /** A record's first word: event, count of data words, whether a TSC follows ({@code struct t_rec}, trace.h:271-284). */
    static int header(int event, int words, boolean tsc) {
        return event | (words << EXTRA_SHIFT) | (tsc ? CYCLE_FLAG : 0);
    }
}
