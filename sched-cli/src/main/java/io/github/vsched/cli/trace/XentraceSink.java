package io.github.vsched.cli.trace;

import io.github.vsched.api.DomainView;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.RunState;
import io.github.vsched.api.VcpuView;
import io.github.vsched.cli.output.OutputDir;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.SimulationResult;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Set;

import static io.github.vsched.cli.trace.XenTraceRecords.CSCHED_ACCOUNT_START;
import static io.github.vsched.cli.trace.XenTraceRecords.CSCHED_ACCOUNT_STOP;
import static io.github.vsched.cli.trace.XenTraceRecords.CSCHED_BOOST_END;
import static io.github.vsched.cli.trace.XenTraceRecords.CSCHED_BOOST_START;
import static io.github.vsched.cli.trace.XenTraceRecords.CSCHED_PICKED_CPU;
import static io.github.vsched.cli.trace.XenTraceRecords.CSCHED_RATELIMIT;
import static io.github.vsched.cli.trace.XenTraceRecords.CSCHED_STOLEN_VCPU;
import static io.github.vsched.cli.trace.XenTraceRecords.CSCHED_TICKLE;

/**
 * A binary trace in Xen's own format, as {@code xentrace} stores it and {@code xenalyze} reads it
 * (Xen 4.18's record layout, {@link XenTraceRecords}): each PCPU has a buffer of records, and a
 * buffer is written as a window, a {@code TRC_TRACE_CPU_CHANGE} record naming the PCPU and the
 * window's length followed by the PCPU's records (xentrace's {@code write_buffer}). When one
 * buffer fills, and at the end of the run, every PCPU's buffer is written in turn, as xentrace
 * writes all new records once a threshold is reached. Words are little-endian, as on x86.
 *
 * <p>Records: every runstate change ({@code TRC_SCHED_RUNSTATE_CHANGE}, idle VCPUs included);
 * for each context switch {@code SWITCH_INFPREV}, {@code SWITCH_INFNEXT} and {@code SWITCH}
 * before the two runstate changes, in that order as in Xen's {@code sched_switch_units};
 * {@code WAKE} before the runstate change a wake-up makes, {@code SLEEP}, {@code BLOCK} and
 * {@code YIELD}; and, for credit and srt-credit, the scheduler trace events that Xen's
 * credit records too ({@code TRC_CSCHED_*}: boost, unboost, tickle, stolen_vcpu, picked_cpu,
 * acct_start, acct_stop, ratelimit). Other scheduler events have no Xen record and are left out.
 *
 * <p>Times: each record carries the modelled TSC, {@code (simulated ns + 1 s) x tscHz / 10^9}
 * rounded down (one second after boot at the start of the run, since xenalyze takes a TSC of 0
 * for none). Records of the same nanosecond get consecutive TSC values in the order the engine
 * produced them, so the TSC never repeats across PCPUs and xenalyze, which merges the buffers by
 * TSC, replays them in the engine's order. Domains are numbered as Xen numbers them: the driver
 * domain (dom0) 0, the others from 1 in scenario order, the idle domain 32767 with the PCPU as
 * its VCPU number.
 */
public final class XentraceSink extends TraceSink {
    /** Bytes of a PCPU's buffer before it is written out as a window. */
    static final int WINDOW_BYTES = 32 * 1024;
    /** The largest record: header, TSC and seven words. */
    private static final int MAX_RECORD = 4 + 8 + 4 * XenTraceRecords.EXTRA_MAX;
    private static final long NS_PER_S = 1_000_000_000L;
    /** The schedulers whose trace events are Xen credit's. */
    private static final Set<String> CREDIT_SCHEDULERS = Set.of("credit", "srt-credit");

    private final OutputStream out;
    private final ByteBuffer[] buffers;
    private final ByteBuffer cpuChange = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    private final long tscHz;
    private final long hzSeconds;
    private final long hzRest;
    private final long tscBase;
    private long lastTsc;
    private final int[] domainIds;
    /** Per PCPU: whether its cpupool runs credit or srt-credit (every PCPU, or none, without pools). */
    private final boolean[] creditPcpu;
    /** Per domain (by id): whether its cpupool runs credit or srt-credit. */
    private final boolean[] creditDomain;

    // per VCPU (by id): when its runstate last changed
    private long[] entryNs = new long[64];
    // per PCPU: the switch in progress, written when the next VCPU is dispatched
    private final VcpuView[] switchPrev;
    private final int[] switchPrevTo;
    private final long[] switchPrevRan;
    private final int[] switchNextFrom;
    private final long[] switchNextWaited;

