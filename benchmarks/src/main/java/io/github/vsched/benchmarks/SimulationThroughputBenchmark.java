package io.github.vsched.benchmarks;

import io.github.vsched.api.DomainType;
import io.github.vsched.api.Durations;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.Platform;
import io.github.vsched.api.PlatformCosts;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.api.Topology;
import io.github.vsched.core.ComponentSpec;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.PluginRegistry;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.SimulationFactory;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import io.github.vsched.scenario.ResolvedScenario;
import io.github.vsched.scenario.Scenarios;
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
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Whole simulations, from the first event to the last, with the recorders a run has: the
 * engine's per-VCPU metrics, the workloads' quality metrics, and (paper scenario) the timeline
 * window of the scenario's report (25 ms). Checked mode is off. Each invocation runs a
 * fresh {@link Simulation} of {@code duration} simulated time; building it (plugin lookup,
 * parameter validation, guest creation) happens in an invocation-level setup that JMH does
 * not time.
 *
 * <p>Scenarios ({@code scenario}):
 * <ul>
 *   <li>{@code paper}: the paper's experiment, read from {@code scenarios/paper-compile.yaml}
 *       ({@code builtin:paper-compile}, through {@link Scenarios}) and run under
 *       {@code scheduler} for {@code duration}: a Q6600 ({@code x86-q6600}), dom0 with 4 VCPUs
 *       serving the guests' I/O ({@code dom0-backend}), a Windows XP HVM guest playing a video
 *       ({@code video-playback}, made soft real-time by the file's srt-credit section when
 *       srt-credit runs) and a PV guest with 4 VCPUs compiling ({@code kernel-compile}). Every
 *       plugin the file names must be installed (benchmarks.jar carries them all).</li>
 *   <li>{@code paper-standin}: the same file with the plugins' models replaced by stand-ins
 *       (the engine without them; printed in the setup): a {@link FixedCostPlatform} with the
 *       Q6600's topology and its default costs, {@link Guests#backend()}, {@link Guests#periodic}
 *       (2.3 ms, 53 us) and {@link Guests#ioLoop} (32 KiB disk reads between 10 ms of CPU).</li>
 *   <li>{@code n2s2a1}: sched-sim's workload N2s2a1, {@code scenarios/n2s2a1.yaml}: 2 PCPUs
 *       with every cost zero and five one-VCPU VMs cycling through run and block phases, to
 *       compare with sched-sim (benchmarks/README.md); 10 s simulated by default.</li>
 *   <li>{@code scale}: the machine {@code machine} ({@code PCPUSxVCPUS}, default {@code 64x1024}:
 *       {@code generic-smp} with 4 sockets of 16 cores, or a stand-in {@link FixedCostPlatform}
 *       with that topology): dom0 (4 VCPUs, backend) and guests of 4 VCPUs (255 at 1,024), a
 *       third CPU hogs, a third sleepers (0.2-1 ms of CPU every 1-10 ms), a third I/O guests (network exchanges, disk reads, I/O-like wakers), all from
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
    /** Scenario: {@code paper}, {@code paper-standin}, {@code n2s2a1} or {@code scale}. */
    @Param({"paper", "scale"})
    public String scenario;

    /**
     * The machine of the {@code scale} scenario, {@code PCPUSxVCPUS}: from {@code 4x16} to
     * {@code 256x4096}; ignored by the other scenarios.
     */
    @Param({"64x1024"})
    public String machine;

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

    /** The paper's scenario file. */
    static final String PAPER = Scenarios.BUILTIN + "paper-compile";
    /** sched-sim's workload N2s2a1 ({@code scenarios/n2s2a1.yaml}). */
    static final String N2S2A1 = Scenarios.BUILTIN + "n2s2a1";

    /** Stand-ins for the paper's workloads, by the id of the workload they replace. */
    private static final Map<String, IntFunction<GuestModel>> WORKLOAD_STAND_INS = Map.of(
            "dom0-backend", i -> Guests.backend(),
            "video-playback", i -> Guests.periodic(2300 * Durations.US, 53 * Durations.US, 0),
            "kernel-compile", i -> Guests.ioLoop(IoKind.DISK_READ, 32 * 1024, 10 * Durations.MS));

    private Scenario built;
    private Simulation simulation;
    private long timelineFrom;
    private long timelineLength;

    /** Secondary results, normalised by JMH to rates per wall-clock second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rates {
        /** Events processed: reported as events per second. */
        public long events;
        /** Simulated time run: reported as simulated seconds per wall-clock second. */
        public double simulatedSeconds;
    }

    /**
     * Builds the scenario once: reads the paper's file or builds the scale scenario, looking
     * every plugin up (the scale scenario picks stand-ins for missing ones).
     */
    @Setup(Level.Trial)
    public void buildScenario() {
        SchedulerProvider sp = InstalledSchedulers.require(scheduler);
        long ns = !duration.equals("auto") ? Durations.parse(duration, 1)
                : switch (scenario) {
                    case "scale" -> Durations.S;
                    case "n2s2a1" -> 10 * Durations.S;
                    default -> 60 * Durations.S;
                };
        List<String> standIns = new ArrayList<>();
        switch (scenario) {
            case "paper", "paper-standin" -> {
                ResolvedScenario paper = paper(scheduler, ns, Simulations.factory());
                built = scenario.equals("paper") ? paper.scenario() : withStandIns(paper.scenario(), standIns);
                // the report window of the file, moved into a shorter run
                timelineFrom = Math.min(paper.windowStartNs(), ns / 2);
                timelineLength = paper.windowLengthNs();
            }
            case "n2s2a1" -> {
                ResolvedScenario n2 = Scenarios.resolve(N2S2A1, scheduler, Simulations.factory(),
                        List.of("duration=" + ns + "ns"));
                built = n2.scenario();
                timelineFrom = Math.min(n2.windowStartNs(), ns / 2);
                timelineLength = n2.windowLengthNs();
            }
            case "scale" -> built = scale(sp, machine, ns, PluginRegistry.load(), standIns);
            default -> throw new IllegalArgumentException("scenario '" + scenario
                    + "': expected paper, paper-standin, n2s2a1 or scale");
        }
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
        if (!scenario.equals("scale")) {
            simulation.addListener(PcpuTimeline.builder().window(timelineFrom, timelineFrom + timelineLength)
                    .maxSegments(100_000).build());
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

    /** The paper's scenario file under {@code scheduler}, run for {@code durationNs}. */
    static ResolvedScenario paper(String scheduler, long durationNs, SimulationFactory factory) {
        return Scenarios.resolve(PAPER, scheduler, factory, List.of("duration=" + durationNs + "ns"));
    }

    /**
     * {@code s} with a stand-in platform and stand-in workloads (the engine without the plugins'
     * models); everything else (domains, VCPUs, scheduler parameters, affinity) as in {@code s}.
     */
    static Scenario withStandIns(Scenario s, List<String> standIns) {
        Scenario.Builder b = Scenario.builder(s.name()).seed(s.seed()).duration(s.durationNs()).checked(s.checked());
        standIns.add(s.platform().id());
        b.platform(q6600StandIn(Topology.regular(1, 4, 1, 2), "q6600-standin"));
        ComponentSpec<SchedulerProvider> sched = s.scheduler();
        if (sched.instance() != null) {
            b.scheduler(sched.instance(), sched.params());
        } else {
            b.scheduler(sched.id(), sched.params());
        }
        for (DomainSpec d : s.domains()) {
            String id = d.workload().id();
            IntFunction<GuestModel> standIn = WORKLOAD_STAND_INS.get(id);
            if (standIn == null) {
                throw new IllegalStateException(PAPER + ": no stand-in for workload '" + id + "' of domain "
                        + d.name() + "; stand-ins exist for " + new TreeSet<>(WORKLOAD_STAND_INS.keySet()));
            }
            standIns.add(id);
            DomainSpec.Builder copy = DomainSpec.builder(d.name()).type(d.type()).vcpus(d.vcpus())
                    .memoryMb(d.memoryMb()).driverDomain(d.driverDomain()).irqVcpu(d.irqVcpu())
                    .workload(id + "-standin", Guests.workload(standIn));
            d.schedulerParams().forEach(copy::schedulerParam);
            d.vcpuSchedulerParams().forEach((v, params) -> params.forEach((k, value) ->
                    copy.vcpuSchedulerParam(v, k, value)));
            for (int v = 0; v < d.affinity().size(); v++) {
                if (d.affinity().get(v) != null) {
                    copy.vcpuAffinity(v, d.affinity().get(v));
                }
            }
            b.domain(copy.build());
        }
        return b.build();
    }

    /**
     * A machine of {@code machine} ({@code PCPUSxVCPUS}): sockets of up to 16 cores with a cache
     * per 8, dom0 (4 VCPUs) and guests of 4 VCPUs, in turn CPU hogs, sleepers and I/O guests.
     */
    static Scenario scale(SchedulerProvider sp, String machine, long durationNs, PluginRegistry registry,
            List<String> standIns) {
        String[] pv = machine.split("x");
        int pcpus = pv.length == 2 && pv[0].matches("[0-9]{1,4}") ? Integer.parseInt(pv[0]) : -1;
        int vcpus = pv.length == 2 && pv[1].matches("[0-9]{1,5}") ? Integer.parseInt(pv[1]) : -1;
        if (pcpus < 1 || pcpus > 1024 || (pcpus > 16 && pcpus % 16 != 0) || vcpus < 8 || vcpus % 4 != 0
                || vcpus > 4096) {
            throw new IllegalArgumentException("machine '" + machine + "': expected PCPUSxVCPUS, PCPUS 1 to 16 or a"
                    + " multiple of 16 up to 1024, VCPUS a multiple of 4 from 8 to 4096 (e.g. 64x1024)");
        }
        int cores = Math.min(pcpus, 16);
        int sockets = pcpus / cores;
        int perCache = Math.min(cores, 8);
        int guests = (vcpus - 4) / 4;
        Scenario.Builder b = Scenario.builder("scale-" + machine).seed(1).duration(durationNs);
        if (registry.platforms().containsKey("generic-smp")) {
            b.platform("generic-smp", Map.of("sockets", String.valueOf(sockets), "coresPerSocket", String.valueOf(cores),
                    "coresPerCache", String.valueOf(perCache), "memoryMiB", String.valueOf(1024L * pcpus)));
        } else {
            standIns.add("generic-smp");
            b.platform(q6600StandIn(Topology.regular(sockets, cores, 1, perCache), "smp" + pcpus + "-standin"));
        }
        b.scheduler(sp, Map.of());
        b.domain(DomainSpec.builder("dom0").type(DomainType.PV).vcpus(4).memoryMb(1024)
                .workload("backend", Guests.workload(i -> Guests.backend())).build());
        for (int d = 0; d < guests; d++) {
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
        PlatformCosts costs = PlatformCosts.builder().contextSwitchNs(3 * Durations.US).ipiLatencyNs(2 * Durations.US)
                .cstates(Durations.US).timerSlopNs(50 * Durations.US).migrationFixedNs(2 * Durations.US)
                .vmExitNs(1500).hypercallNs(500).eventChannelNotifyNs(500).build();
        return new FixedCostPlatform(id, t, 2_400_000_000L, 64L << 30, costs, io);
    }
}
