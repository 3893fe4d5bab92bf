package io.github.vsched.benchmarks;

import io.github.vsched.api.DomainType;
import io.github.vsched.api.Durations;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.Platform;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.api.Topology;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.PluginRegistry;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.TimelineRecorder;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
import java.util.function.IntFunction;

/**
 * Whole simulations, from the first event to the last, with the recorders a run has: the
 * engine's per-VCPU metrics, the workloads' quality metrics, and (paper scenario) a 25 ms
 * timeline window as in the scenario's report. Checked mode is off. Each invocation runs a
 * fresh {@link Simulation} of {@code duration} simulated time; building it (plugin lookup,
 * parameter validation, guest creation) happens in an invocation-level setup that JMH does
 * not time.
 *
 * <p>Scenarios ({@code scenario}):
 * <ul>
 *   <li>{@code paper}: the paper's experiment ({@code scenarios/paper-compile.yaml}): a Q6600
 *       ({@code x86-q6600}), dom0 with 4 VCPUs serving the guests' I/O ({@code dom0-backend}), a
 *       Windows XP HVM guest playing a video ({@code video-playback}, made soft real-time under
 *       srt-credit: llBoost, SBT 60 us, USBT 2.3 ms; a 53 us decode burst) and a PV guest with
 *       4 VCPUs compiling ({@code kernel-compile}, make -j4, 65 ms jobs), as in the file. A plugin
 *       id that is not installed is replaced by a stand-in (printed in the setup): a
 *       {@link FixedCostPlatform} with the Q6600's topology and its default costs,
 *       {@link Guests#backend()}, {@link Guests#periodic} (2.3 ms, 53 us) and {@link Guests#ioLoop}
 *       (32 KiB disk reads between 10 ms of CPU).</li>
 *   <li>{@code paper-standin}: the same with every stand-in, whatever is installed (the engine
 *       without the plugins' models).</li>
 *   <li>{@code scale}: 64 PCPUs ({@code generic-smp}: 4 sockets of 16 cores, or a stand-in
 *       {@link FixedCostPlatform} with that topology) and 1,024 VCPUs: dom0 (4 VCPUs, backend)
 *       and 255 guests of 4 VCPUs, a third CPU hogs, a third sleepers (0.2-1 ms of CPU every
 *       1-10 ms), a third I/O guests (network exchanges, disk reads, I/O-like wakers), all from
 *       {@link Guests}.</li>
 * </ul>
 *
 * <p>Two measurements: {@link #simulate} times a whole run (what a user waits for, including
 * the result's per-VCPU histogram summaries, which dominate at 1,024 VCPUs), and
 * {@link #eventLoop} times the event loop alone (the engine's throughput). The primary score is
 * simulations per second; the secondary {@code events} is events per wall-clock second and
 * {@code simulatedSeconds} is simulated seconds per wall-clock second (JMH prints both with the
 * unit {@code ops/s}).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SimulationThroughputBenchmark}
 * (for example {@code SimulationThroughputBenchmark.eventLoop -p scenario=paper
 * -p scheduler=credit,srt-credit -p duration=10s}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Thread)
public class SimulationThroughputBenchmark {
    /** Scenario: {@code paper}, {@code paper-standin} or {@code scale}. */
    @Param({"paper", "scale"})
    public String scenario;

    /** Scheduler id, as installed (see {@link InstalledSchedulers}). */
    @Param({"credit", "srt-credit"})
    public String scheduler;

    /**
     * Simulated time of each run, with a unit ({@code 10s}, {@code 500ms}), or {@code auto}: 60 s
     * for the paper scenarios (323,000 events under credit, about 70 ms of wall time on the
     * README's machine) and 1 s for the scale scenario (630,000 events under credit, about 0.3 s
     * of event loop), long enough that JMH's per-invocation timestamps cost nothing.
     */
    @Param({"auto"})
    public String duration;

    private Scenario built;
    private Simulation simulation;
    private long timelineFrom;

    /** Secondary results, normalised by JMH to rates per wall-clock second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rates {
        /** Events processed: reported as events per second. */
        public long events;
        /** Simulated time run: reported as simulated seconds per wall-clock second. */
        public double simulatedSeconds;
    }

    /** Builds the scenario once: looks every plugin up, picking stand-ins for missing ones. */
    @Setup(Level.Trial)
    public void buildScenario() {
        SchedulerProvider sp = InstalledSchedulers.require(scheduler);
        long ns = duration.equals("auto") ? (scenario.equals("scale") ? Durations.S : 60 * Durations.S)
                : Durations.parse(duration, 1);
        PluginRegistry registry = PluginRegistry.load();
        List<String> standIns = new ArrayList<>();
        built = switch (scenario) {
            case "paper" -> paper(sp, ns, registry, standIns, false);
            case "paper-standin" -> paper(sp, ns, registry, standIns, true);
            case "scale" -> scale(sp, ns, registry, standIns);
            default -> throw new IllegalArgumentException("scenario '" + scenario
                    + "': expected paper, paper-standin or scale");
        };
        timelineFrom = Math.min(5 * Durations.S, ns / 2);
        System.out.println(scenario + " under " + scheduler + ", " + Durations.format(ns) + " simulated: "
                + (standIns.isEmpty() ? "every plugin installed" : "stand-ins for " + String.join(", ", standIns)));
    }

    /**
     * A fresh simulation for each invocation, on a heap cleared of the previous one's garbage
     * (as a run in its own JVM would start); not timed.
     */
    @Setup(Level.Invocation)
    public void createSimulation() {
        System.gc();
        simulation = Simulations.create(built);
        if (scenario.startsWith("paper")) {
            simulation.addListener(new TimelineRecorder(timelineFrom, timelineFrom + 25 * Durations.MS, 100_000));
        }
    }

    /** A whole run: the event loop to the end, then the result with its per-VCPU summaries. */
    @Benchmark
    public SimulationResult simulate(Rates rates) {
        SimulationResult r = simulation.run();
        rates.events += r.events();
        rates.simulatedSeconds += r.durationNs() / 1e9;
        return r;
    }

    /**
     * The event loop alone ({@link Simulation#runUntil} from the start to the end, recorders on),
     * without building the result: the engine's throughput.
     */
    @Benchmark
    public long eventLoop(Rates rates) {
        Simulation s = simulation;
        long end = built.durationNs();
        s.runUntil(end);
        rates.events += s.eventCount();
        rates.simulatedSeconds += end / 1e9;
        return s.eventHash();
    }

    // ---------------------------------------------------------------- scenarios

    /** The paper's scenario, from the registry where possible. */
    static Scenario paper(SchedulerProvider sp, long durationNs, PluginRegistry registry, List<String> standIns,
                          boolean forceStandIns) {
        Scenario.Builder b = Scenario.builder("paper-compile").seed(1).duration(durationNs);
        if (!forceStandIns && registry.platforms().containsKey("x86-q6600")) {
            b.platform("x86-q6600", Map.of());
        } else {
            standIns.add("x86-q6600");
            b.platform(q6600StandIn(Topology.regular(1, 4, 1, 2), "q6600-standin"));
        }
        b.scheduler(sp, Map.of());

        DomainSpec.Builder dom0 = DomainSpec.builder("dom0").type(DomainType.PV).vcpus(4).memoryMb(512);
        workload(dom0, "dom0-backend", Map.of(), i -> Guests.backend(), registry, standIns, forceStandIns);
        b.domain(dom0.build());

        DomainSpec.Builder winxp = DomainSpec.builder("winxp").type(DomainType.HVM).vcpus(1).memoryMb(512);
        workload(winxp, "video-playback", Map.of("burst", "53us"),
                i -> Guests.periodic(2300 * Durations.US, 53 * Durations.US, 0), registry, standIns, forceStandIns);
        if (sp.vcpuParameters().stream().anyMatch(p -> p.name().equals("llBoost"))) {
            // the scenario file's srt-credit section: the video VCPU is soft real-time
            winxp.vcpuSchedulerParam(0, "llBoost", "true")
                    .vcpuSchedulerParam(0, "sbt", "60us")
                    .vcpuSchedulerParam(0, "usbt", "2.3ms");
        }
        b.domain(winxp.build());

        DomainSpec.Builder dom1 = DomainSpec.builder("dom1").type(DomainType.PV).vcpus(4).memoryMb(512);
        workload(dom1, "kernel-compile", Map.of("jobs", "4", "jobCpu", "65ms"),
                i -> Guests.ioLoop(IoKind.DISK_READ, 32 * 1024, 10 * Durations.MS), registry, standIns, forceStandIns);
        b.domain(dom1.build());
        return b.build();
    }

    /** The registry's workload {@code id} with its defaults, or the stand-in. */
    private static void workload(DomainSpec.Builder d, String id, Map<String, String> params,
                                 IntFunction<GuestModel> standIn, PluginRegistry registry, List<String> standIns,
                                 boolean forceStandIns) {
        if (!forceStandIns && registry.workloads().containsKey(id)) {
            d.workload(id, params);
        } else {
            standIns.add(id);
            d.workload(id + "-standin", Guests.workload(standIn));
        }
    }

    /** 64 PCPUs, 1,024 VCPUs of hogs, sleepers and I/O guests. */
    static Scenario scale(SchedulerProvider sp, long durationNs, PluginRegistry registry, List<String> standIns) {
        Scenario.Builder b = Scenario.builder("scale-64x1024").seed(1).duration(durationNs);
        if (registry.platforms().containsKey("generic-smp")) {
            b.platform("generic-smp", Map.of("sockets", "4", "coresPerSocket", "16", "coresPerCache", "8",
                    "memoryMiB", "65536"));
        } else {
            standIns.add("generic-smp");
            b.platform(q6600StandIn(Topology.regular(4, 16, 1, 8), "smp64-standin"));
        }
        b.scheduler(sp, Map.of());
        b.domain(DomainSpec.builder("dom0").type(DomainType.PV).vcpus(4).memoryMb(1024)
                .workload("backend", Guests.workload(i -> Guests.backend())).build());
        for (int d = 0; d < 255; d++) {
            DomainSpec.Builder g = DomainSpec.builder("g" + d).type(DomainType.PV).vcpus(4).memoryMb(128);
            int k = d / 3;
            switch (d % 3) {
                case 0 -> g.workload("hog", Guests.workload(i -> Guests.hog()));
                case 1 -> {
                    long run = (200 + 100 * (k % 9)) * Durations.US;
                    long sleep = (1 + k % 10) * Durations.MS;
                    g.workload("sleeper", Guests.workload(i -> Guests.sleeper(run, sleep)));
                }
                default -> g.workload("io", Guests.workload(i -> switch (i) {
                    case 0, 1 -> Guests.ioLoop(IoKind.NET_EXCHANGE, 1500, 50 * Durations.US);
                    case 2 -> Guests.ioLoop(IoKind.DISK_READ, 4096, 200 * Durations.US);
                    default -> Guests.ioWaker(100 * Durations.US, Durations.MS);
                }));
            }
            b.domain(g.build());
        }
        return b.build();
    }

    /** A fixed-cost platform with {@code t} and the Q6600's default costs (generic-smp's defaults). */
    static Platform q6600StandIn(Topology t, String id) {
        FixedCostPlatform.IoCosts io = new FixedCostPlatform.IoCosts(5 * Durations.MS, 100 * Durations.US,
                8 * Durations.US, 20 * Durations.US, 15, 5 * Durations.US);
        return new FixedCostPlatform(id, t, 2_400_000_000L, 64L << 30, 3 * Durations.US, 2 * Durations.US,
                Durations.US, 50 * Durations.US, 2 * Durations.US, 1500, 500, 500, io);
    }
}
