package io.github.vsched.benchmarks;

import io.github.vsched.api.Durations;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.Platform;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.api.Topology;
import io.github.vsched.api.VcpuView;
import io.github.vsched.benchmarks.floor.ThreeDequeFloor;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.SchedulerDriver;
import io.github.vsched.credit.CreditScheduler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler hot path, driven through the real engine with {@link SchedulerDriver} (the same
 * generic scheduling layer as a simulation, checked mode off, no guest workloads), on an ideal
 * platform (every cost zero: context switches end at once, tickles need no IPI):
 * <ul>
 *   <li>{@link #wakeScheduleRequeue}: on one PCPU with {@code queued} runnable VCPUs waiting, the
 *       running VCPU blocks, {@code schedule} dispatches the next one, and the blocked VCPU is
 *       woken and requeued. The clock does not move, so no timer fires: this is the wake and
 *       schedule path alone, in a steady state with {@code queued} VCPUs queued and one running
 *       (checked in the setup).</li>
 *   <li>{@link #tickAndAccounting}: on 4 PCPUs with {@code vcpus} always-runnable VCPUs
 *       (domains of 4, each has run several slices before measuring: checked in the setup), the
 *       clock advances by one accounting period of credit (30 ms: 3 ticks per PCPU, one
 *       accounting pass over the active VCPUs, and the slice ends with their {@code schedule}).
 *       For a scheduler without such timers, what it arms in 30 ms (round-robin: its slice ends)
 *       is what is measured. Credit's active list is shorter than {@code vcpus} at 256 and 1,024
 *       (Xen 4.0 drops VCPUs that saved a tslice of credit from it; the setup prints the
 *       count).</li>
 *   <li>{@link #pickCpu}: {@code pickCpu} (the query form, {@code commit=false}, as credit's
 *       tick uses it) on {@code pcpus} PCPUs, half of them busy, for blocked VCPUs whose
 *       processors cover every PCPU. 4 PCPUs are the Q6600 (two cores per L2); 64 are 4
 *       sockets of 8 cores with 2 hyperthreads.</li>
 * </ul>
 *
 * <p>The {@code scheduler} parameter defaults to the project's schedulers; an id that is not
 * installed fails its setup with the list of installed ones. To measure every installed
 * scheduler (a third-party plugin on the class path included) pass
 * {@code -p scheduler=$(java -cp benchmarks/target/benchmarks.jar io.github.vsched.benchmarks.InstalledSchedulers)}
 * (see {@link InstalledSchedulers}).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SchedulerHotPathBenchmark -prof gc}
 * (for one part: {@code SchedulerHotPathBenchmark.wakeScheduleRequeue -p queued=16}). Results in
 * ns per operation; {@code gc.alloc.rate.norm} should be 0 B/op for the cycle.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SchedulerHotPathBenchmark {
    /** Credit's accounting period with Xen 4.0's defaults (tslice 30 ms, 3 ticks of 10 ms). */
    static final long ACCOUNTING_PERIOD_NS = 30 * Durations.MS;

    /** The scheduler under test, looked up in the registry. */
    @State(Scope.Benchmark)
    public static class SchedulerChoice {
        /** Scheduler id, as installed (see {@link InstalledSchedulers}). */
        @Param({"round-robin", "credit", "srt-credit"})
        public String scheduler;

        SchedulerProvider provider;

        /** Looks the id up; fails with the installed ids when it is not installed. */
        @Setup
        public void setUp() {
            provider = InstalledSchedulers.require(scheduler);
        }

        SchedulerDriver driver(Platform platform) {
            return SchedulerDriver.create(platform, provider, Map.of(), 1, false);
        }
    }

    /** One PCPU with {@code queued} VCPUs waiting behind the running one. */
    @State(Scope.Thread)
    public static class Cycle {
        /** Runnable VCPUs waiting in the PCPU's queue (one more runs). */
        @Param({"1", "16", "64", "256", "1024"})
        public int queued;

        SchedulerDriver driver;
        PcpuView pcpu;

        /** Wakes {@code queued + 1} VCPUs, runs cycles, and checks the steady state. */
        @Setup
        public void setUp(SchedulerChoice choice) {
            driver = choice.driver(FixedCostPlatform.ideal(1));
            List<? extends VcpuView> vcpus = driver.addDomain("guest", queued + 1, Map.of()).vcpus();
            for (VcpuView v : vcpus) {
                driver.wake(v);
            }
            pcpu = driver.pcpu(0);
            for (int i = 0; i < 4 * (queued + 1); i++) {
                cycle(driver, pcpu);
            }
            VcpuView before = pcpu.current();
            cycle(driver, pcpu);
            if (pcpu.current().isIdle() || pcpu.current() == before) {
                throw new IllegalStateException(choice.scheduler + ": after a block the PCPU runs "
                        + pcpu.current().name() + " instead of the next queued VCPU");
            }
            Scheduler s = driver.scheduler();
            if (s.reportsQueues()) {
                int[] n = new int[1];
                s.forEachQueued(0, v -> n[0]++);
                if (n[0] != queued) {
                    throw new IllegalStateException(choice.scheduler + ": " + n[0] + " VCPUs queued in the steady"
                            + " state, expected " + queued);
                }
            }
        }
    }

    /** The floor of the cycle: {@code queued} VCPUs waiting on three bare deques. */
    @State(Scope.Thread)
    public static class FloorCycle {
        /** VCPUs waiting (one more runs), as in {@link Cycle}. */
        @Param({"1", "16", "64", "256", "1024"})
        public int queued;

        ThreeDequeFloor floor;

        /** Builds the queues and checks that a cycle keeps {@code queued} waiting. */
        @Setup
        public void setUp() {
            floor = new ThreeDequeFloor(queued);
            for (int i = 0; i < 4 * (queued + 1); i++) {
                floor.cycle();
            }
            if (floor.queued() != queued) {
                throw new IllegalStateException("floor: " + floor.queued() + " queued, expected " + queued);
            }
        }
    }

    /** 4 PCPUs with {@code vcpus} always-runnable VCPUs, run until every one has had turns. */
    @State(Scope.Thread)
    public static class Timers {
        /** Always-runnable VCPUs on the 4 PCPUs. */
        @Param({"4", "16", "64", "256", "1024"})
        public int vcpus;

        SchedulerDriver driver;

        /** Creates the VCPUs in domains of 4, wakes them and runs several rounds of slices. */
        @Setup
        public void setUp(SchedulerChoice choice) {
            driver = choice.driver(FixedCostPlatform.ideal(4));
            List<VcpuView> all = new ArrayList<>();
            for (int d = 0; d < (vcpus + 3) / 4; d++) {
                all.addAll(driver.addDomain("d" + d, Math.min(4, vcpus - 4 * d), Map.of()).vcpus());
            }
            for (VcpuView v : all) {
                driver.wake(v);
            }
            // each VCPU gets a 30 ms slice about every vcpus / 4 accounting periods: three rounds
            long rounds = 3L * (vcpus / 4 + 1) + 10;
            driver.advanceTo(driver.now() + rounds * ACCOUNTING_PERIOD_NS);
            for (int c = 0; c < 4; c++) {
                if (driver.pcpu(c).current().isIdle()) {
                    throw new IllegalStateException(choice.scheduler + ": pcpu" + c + " is idle with " + vcpus
                            + " runnable VCPUs on 4 PCPUs");
                }
            }
            for (VcpuView v : all) {
                if (!v.isRunnable() || v.lastRunTime() < 0 && !v.isRunning()) {
                    throw new IllegalStateException(choice.scheduler + ": " + v.name() + " has not run in "
                            + rounds + " accounting periods (runnable: " + v.isRunnable() + ")");
                }
            }
            if (driver.scheduler() instanceof CreditScheduler credit) {
                // Xen 4.0's csched_acct takes a VCPU that saved more than a tslice of credit off the
                // active list until its next tick: with many VCPUs per PCPU, about half are off it
                int n = 0;
                for (VcpuView v : all) {
                    if (credit.isActive(v)) {
                        n++;
                    }
                }
                System.out.println(choice.scheduler + ": " + n + " of " + vcpus
                        + " VCPUs on the active list the accounting pass walks");
            }
        }
    }

    /** {@code pcpus} PCPUs, the lower half busy, and blocked VCPUs to place. */
    @State(Scope.Thread)
    public static class Placement {
        /** PCPUs of the machine: 4 (Q6600 topology) or 64 (4 x 8 cores x 2 threads). */
        @Param({"4", "64"})
        public int pcpus;

        Scheduler scheduler;
        VcpuView[] probes;
        int next;

        /** Makes half the PCPUs busy and creates one blocked VCPU per PCPU to place. */
        @Setup
        public void setUp(SchedulerChoice choice) {
            Topology t = switch (pcpus) {
                case 4 -> Topology.regular(1, 4, 1, 2);
                case 64 -> Topology.regular(4, 8, 2, 8);
                default -> throw new IllegalArgumentException("pcpus: 4 or 64, not " + pcpus);
            };
            SchedulerDriver driver = choice.driver(FixedCostPlatform.ideal(pcpus).withTopology(t));
            for (VcpuView v : driver.addDomain("busy", pcpus / 2, Map.of()).vcpus()) {
                driver.wake(v);
            }
            probes = driver.addDomain("probe", pcpus, Map.of()).vcpus().toArray(new VcpuView[0]);
            scheduler = driver.scheduler();
            int busy = 0;
            for (int c = 0; c < pcpus; c++) {
                if (!driver.pcpu(c).isIdle()) {
                    busy++;
                }
            }
            if (busy != pcpus / 2) {
                throw new IllegalStateException(choice.scheduler + ": " + busy + " busy PCPUs of " + pcpus
                        + ", expected " + pcpus / 2);
            }
            boolean[] covered = new boolean[pcpus];
            for (VcpuView v : probes) {
                covered[v.processor()] = true;
            }
            for (int c = 0; c < pcpus; c++) {
                if (!covered[c]) {
                    throw new IllegalStateException("no probe VCPU has pcpu" + c + " as its processor");
                }
            }
        }
    }

    /** The running VCPU blocks, the next is dispatched, the blocked one wakes and is requeued. */
    static void cycle(SchedulerDriver driver, PcpuView pcpu) {
        VcpuView v = pcpu.current();
        driver.block(v);
        driver.wake(v);
    }

    /** One block + schedule + wake + requeue cycle; see the class comment. */
    @Benchmark
    public void wakeScheduleRequeue(Cycle c) {
        cycle(c.driver, c.pcpu);
    }

    /**
     * The floor of {@link #wakeScheduleRequeue}: the same cycle on three bare {@code ArrayDeque}s
     * ({@link ThreeDequeFloor}), measured in the same invocation so the ratio is measured.
     */
    @Benchmark
    public Object wakeScheduleRequeueFloor(FloorCycle c) {
        return c.floor.cycle();
    }

    /** One accounting period (30 ms of simulated time) of timer work; see the class comment. */
    @Benchmark
    public long tickAndAccounting(Timers t) {
        SchedulerDriver d = t.driver;
        d.advanceTo(d.now() + ACCOUNTING_PERIOD_NS);
        return d.now();
    }

    /** One {@code pickCpu} query; see the class comment. */
    @Benchmark
    public int pickCpu(Placement p) {
        VcpuView[] probes = p.probes;
        VcpuView v = probes[p.next];
        p.next = p.next + 1 == probes.length ? 0 : p.next + 1;
        return p.scheduler.pickCpu(v, false);
    }
}
