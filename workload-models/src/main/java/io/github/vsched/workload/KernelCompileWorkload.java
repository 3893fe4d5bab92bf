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
 * <h2>Determinism</h2>
 * Every slot has its own random stream, so job {@code i} of slot {@code s} has the same CPU
 * time and requests under every scheduler.
 *
 * <h2>Metrics</h2>
 * {@code jobsCompleted}; {@code jobsPerSecond} = jobs completed / time since the first VCPU
 * started; {@code cpuSeconds} = compile CPU of completed bursts; {@code ioRequests} completed;
 * {@code ioLatencyP50Ms} and {@code ioLatencyP99Ms} from a request's issue to its completion
 * event; with {@code totalJobs > 0}, {@code completionSeconds}: the time the last job
 * completed, or -1 if the work did not finish within the run.
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
        return new CompileVcpu(own);
    }

    /** Starts the slot's next job; false if the fixed amount of work has all been started. */
    private boolean startJob(Slot s) {
        if (totalJobs > 0 && jobsStarted >= totalJobs) {
            return false;
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
        return m;
    }

    /** One of make's job slots. */
    static final class Slot {
        final int index;
        final RandomGenerator random;
        long burst;
        int ioLeft;
        long issuedAt;

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
                    if (startJob(s)) {
                        enqueue(s);
                    }
                }
            }
            if (running != null) {
                Slot s = running;
                running = null;
                cpuNs += s.burst;
                if (s.ioLeft > 0) {
                    s.ioLeft--;
                    IoKind kind = s.random.nextDouble() < readFraction ? IoKind.DISK_READ : IoKind.DISK_WRITE;
                    s.issuedAt = now;
                    g.io(kind, ioBytes, s.index);
                } else {
                    jobsCompleted++;
                    if (totalJobs > 0 && jobsCompleted == totalJobs) {
                        finishedAt = now;
                    }
                    if (startJob(s)) {
                        enqueue(s); // else all the work has started: the slot stays idle
                    }
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
