package io.github.vsched.workload;

import io.github.vsched.api.Guest;
import io.github.vsched.api.GuestEvent;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

import static io.github.vsched.workload.KernelCompileProvider.*;

/**
 * The {@code kernel-compile} model.
 *
 * <h2>Jobs</h2>
 * There are {@code jobs} job slots (make's parallel jobs); slot {@code s} runs on VCPU
 * {@code s mod vcpus} and compiles one job after another. A job draws its CPU time {@code C}
 * (from {@code jobCpuDistribution}) and its number of disk requests {@code n} (Poisson, mean
 * {@code ioPerJob}); it then runs {@code n + 1} bursts of {@code C / (n + 1)} with a request
 * after each but the last, waiting for each request to complete ({@link IoKind#DISK_READ} with
 * probability {@code readFraction}, else {@link IoKind#DISK_WRITE}, {@code ioBytes} each). A
 * VCPU runs the bursts of its ready slots in turn (each burst to its end: the guest kernel's
 * own time slicing is not modelled) and blocks when all of them wait for the disk. With
 * {@code totalJobs > 0}, no job starts after that many have started; once all have completed,
 * the VCPUs stay blocked.
 *
 * <h2>Directories</h2>
 * With {@code directoryJobs = D > 0} the jobs come in directories of {@code D}, as a recursive
 * make builds them: a slot whose directory has no job left to start idles; the slot that
 * completes the directory's last job then runs its link step ({@code linkCpu}, split evenly
 * around {@code linkWrites} {@link IoKind#DISK_WRITE}s of {@code ioBytes}), and when the link is
 * done the next directory opens: the idle slots start its jobs in slot order, and the VCPUs they
 * run on are notified ({@link Guest#notifyVcpu}, the guest kernel's IPI to wake make's
 * children there). The load thus alternates between parallel bursts and one linking VCPU.
 *
 * <h2>Determinism</h2>
 * Every slot has its own random stream, so job {@code i} of slot {@code s} has the same CPU
 * time and requests under every scheduler.
 *
 * <h2>Metrics</h2>
 * {@code jobsCompleted}; {@code jobsPerSecond} = jobs completed / time since the first VCPU
 * started; {@code cpuSeconds} = compile CPU of completed bursts; {@code ioRequests} completed;
 * {@code ioLatencyP50Ms} and {@code ioLatencyP99Ms} from a request's issue to its completion
 * event; with {@code totalJobs > 0}, {@code completionSeconds}: the time the last job
 * completed, or -1 if the work did not finish within the run; with {@code directoryJobs > 0},
 * {@code links}: link steps completed.
 */
final class KernelCompileWorkload implements Workload {
    private final int slotCount;
    private final long totalJobs;
    private final BurstDistribution jobCpu;
    private final double ioPerJob;
    private final double readFraction;
    private final long ioBytes;
    private final long workingSet;
    private final Slot[] slots;
    private final int vcpus;
    private final CompileVcpu[] compileVcpus;
    private final long directoryJobs;
    private final long linkCpu;
    private final int linkWrites;
    /** Jobs of the current directory not yet started, and started but not completed. */
    private long directoryLeft;
    private long directoryRunning;
    /** Slots idle until the next directory opens, in slot order. */
    private final boolean[] idle;
    /** The VCPUs to notify when a directory opens (reused). */
    private final boolean[] toNotify;
    private long links;

    private long jobsStarted;
    private long jobsCompleted;
    private long finishedAt = -1;
    private long startedAt = -1;
    private long cpuNs;
    private final DurationHistogram ioLatency = new DurationHistogram();

    KernelCompileWorkload(WorkloadContext context, Parameters p) {
        this.slotCount = (int) p.integer(JOBS);
        this.totalJobs = p.integer(TOTAL_JOBS);
        this.jobCpu = BurstDistribution.fromParameters(p, JOB_CPU_DISTRIBUTION, JOB_CPU, JOB_CPU_CV);
        this.ioPerJob = p.decimal(IO_PER_JOB);
        this.readFraction = p.decimal(READ_FRACTION);
        this.ioBytes = p.integer(IO_BYTES);
        this.workingSet = WorkingSet.bytes(p);
        ParameterRules.onlyWith(p, READ_FRACTION, ioPerJob > 0, "ioPerJob is 0");
        ParameterRules.onlyWith(p, IO_BYTES, ioPerJob > 0, "ioPerJob is 0");
        this.vcpus = context.domain().vcpus().size();
        this.compileVcpus = new CompileVcpu[vcpus];
        this.directoryJobs = p.integer(DIRECTORY_JOBS);
        ParameterRules.onlyWith(p, LINK_CPU, directoryJobs > 0, "directoryJobs is 0");
        ParameterRules.onlyWith(p, LINK_WRITES, directoryJobs > 0, "directoryJobs is 0");
        this.linkCpu = p.duration(LINK_CPU);
        this.linkWrites = (int) p.integer(LINK_WRITES);
        this.directoryLeft = directoryJobs;
        this.idle = new boolean[slotCount];
        this.toNotify = new boolean[vcpus];
        RandomGenerator[] streams = Streams.split(context.random(), slotCount);
        this.slots = new Slot[slotCount];
        for (int s = 0; s < slotCount; s++) {
            slots[s] = new Slot(s, streams[s]);
        }
    }

    @Override
    public GuestModel vcpu(int index) {
        int mine = 0;
        for (int s = index; s < slotCount; s += vcpus) {
            mine++;
        }
        if (mine == 0) {
            return new ParkedVcpu();
        }
        Slot[] own = new Slot[mine];
        int i = 0;
        for (int s = index; s < slotCount; s += vcpus) {
            own[i++] = slots[s];
        }
        compileVcpus[index] = new CompileVcpu(own);
        return compileVcpus[index];
    }

