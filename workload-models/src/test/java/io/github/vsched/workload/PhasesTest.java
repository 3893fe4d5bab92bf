package io.github.vsched.workload;

import io.github.vsched.api.Capability;
import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Workload;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.SimulationResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.S;
import static io.github.vsched.api.Durations.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The phases model: the text form and its messages, the structured form, demand, contention, randomness. */
class PhasesTest {
    static final PhasesProvider PHASES = new PhasesProvider();

    static DomainSpec text(String name, int vcpus, CpuMask pcpus, String phases) {
        return DomainSpec.builder(name).vcpus(vcpus).affinity(pcpus).memoryMb(0)
                .workload("phases", PhasesProvider.fromText(phases)).build();
    }

    static Workload solo(String phases, long seed) {
        return PhasesProvider.fromText(phases).apply(Models.context(DomainType.PV, 1, seed, Models.IDEAL));
    }

    @Test
    void issuesIoOnlyWhenAPhaseDoes() {
        PhasesProvider p = new PhasesProvider();
        Function<Map<String, String>, Set<Capability>> caps =
                raw -> p.capabilities(Parameters.resolve("phases", p.parameters(), raw, 1));
        assertThat(caps.apply(Map.of())).doesNotContain(Capability.IO);
        assertThat(caps.apply(Map.of("io", "read"))).contains(Capability.IO);
        assertThat(caps.apply(Map.of("phases", "run:1ms,sleep:9ms"))).doesNotContain(Capability.IO);
        assertThat(caps.apply(Map.of("phases", "run:1ms; run:2ms, NET:4KiB"))).contains(Capability.IO);
        assertThat(p.capabilities()).contains(Capability.IO);
    }

    @Test
    void parsesEveryPhaseKind() throws Exception {
        List<PhaseProgram> p = PhaseProgram.parse(
                " run:~2ms , read:64KiB,write:512B ; run:500us..1ms,timer:10ms,net:1,sleep:60000tsc,yield,halt",
                2_400_000_000L);
        assertThat(p).hasSize(2);
        assertThat(p.get(0).kind).containsExactly(PhaseProgram.RUN, PhaseProgram.IO, PhaseProgram.IO);
        assertThat(p.get(0).io[1]).isEqualTo(IoKind.DISK_READ);
        assertThat(p.get(0).amount[1]).isEqualTo(65_536);
        assertThat(p.get(0).amount[2]).isEqualTo(512);
        assertThat(p.get(0).time[0].shape()).isEqualTo("exponential");
        assertThat(p.get(1).kind).containsExactly(PhaseProgram.RUN, PhaseProgram.TIMER, PhaseProgram.IO,
                PhaseProgram.SLEEP, PhaseProgram.YIELD, PhaseProgram.HALT);
        assertThat(p.get(1).low[0]).isEqualTo(500 * US);
        assertThat(p.get(1).high[0]).isEqualTo(MS);
        assertThat(p.get(1).amount[1]).isEqualTo(10 * MS);
        assertThat(p.get(1).io[2]).isEqualTo(IoKind.NET_EXCHANGE);
        assertThat(p.get(1).time[3].mean()).isEqualTo(25 * US); // 60000 cycles at 2.4 GHz
    }