    // per scheduler trace event type: the Xen record it becomes (0: none; -1: not looked up yet)
    private int[] recordOf = new int[0];

    /**
     * A scheduler trace event becomes a {@code TRC_CSCHED_*} record only if it comes from a
     * credit instance, told by its VCPU's domain or, without a VCPU, by its PCPU: in a machine
     * split into cpupools each of Xen's schedulers writes records of its own class.
     *
     * @param tscHz        the platform's TSC rate
     * @param pcpus        number of PCPUs
     * @param domainIds    Xen's domain id of each domain, by {@link DomainView#id()}
     * @param creditPcpu   per PCPU, whether its pool runs credit or srt-credit
     * @param creditDomain per domain id, whether its pool runs credit or srt-credit
     * @param window       bytes of a PCPU's buffer
     */
    XentraceSink(OutputDir.PendingFile file, long tscHz, int pcpus, int[] domainIds, boolean[] creditPcpu,
                 boolean[] creditDomain, int window) {
        super(file);
        if (tscHz <= 0 || tscHz > 9 * NS_PER_S) {
            throw new IllegalArgumentException("xentrace: TSC rate " + tscHz + " Hz; allowed: (0, 9 GHz]");
        }
        if (window < MAX_RECORD) {
            throw new IllegalArgumentException("xentrace: window of " + window + " bytes; at least " + MAX_RECORD);
        }
        this.out = file.stream();
        this.tscHz = tscHz;
        this.hzSeconds = tscHz / NS_PER_S;
        this.hzRest = tscHz % NS_PER_S;
        this.tscBase = tscHz;
        this.domainIds = domainIds.clone();
        this.creditPcpu = creditPcpu.clone();
        this.creditDomain = creditDomain.clone();
        this.buffers = new ByteBuffer[pcpus];
        for (int i = 0; i < pcpus; i++) {
            buffers[i] = ByteBuffer.allocate(window).order(ByteOrder.LITTLE_ENDIAN);
        }
        switchPrev = new VcpuView[pcpus];
        switchPrevTo = new int[pcpus];
        switchPrevRan = new long[pcpus];
        switchNextFrom = new int[pcpus];
        switchNextWaited = new long[pcpus];
    }

    /** The sink for {@code sim}'s run. */
    static XentraceSink of(OutputDir.PendingFile file, Simulation sim) {
        return of(file, sim, WINDOW_BYTES);
    }

    /** The sink for {@code sim}'s run, with PCPU buffers of {@code window} bytes. */
    static XentraceSink of(OutputDir.PendingFile file, Simulation sim, int window) {
        int count = sim.scenario().domains().size();
        int[] ids = new int[count];
        int next = 1;
        for (DomainSpec d : sim.scenario().domains()) {
            int xenId = d.driverDomain() ? 0 : next++;
            if (xenId >= XenTraceRecords.DOMID_FIRST_RESERVED) {
                throw new IllegalArgumentException("xentrace: domain " + d.name() + " would be domain " + xenId
                        + "; Xen numbers domains below " + XenTraceRecords.DOMID_FIRST_RESERVED);
            }
            ids[sim.domain(d.name()).id()] = xenId;
        }
        boolean[] creditPcpu = new boolean[sim.pcpuCount()];
        boolean[] creditDomain = new boolean[count];
        java.util.Map<String, Boolean> creditPool = new java.util.HashMap<>();
        for (SimulationResult.Pool p : sim.pools()) {
            boolean credit = CREDIT_SCHEDULERS.contains(p.scheduler());
            creditPool.put(p.name(), credit);
            for (String d : p.domains()) {
                creditDomain[sim.domain(d).id()] = credit;
            }
        }
        for (int c = 0; c < creditPcpu.length; c++) {
            creditPcpu[c] = creditPool.get(sim.poolOf(c));
        }
        return new XentraceSink(file, sim.tscHz(), sim.pcpuCount(), ids, creditPcpu, creditDomain, window);
    }



    // ---------------------------------------------------------------- time and ids

    /** The modelled TSC at {@code ns}: exact, rounded down, and never the same twice. */
    private long tsc(long ns) {
        long s = ns / NS_PER_S;
        long r = ns % NS_PER_S;
        long t = tscBase + s * tscHz + r * hzSeconds + r * hzRest / NS_PER_S;
        if (t <= lastTsc) {
            t = lastTsc + 1;
        }
        lastTsc = t;
        return t;
    }