    /**
     * Starts the slot's next job; false if the fixed amount of work has all been started, or the
     * current directory's jobs have (the slot then idles until the next directory).
     */
    private boolean startJob(Slot s) {
        if (totalJobs > 0 && jobsStarted >= totalJobs) {
            return false;
        }
        if (directoryJobs > 0) {
            if (directoryLeft == 0) {
                idle[s.index] = true;
                return false;
            }
            directoryLeft--;
            directoryRunning++;
        }
        jobsStarted++;
        long c = jobCpu.sample(s.random);
        int n = Streams.poisson(s.random, ioPerJob);
        s.ioLeft = n;
        s.burst = Math.max(1, c / (n + 1));
        return true;
    }

    @Override
    public Map<String, Double> metrics(long endNs) {
        long end = endNs;
        double elapsed = startedAt < 0 ? 0 : (end - startedAt) / 1e9;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("jobsCompleted", (double) jobsCompleted);
        m.put("jobsPerSecond", elapsed > 0 ? jobsCompleted / elapsed : 0);
        m.put("cpuSeconds", cpuNs / 1e9);
        m.put("ioRequests", (double) ioLatency.count());
        m.put("ioLatencyP50Ms", ioLatency.percentile(50) / 1e6);
        m.put("ioLatencyP99Ms", ioLatency.percentile(99) / 1e6);
        if (totalJobs > 0) {
            m.put("completionSeconds", finishedAt < 0 ? -1 : (finishedAt - startedAt) / 1e9);
        }
        if (directoryJobs > 0) {
            m.put("links", (double) links);
        }
        return m;
    }

    /** One of make's job slots. */
    static final class Slot {
        final int index;
        final RandomGenerator random;
        long burst;
        int ioLeft;
        long issuedAt;
        boolean linking;
        /** Whether the slot's VCPU has run (or a directory opened for it before that). */
        boolean begun;

        Slot(int index, RandomGenerator random) {
            this.index = index;
            this.random = random;
        }
    }

    /** A VCPU of dom1 running its slots' bursts. */
    final class CompileVcpu implements GuestModel {
        private final Slot[] own;
        /** Ready slots, a ring of capacity own.length. */
        private final Slot[] ready;
        private int head;
        private int size;
        private Slot running;
        private boolean started;

        CompileVcpu(Slot[] own) {
            this.own = own;
            this.ready = new Slot[own.length];
        }

        private void enqueue(Slot s) {
            ready[(head + size) % ready.length] = s;
            size++;
        }

        private Slot dequeue() {
            if (size == 0) {
                return null;
            }
            Slot s = ready[head];
            ready[head] = null;
            head = (head + 1) % ready.length;
            size--;
            return s;
        }

        @Override
        public void next(Guest g) {
            long now = g.now();
            if (!started) {
                started = true;
                if (startedAt < 0) {
                    startedAt = now;
                }
                for (Slot s : own) {
                    if (!s.begun && startJob(s)) {
                        enqueue(s);
                    }
                    s.begun = true;
                }
            }
            if (running != null) {
                Slot s = running;
                running = null;
                cpuNs += s.burst;
                if (s.ioLeft > 0) {
                    s.ioLeft--;
                    IoKind kind = s.linking ? IoKind.DISK_WRITE
                            : s.random.nextDouble() < readFraction ? IoKind.DISK_READ : IoKind.DISK_WRITE;
                    s.issuedAt = now;
                    g.io(kind, ioBytes, s.index);
                } else {
                    finish(g, s, now);
                }
            }
            Slot s = dequeue();
            if (s != null) {
                running = s;
                g.compute(s.burst);
                return;
            }
            g.block();
        }

        /** The slot's job (or link step) is done: what the slot does next. */
        private void finish(Guest g, Slot s, long now) {
            if (s.linking) {
                s.linking = false;
                links++;
                idle[s.index] = true; // takes a job of the next directory like the others
                openDirectory(g);
                return;
            }
            jobsCompleted++;
            if (totalJobs > 0 && jobsCompleted == totalJobs) {
                finishedAt = now;
            }
            if (directoryJobs > 0 && --directoryRunning == 0 && directoryLeft == 0) {
                s.linking = true; // the directory's last job: link it
                s.ioLeft = linkWrites;
                s.burst = Math.max(1, linkCpu / (linkWrites + 1));
                enqueue(s);
                return;
            }
            if (startJob(s)) {
                enqueue(s); // else all the work has started, or the directory's has: the slot idles
            }
        }

        /** The next directory: idle slots start its jobs; VCPUs other than this one are notified. */
        private void openDirectory(Guest g) {
            directoryLeft = directoryJobs;
            boolean[] notify = toNotify;
            for (int i = 0; i < slotCount; i++) {
                if (idle[i]) {
                    idle[i] = false;
                    if (!startJob(slots[i])) {
                        continue; // idle again: no job left to start
                    }
                    slots[i].begun = true;
                    CompileVcpu owner = compileVcpus[i % vcpus];
                    owner.enqueue(slots[i]);
                    if (owner != this) {
                        notify[i % vcpus] = true;
                    }
                }
            }
            for (int v = 0; v < vcpus; v++) {
                if (notify[v]) {
                    notify[v] = false;
                    g.notifyVcpu(v, 0);
                }
            }
        }

        @Override
        public void onEvent(Guest g, int kind, long tag) {
            if (kind == GuestEvent.IO_COMPLETE) {
                Slot s = slots[(int) tag];
                ioLatency.record(g.now() - s.issuedAt);
                enqueue(s);
            }
        }

        @Override
        public long workingSetBytes() {
            return workingSet;
        }
    }
}