    /** Each mistake gets a message naming the parameter, the list, the phase and what to write instead. */
    @Test
    void badPhaseTextIsRejectedWithAClearMessage() {
        assertBad("run:1ms,jog:2ms", "phase 2 ('jog:2ms'): unknown kind 'jog'; known: run, sleep, timer, read, write,"
                + " net, yield, halt");
        assertBad("run,sleep:9ms", "phase 1 ('run'): 'run' needs a duration, e.g. run:1ms");
        assertBad("run:1ms,sleep:9", "phase 2 ('sleep:9'): bad duration '9': missing unit in '9'");
        assertBad("run:1xs", "unknown unit 'xs'");
        assertBad("run:0ms", "the duration must be positive, got '0ms'");
        assertBad("run:3ms..1ms", "the range 3ms..1ms runs backwards; write low..high");
        assertBad("run:1ms,,sleep:1ms", "phase 2 (''): is empty (a doubled or trailing ',' or ';'?)");
        assertBad("halt,run:1ms", "halt must be the last phase of its list");
        assertBad("run:1ms,yield:2ms", "'yield' takes no argument");
        assertBad("read:4kb", "bad size '4kb' (write a whole number of bytes, optionally with B, KiB or MiB");
        assertBad("", "no phases given; write for example run:1ms,sleep:9ms");
        assertBad("run:1ms;run:2ms;run:3ms", "3 phase lists for 1 VCPU; give one list for all VCPUs or one per VCPU");
        assertBad("run:1ms;timer", "list 2 ('timer'): phase 1 ('timer'): 'timer' needs a period, e.g. timer:10ms");
    }

    private static void assertBad(String phases, String message) {
        assertThatThrownBy(() -> solo(phases, 1))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("parameter 'workload phases of domain g.phases'")
                .hasMessageContaining(message);
    }

    /** The default structured cycle, 1 ms of CPU then 9 ms asleep: 10 ms cycles, 10% of a PCPU. */
    @Test
    void defaultCycleRunsOneMillisecondInTen() {
        SimulationResult r = Scenarios.run(Scenarios.scenario("phases", 1, S)
                .domain(Scenarios.guest("p", DomainType.PV, 1, CpuMask.of(0), "phases", Map.of())));
        Map<String, Double> m = r.workloads().get("p");
        assertThat(r.vcpu("p", 0).cpuShare()).isCloseTo(0.1, within(0.001));
        assertThat(m.get("cycles")).isBetween(99.0, 100.0);
        assertThat(m.get("cycleP50Us")).isCloseTo(10_000, within(50.0));
    }

    /**
     * A periodic task (2 ms every 10 ms, rt-app's timer) keeps its period alone; beside a hog
     * under 30 ms round-robin slices it starts late, cycles stretch and timer phases overrun.
     */
    @Test
    void periodicTaskOverrunsUnderContention() {
        SimulationResult alone = Scenarios.run(Scenarios.scenario("periodic", 1, S)
                .domain(text("p", 1, CpuMask.of(0), "run:2ms,timer:10ms")));
        assertThat(alone.vcpu("p", 0).cpuShare()).isCloseTo(0.2, within(0.001));
        assertThat(alone.workloads().get("p").get("timerOverruns")).isZero();
        assertThat(alone.workloads().get("p").get("cycleMaxUs")).isCloseTo(10_000, within(50.0));

        SimulationResult busy = Scenarios.run(Scenarios.scenario("periodic-hog", 1, S, 30 * MS)
                .domain(text("p", 1, CpuMask.of(0), "run:2ms,timer:10ms"))
                .domain(Scenarios.guest("hog", DomainType.PV, 1, CpuMask.of(0), "cpu-hog", Map.of())));
        assertThat(busy.workloads().get("p").get("timerOverruns")).isGreaterThan(10.0);
        assertThat(busy.workloads().get("p").get("cycleMaxUs")).isGreaterThan(20_000);
    }

    /** A blocking read per cycle: 100 us of CPU, then the PV read path of 4053 us. */
    @Test
    void ioPhaseBlocksForTheWholePath() {
        SimulationResult r = Scenarios.run(Scenarios.scenario("phases-io", 2, S)
                .domain(Scenarios.dom0(1, CpuMask.of(0)))
                .domain(text("p", 1, CpuMask.of(1), "run:100us,read:4KiB")));
        Map<String, Double> m = r.workloads().get("p");
        assertThat(m.get("cycleP50Us")).isCloseTo(4153, within(20.0));
        assertThat(m.get("ioRequests")).isCloseTo(1e6 / 4153, within(1.0));
    }