    private int domainId(VcpuView v) {
        return v.isIdle() ? XenTraceRecords.DOMID_IDLE : domainIds[v.domain().id()];
    }

    /** The VCPU's number: its index in its domain, or its PCPU for an idle VCPU. */
    private static int vcpuId(VcpuView v) {
        return v.isIdle() ? v.id() : v.index();
    }

    private static int pcpuOf(VcpuView v) {
        return Math.max(0, v.processor());
    }

    private long entry(VcpuView v, long now) {
        int id = v.id();
        if (id >= entryNs.length) {
            entryNs = Arrays.copyOf(entryNs, Math.max(id + 1, entryNs.length * 2));
        }
        long e = entryNs[id];
        entryNs[id] = now;
        return e;
    }

    // ---------------------------------------------------------------- records

    /** Starts a record with a TSC on {@code pcpu}'s buffer, writing the buffers out first if it could not hold it. */
    private ByteBuffer begin(int pcpu, int event, int words, long now) {
        ByteBuffer b = buffers[pcpu];
        if (b.remaining() < 12 + 4 * words) {
            writeWindows();
        }
        long t = tsc(now);
        b.putInt(XenTraceRecords.header(event, words, true));
        b.putInt((int) t);
        b.putInt((int) (t >>> 32));
        return b;
    }

    private void record(int pcpu, int event, long now, int d1) {
        begin(pcpu, event, 1, now).putInt(d1);
    }

    private void record(int pcpu, int event, long now, int d1, int d2) {
        begin(pcpu, event, 2, now).putInt(d1).putInt(d2);
    }

    private void record(int pcpu, int event, long now, int d1, int d2, int d3) {
        begin(pcpu, event, 3, now).putInt(d1).putInt(d2).putInt(d3);
    }

    private void record(int pcpu, int event, long now, int d1, int d2, int d3, int d4) {
        begin(pcpu, event, 4, now).putInt(d1).putInt(d2).putInt(d3).putInt(d4);
    }

    private void runstate(int pcpu, VcpuView v, int from, int to, long now) {
        int event = XenTraceRecords.SCHED_RUNSTATE_CHANGE | (from & 3) << 8 | (to & 3) << 4;
        record(pcpu, event, now, vcpuId(v) & 0xffff | domainId(v) << 16);
    }

    /**
     * Writes every PCPU's buffer, in PCPU order, each as a window, as one pass of xentrace over
     * the buffers does: the file goes forward in time window pass by window pass, which xenalyze,
     * reading each PCPU's records from its own place in the file, relies on.
     */
    private void writeWindows() {
        for (int p = 0; p < buffers.length; p++) {
            writeWindow(p);
        }
    }

    /** Writes {@code pcpu}'s buffer as one window: the CPU-change record, then the records. */
    private void writeWindow(int pcpu) {
        ByteBuffer b = buffers[pcpu];
        if (b.position() == 0) {
            return;
        }
        if (!hasFailed()) {
            cpuChange.clear();
            cpuChange.putInt(XenTraceRecords.header(XenTraceRecords.TRACE_CPU_CHANGE, 2, false)).putInt(pcpu)
                    .putInt(b.position());
            try {
                out.write(cpuChange.array(), 0, 12);
                out.write(b.array(), 0, b.position());
            } catch (IOException e) {
                failed(e);
            }
        }
        b.clear();
    }

    // ---------------------------------------------------------------- what the engine says

    @Override
    public void onRunstateChange(VcpuView v, RunState from, RunState to, long now) {
        int p = pcpuOf(v);
        long since = entry(v, now);
        if (from == RunState.RUNNING) {
            // the switch's records are written when its next VCPU is dispatched, in Xen's order
            switchPrev[p] = v;
            switchPrevTo[p] = XenTraceRecords.runstate(to);
            switchPrevRan[p] = now - since;
        } else if (to == RunState.RUNNING) {
            switchNextFrom[p] = XenTraceRecords.runstate(from);
            switchNextWaited[p] = from == RunState.RUNNABLE ? now - since : 0;
        } else {
            if (to == RunState.RUNNABLE || from == RunState.BLOCKED) {
                // vcpu_wake: its record comes before the change it makes
                record(p, XenTraceRecords.SCHED_WAKE, now, domainId(v), vcpuId(v));
            }
            runstate(p, v, XenTraceRecords.runstate(from), XenTraceRecords.runstate(to), now);
        }
    }

    @Override
    public void onDispatch(PcpuView pcpu, VcpuView next, long now, boolean afterWake) {
        int p = pcpu.id();
        VcpuView prev = switchPrev[p];
        switchPrev[p] = null;
        int nd = domainId(next);
        int nv = vcpuId(next);
        if (prev != null) {
            int pd = domainId(prev);
            int pv = vcpuId(prev);
            record(p, XenTraceRecords.SCHED_SWITCH_INFPREV, now, pd, pv, (int) switchPrevRan[p]);
            record(p, XenTraceRecords.SCHED_SWITCH_INFNEXT, now, nd, nv, (int) switchNextWaited[p], -1);
            record(p, XenTraceRecords.SCHED_SWITCH, now, pd, pv, nd, nv);
            runstate(p, prev, 0, switchPrevTo[p], now);
        }
        runstate(p, next, switchNextFrom[p], 0, now);
    }

    @Override
    public void onBlock(VcpuView v, long now) {
        record(pcpuOf(v), XenTraceRecords.SCHED_BLOCK, now, domainId(v), vcpuId(v));
    }

    @Override
    public void onSleep(VcpuView v, long now) {
        record(pcpuOf(v), XenTraceRecords.SCHED_SLEEP, now, domainId(v), vcpuId(v));
    }

    @Override
    public void onYield(VcpuView v, long now) {
        record(pcpuOf(v), XenTraceRecords.SCHED_YIELD, now, domainId(v), vcpuId(v));
    }

    @Override
    public void onTrace(long now, int type, String typeName, int pcpu, VcpuView vcpu, long arg0, long arg1) {
        if (type < 0) {
            return;
        }
        int domain = vcpu == null || vcpu.isIdle() ? -1 : vcpu.domain().id();
        boolean credit = domain >= 0 ? domain < creditDomain.length && creditDomain[domain]
                : pcpu >= 0 && pcpu < creditPcpu.length && creditPcpu[pcpu];
        if (!credit) {
            return;
        }
        if (type >= recordOf.length) {
            int old = recordOf.length;
            recordOf = Arrays.copyOf(recordOf, Math.max(type + 1, old * 2));
            Arrays.fill(recordOf, old, recordOf.length, -1);
        }
        int event = recordOf[type];
        if (event < 0) {
            event = creditRecord(typeName);
            recordOf[type] = event;
        }
        if (event == 0 || (vcpu == null && event != CSCHED_TICKLE)) {
            return;
        }
        int p = pcpu >= 0 ? pcpu : vcpu != null ? pcpuOf(vcpu) : 0;
        if (event == CSCHED_TICKLE) {
            // Xen writes it on the waking PCPU, the VCPU's here, with the PCPU tickled
            record(vcpu != null ? pcpuOf(vcpu) : p, event, now, (int) arg0);
        } else if (event == CSCHED_PICKED_CPU) {
            record(pcpuOf(vcpu), event, now, domainId(vcpu), vcpuId(vcpu), (int) arg0);
        } else if (event == CSCHED_STOLEN_VCPU) {
            record(p, event, now, (int) arg0, domainId(vcpu), vcpuId(vcpu));
        } else if (event == CSCHED_ACCOUNT_START || event == CSCHED_ACCOUNT_STOP) {
            record(p, event, now, domainId(vcpu), vcpuId(vcpu), (int) arg0);
        } else if (event == CSCHED_RATELIMIT) {
            record(p, event, now, vcpuId(vcpu) & 0xffff | domainId(vcpu) << 16, (int) arg0);
        } else {
            record(p, event, now, domainId(vcpu), vcpuId(vcpu));
        }
    }

    /** The {@code TRC_CSCHED_*} record of credit's trace event {@code name}, or 0 if Xen has none. */
    private static int creditRecord(String name) {
        return switch (name) {
            case "boost" -> CSCHED_BOOST_START;
            case "unboost" -> CSCHED_BOOST_END;
            case "tickle" -> CSCHED_TICKLE;
            case "stolen_vcpu" -> CSCHED_STOLEN_VCPU;
            case "picked_cpu" -> CSCHED_PICKED_CPU;
            case "acct_start" -> CSCHED_ACCOUNT_START;
            case "acct_stop" -> CSCHED_ACCOUNT_STOP;
            case "ratelimit" -> CSCHED_RATELIMIT;
            default -> 0;
        };
    }

    @Override
    protected void finishFile() {
        writeWindows();
    }
}