    /** One list per VCPU; a halted VCPU goes offline; a yielding VCPU alone keeps its PCPU. */
    @Test
    void listsPerVcpuHaltAndYield() {
        SimulationResult r = Scenarios.run(Scenarios.scenario("phases-lists", 3, S)
                .domain(text("p", 3, CpuMask.all(3), "run:1ms,sleep:9ms;run:3ms,sleep:7ms;run:5ms,halt")));
        assertThat(r.vcpu("p", 0).cpuShare()).isCloseTo(0.1, within(0.002));
        assertThat(r.vcpu("p", 1).cpuShare()).isCloseTo(0.3, within(0.004));
        assertThat(r.vcpu("p", 2).runningNs()).isEqualTo(5 * MS);
        assertThat(r.vcpu("p", 2).offlineNs()).isEqualTo(S - 5 * MS);

        SoloDriver d = new SoloDriver(solo("run:1ms,yield", 1).vcpu(0)).runUntil(100 * MS);
        assertThat(d.yields).isBetween(99, 100);
    }

    /** KS and chi-square (alpha 0.01, fixed seed) of exponential and uniform run phases. */
    @Test
    void randomRunTimesFollowTheirDistributions() {
        SoloDriver exp = new SoloDriver(solo("run:~2ms,sleep:1ms", 5).vcpu(0)).runUntil(10 * S);
        double[] e = Stats.toDoubles(exp.computeDurations());
        assertThat(e.length).isGreaterThan(2000);
        assertThat(Stats.ks(e, x -> 1 - Math.exp(-x / 2e6))).isLessThan(Stats.ksCritical(e.length));

        SoloDriver uni = new SoloDriver(solo("run:1ms..3ms,sleep:1ms", 6).vcpu(0)).runUntil(10 * S);
        long[] bins = new long[10];
        for (long c : uni.computeDurations()) {
            assertThat(c).isBetween(MS, 3 * MS);
            bins[(int) Math.min(9, (c - MS) * 10 / (2 * MS + 1))]++;
        }
        double[] expected = new double[10];
        java.util.Arrays.fill(expected, uni.computes.size() / 10.0);
        assertThat(Stats.chiSquare(bins, expected)).isLessThan(Stats.chiSquareCritical(9));
    }

    @Test
    void structuredParametersAreCheckedToo() {
        assertThatThrownBy(() -> Models.create(PHASES, DomainType.PV, 1, 1, Map.of("sleep", "5ms", "period", "10ms")))
                .hasMessageContaining("g.period").hasMessageContaining("cannot be combined with sleep");
        assertThatThrownBy(() -> Models.create(PHASES, DomainType.PV, 1, 1, Map.of("ioBytes", "8192")))
                .hasMessageContaining("g.ioBytes").hasMessageContaining("io is none");
        Workload w = Models.create(PHASES, DomainType.PV, 1, 1, Map.of("run", "2ms", "period", "5ms", "io", "write"));
        SoloDriver d = new SoloDriver(w.vcpu(0)).ioLatency(MS).runUntil(S);
        assertThat(d.cpuNs()).isEqualTo(200 * 2 * MS); // one 2 ms run per 5 ms period
        assertThat(d.ios).hasSize(200).allSatisfy(io -> assertThat(io[1]).isEqualTo(IoKind.DISK_WRITE.ordinal()));
    }

    /** The text form is a free-text parameter; it cannot be combined with the structured ones. */
    @Test
    void phasesTextParameter() {
        List<String> names = PHASES.parameters().stream().map(ParameterSpec::name).toList();
        assertThat(names).contains("phases");
        Workload w = Models.create(PHASES, DomainType.PV, 1, 1, Map.of("phases", "run:1ms,sleep:1ms"));
        assertThat(new SoloDriver(w.vcpu(0)).runUntil(10 * MS).cpuNs()).isEqualTo(5 * MS);
        assertThatThrownBy(() -> Models.create(PHASES, DomainType.PV, 1, 1,
                Map.of("phases", "run:1ms,sleep:1ms", "run", "2ms")))
                .hasMessageContaining("cannot be combined with phases");
    }
}
