package io.github.vsched.workload;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.Workload;
import io.github.vsched.core.SimulationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.S;
import static io.github.vsched.api.Durations.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The rt-app model: the file format (rt-app's doc/tutorial.txt), its timing, its metrics and its messages. */
class RtAppTest {
    static final RtAppProvider RT_APP = new RtAppProvider();

    @TempDir
    Path dir;

    private Path write(String name, String json) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, json);
        return f;
    }

    private Workload create(String json, int vcpus) throws IOException {
        Path f = write("t.json", json);
        return Models.create(RT_APP, DomainType.PV, vcpus, 1, Map.of("file", f.toString()));
    }

    private static RtAppFile parse(String json) throws RtAppFile.FormatException {
        return RtAppFile.parse("t.json", json);
    }

    private static final String PERIODIC = """
            {"tasks": {"ctl": {"run": 1000, "timer": {"ref": "unique", "period": 10000}}}}""";

    @Test
    void parsesEveryEventKind() throws Exception {
        RtAppFile f = parse("""
                {"global": {"duration": 2, "default_policy": "SCHED_FIFO", "calibration": "CPU0", "logdir": "./"},
                 "tasks": {
                   "a": {"instance": 2, "delay": 500, "loop": 3, "priority": 10, "cpus": [0, 1],
                         "phases": {
                           "p1": {"loop": 4, "run": 100, "runtime": 200, "sleep": 300, "yield": ""},
                           "p2": {"run0": 50, "timer0": {"ref": "uniqueA", "period": 1000, "mode": "absolute"},
                                  "run1": 60, "timer1": {"ref": "uniqueB", "period": 2000, "mode": "relative"},
                                  "timer2": {"ref": "uniqueA", "period": 1000}}}},
                   "b": {"policy": "SCHED_DEADLINE", "dl-runtime": 1000, "dl-period": 10000,
                         "run": 1000, "timer": {"ref": "t", "period": 10000}}}}""");
        assertThat(f.durationNs).isEqualTo(2 * S);
        assertThat(f.defaultPolicy).isEqualTo("SCHED_FIFO");
        RtAppFile.Task a = f.tasks.get(0);
        assertThat(a.name()).isEqualTo("a");
        assertThat(a.instance()).isEqualTo(2);
        assertThat(a.delayNs()).isEqualTo(500 * US);
        assertThat(a.loop()).isEqualTo(3);
        assertThat(a.policy()).isEqualTo("SCHED_FIFO");
        assertThat(a.phases()).hasSize(2);
        RtAppFile.Phase p1 = a.phases().get(0);
        assertThat(p1.loop()).isEqualTo(4);
        assertThat(p1.kind()).containsExactly(RtAppFile.RUN, RtAppFile.RUN, RtAppFile.SLEEP, RtAppFile.YIELD);
        assertThat(p1.ns()).containsExactly(100 * US, 200 * US, 300 * US, 0);
        RtAppFile.Phase p2 = a.phases().get(1);
        assertThat(p2.loop()).isEqualTo(1);
        assertThat(p2.kind()).containsExactly(RtAppFile.RUN, RtAppFile.TIMER, RtAppFile.RUN, RtAppFile.TIMER,
                RtAppFile.TIMER);
        assertThat(p2.timer()).containsExactly(-1, 0, -1, 1, 0);
        assertThat(a.timers()).isEqualTo(2);
        assertThat(a.timerAbsolute()).containsExactly(true, false);
        RtAppFile.Task b = f.tasks.get(1);
        assertThat(b.loop()).isEqualTo(-1);
        assertThat(b.phases()).hasSize(1);
        assertThat(b.deadline()).isTrue();
        assertThat(b.dlRuntimeUs()).isEqualTo(1000);
        assertThat(b.dlPeriodUs()).isEqualTo(10000);
        assertThat(b.dlDeadlineUs()).isEqualTo(10000); // defaults to the period, as in rt-app
    }

    /** rt-app's timer: run 1 ms, then wait for the next 10 ms release: on an idle machine, exactly every 10 ms. */
    @Test
    void periodicTimerTaskRunsExactlyAtItsPeriod() throws IOException {
        SoloDriver d = new SoloDriver(create(PERIODIC, 1).vcpu(0)).runUntil(100 * MS);
        assertThat(d.computes).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(d.computes.get(i)).containsExactly(i * 10 * MS, MS);
        }

        Path f = write("p.json", PERIODIC);
        SimulationResult r = Scenarios.run(Scenarios.scenario("rt-app", 1, S)
                .domain(Scenarios.guest("g", DomainType.PV, 1, CpuMask.of(0), "rt-app", Map.of("file", f.toString()))));
        assertThat(r.vcpu("g", 0).cpuShare()).isCloseTo(0.1, within(1e-9));
        assertThat((double) r.vcpu("g", 0).dispatchInterval().p50()).isCloseTo(10 * MS, within(0.01 * 10 * MS));
        assertThat((double) r.vcpu("g", 0).dispatchInterval().max()).isCloseTo(10 * MS, within(0.01 * 10 * MS));
        Map<String, Double> m = r.workloads().get("g");
        assertThat(m.get("ctl.activations")).isEqualTo(100.0); // releases at 10 ms, 20 ms, ..., 1 s (the end)
        assertThat(m.get("ctl.missedPeriods")).isZero();
        assertThat(m.get("ctl.latenessMaxUs")).isZero();
    }

    /** A sleep counts from its start, so a preempted run stretches the cycle; a timer keeps its releases. */
    @Test
    void sleepDriftsWhereTimerKeepsItsReleases() throws IOException {
        String sleeper = """
                {"tasks": {"s": {"run": 1000, "sleep": 9000}}}""";
        SoloDriver s = new SoloDriver(create(sleeper, 1).vcpu(0)).blackout(10_500 * US, 13_500 * US).runUntil(40 * MS);
        assertThat(s.computes.stream().map(c -> c[0] / US)).containsExactly(0L, 10_000L, 23_000L, 33_000L);
        SoloDriver t = new SoloDriver(create(PERIODIC, 1).vcpu(0)).blackout(10_500 * US, 13_500 * US).runUntil(40 * MS);
        assertThat(t.computes.stream().map(c -> c[0] / US)).containsExactly(0L, 10_000L, 20_000L, 30_000L);
    }

    /**
     * A missed release (rt-app's code: the thread is past {@code t_next} when it reaches the timer):
     * relative mode counts the next release from now, absolute mode keeps the grid and catches up.
     */
    @Test
    void relativeTimerRestartsFromAMissAndAbsoluteTimerCatchesUp() throws IOException {
        String relative = """
                {"tasks": {"r": {"run": 1000, "timer": {"ref": "unique", "period": 10000}}}}""";
        String absolute = """
                {"tasks": {"r": {"run": 1000, "timer": {"ref": "unique", "period": 10000, "mode": "absolute"}}}}""";
        // not run from 0.5 ms to 20.5 ms: the first run ends at 21 ms, past the 10 ms release; relative mode
        // counts the next release from there (31 ms), absolute mode keeps 20 ms, 30 ms, ...
        Workload rel = create(relative, 1);
        SoloDriver r = new SoloDriver(rel.vcpu(0)).blackout(500 * US, 20_500 * US).runUntil(45 * MS);
        assertThat(r.computes.stream().map(c -> c[0] / US)).containsExactly(0L, 21_000L, 31_000L, 41_000L);
        assertThat(rel.metrics(45 * MS).get("r.missedPeriods")).isEqualTo(1.0);

        Workload abs = create(absolute, 1);
        SoloDriver a = new SoloDriver(abs.vcpu(0)).blackout(500 * US, 20_500 * US).runUntil(45 * MS);
        // releases at 10, 20, 30, 40 ms: 10 ms and 20 ms are missed (the run after the first starts at once)
        assertThat(a.computes.stream().map(c -> c[0] / US)).containsExactly(0L, 21_000L, 22_000L, 30_000L, 40_000L);
        assertThat(abs.metrics(45 * MS).get("r.missedPeriods")).isEqualTo(2.0);
    }

    /** The lateness of a release is how long after it the VCPU ran (rt-app's wu_lat). */
    @Test
    void latenessIsTheDelayFromTheReleaseToTheRun() throws IOException {
        Workload w = create(PERIODIC, 1);
        // the release at 20 ms is reached (the thread waits for it) but the VCPU runs only at 23 ms
        new SoloDriver(w.vcpu(0)).blackout(19 * MS, 23 * MS).runUntil(50 * MS);
        Map<String, Double> m = w.metrics(50 * MS);
        assertThat(m.get("ctl.activations")).isEqualTo(4.0);
        assertThat(m.get("ctl.latenessMaxUs")).isCloseTo(3000, within(30.0));
        assertThat(m.get("ctl.missedPeriods")).isZero();
    }

    /** Phase loops, then the thread's loop count: the VCPU goes offline after the last pass. */
    @Test
    void phaseAndThreadLoopsThenTheVcpuHalts() throws IOException {
        String json = """
                {"tasks": {"t": {"loop": 2, "phases": {
                    "a": {"loop": 3, "run": 100, "sleep": 900},
                    "b": {"run": 2000, "sleep": 1000}}}}}""";
        Workload w = create(json, 1);
        SoloDriver d = new SoloDriver(w.vcpu(0)).runUntil(S);
        assertThat(d.computeDurations()).containsExactly(100 * US, 100 * US, 100 * US, 2 * MS,
                100 * US, 100 * US, 100 * US, 2 * MS);
        assertThat(d.computes.get(4)[0]).isEqualTo(6 * MS);
        assertThat(w.metrics(S).get("t.loops")).isEqualTo(2.0);
    }

    /** {@code delay} postpones the start and the time reference; {@code global.duration} ends every thread. */
    @Test
    void delayAndGlobalDuration() throws IOException {
        String json = """
                {"global": {"duration": 1},
                 "tasks": {"t": {"delay": 3000, "run": 400000, "timer": {"ref": "unique", "period": 500000}}}}""";
        SoloDriver d = new SoloDriver(create(json, 1).vcpu(0)).runUntil(5 * S);
        assertThat(d.computes).hasSize(2);
        assertThat(d.computes.get(0)).containsExactly(3 * MS, 400 * MS);
        assertThat(d.computes.get(1)).containsExactly(503 * MS, 400 * MS);
        assertThat(d.cpuNs()).isEqualTo(800 * MS);
        // the reference is the start plus the delay as scheduled: a thread that runs late after its delay
        // (not run from 2 ms to 5 ms) still has its releases at 3 ms + k * 10 ms
        String late = """
                {"tasks": {"t": {"delay": 3000, "run": 1000, "timer": {"ref": "unique", "period": 10000}}}}""";
        SoloDriver l = new SoloDriver(create(late, 1).vcpu(0)).blackout(2 * MS, 5 * MS).runUntil(30 * MS);
        assertThat(l.computes.stream().map(c -> c[0] / US)).containsExactly(5_000L, 13_000L, 23_000L);
        // a run still going at the end is cut there
        String busy = """
                {"global": {"duration": 1}, "tasks": {"t": {"run": 700000, "sleep": 100}}}""";
        assertThat(new SoloDriver(create(busy, 1).vcpu(0)).runUntil(5 * S).computeDurations())
                .containsExactly(700 * MS, 300 * MS - 100 * US);
    }

    /** Instances each get a VCPU, in file order, and their own metrics; SCHED_DEADLINE hints are reported. */
    @Test
    void eachInstanceRunsOnItsOwnVcpuWithItsOwnMetrics() throws IOException {
        String json = """
                {"tasks": {
                   "w": {"instance": 2, "run": 500, "timer": {"ref": "unique", "period": 5000}},
                   "d": {"policy": "SCHED_DEADLINE", "dl-runtime": 2000, "dl-period": 20000, "dl-deadline": 15000,
                         "run": 2000, "timer": {"ref": "unique", "period": 20000}}}}""";
        Path f = write("i.json", json);
        SimulationResult r = Scenarios.run(Scenarios.scenario("rt-app-instances", 3, S)
                .domain(Scenarios.guest("g", DomainType.PV, 3, CpuMask.all(3), "rt-app", Map.of("file", f.toString()))));
        assertThat(r.vcpu("g", 0).cpuShare()).isCloseTo(0.1, within(1e-3));
        assertThat(r.vcpu("g", 1).cpuShare()).isCloseTo(0.1, within(1e-3));
        assertThat(r.vcpu("g", 2).cpuShare()).isCloseTo(0.1, within(1e-3));
        Map<String, Double> m = r.workloads().get("g");
        assertThat(m).containsKeys("w-0.activations", "w-1.activations", "d.activations");
        assertThat(m.get("d.dlRuntimeUs")).isEqualTo(2000.0);
        assertThat(m.get("d.dlPeriodUs")).isEqualTo(20000.0);
        assertThat(m.get("d.dlDeadlineUs")).isEqualTo(15000.0);
        assertThat(m).doesNotContainKey("w-0.dlRuntimeUs");
    }

    /** Contention shows in the metrics: beside a hog under 30 ms slices, periods are missed and releases late. */
    @Test
    void contentionShowsAsMissedPeriodsAndLateness() throws IOException {
        Path f = write("c.json", """
                {"tasks": {"c": {"run": 2000, "timer": {"ref": "unique", "period": 10000}}}}""");
        SimulationResult r = Scenarios.run(Scenarios.scenario("rt-app-hog", 1, S, 30 * MS)
                .domain(Scenarios.guest("g", DomainType.PV, 1, CpuMask.of(0), "rt-app", Map.of("file", f.toString())))
                .domain(Scenarios.guest("hog", DomainType.PV, 1, CpuMask.of(0), "cpu-hog", Map.of())));
        Map<String, Double> m = r.workloads().get("g");
        assertThat(m.get("c.missedPeriods")).isGreaterThan(10.0);
    }

    @Test
    void unknownKeysNameTheFileThePathAndWhatIsSupported() {
        assertBad("{\"tasks\": {\"t\": {\"run\": 1000, \"jog\": 5}}}",
                "t.json: tasks.t.jog: unknown key; supported events: run, runtime, sleep, timer, yield");
        assertBad("{\"tasks\": {\"t\": {\"phases\": {\"p\": {\"run\": 1000, \"lop\": 2}}}}}",
                "t.json: tasks.t.phases.p.lop: unknown key; supported events: run, runtime, sleep, timer, yield"
                        + " (numbered to repeat: run0, run1); keys of a phase: loop, cpus");
        assertBad("{\"global\": {\"durration\": 1}, \"tasks\": {\"t\": {\"run\": 1}}}",
                "t.json: global.durration: unknown key; supported: duration, default_policy, calibration");
        assertBad("{\"tasks\": {\"t\": {\"run\": 1, \"timer\": {\"ref\": \"unique\", \"period\": 5, \"modus\": 1}}}}",
                "t.json: tasks.t.timer.modus: unknown key of a timer; supported: ref, period, mode");
        assertBad("{\"tasks\": {\"t\": {\"run\": 1}}, \"extra\": 1}", "t.json: extra: unknown key");
    }

    /** Events that need what the model does not have (locks, memory, forks) are refused, saying why. */
    @Test
    void unmodelledEventsAreRefusedWithTheReason() {
        assertBad("{\"tasks\": {\"t\": {\"lock\": \"m\", \"run\": 1000, \"unlock\": \"m\"}}}",
                "t.json: tasks.t.lock: rt-app's 'lock' event cannot be modelled: the guest's threads share one VCPU"
                        + " each and no lock");
        assertBad("{\"tasks\": {\"t\": {\"phases\": {\"p\": {\"run\": 1, \"barrier0\": \"x\"}}}}}",
                "tasks.t.phases.p.barrier0: rt-app's 'barrier' event cannot be modelled");
        assertBad("{\"tasks\": {\"t\": {\"run\": 1, \"mem\": 4096}}}", "tasks.t.mem: rt-app's 'mem' event cannot be"
                + " modelled: memory traffic");
        assertBad("{\"tasks\": {\"t\": {\"run\": 1, \"fork\": \"u\"}}}", "rt-app's 'fork' event cannot be modelled");
        assertBad("{\"resources\": {\"m\": {\"type\": \"mutex\"}}, \"tasks\": {\"t\": {\"run\": 1}}}",
                "t.json: resources: resources (mutexes, conditions, barriers) cannot be modelled");
    }

    @Test
    void badValuesAreRefusedWithWhatIsAllowed() {
        assertBad("{\"tasks\": {\"t\": {\"run\": \"1ms\"}}}",
                "t.json: tasks.t.run: \"1ms\"; allowed: a whole number (microseconds > 0)");
        assertBad("{\"tasks\": {\"t\": {\"run\": 1.5}}}", "tasks.t.run: 1.5; allowed: a whole number");
        assertBad("{\"tasks\": {\"t\": {\"run\": 0}}}", "tasks.t.run: 0; allowed: microseconds > 0 in [1,");
        assertBad("{\"tasks\": {\"t\": {\"run\": 1, \"timer\": {\"ref\": \"unique\"}}}}",
                "tasks.t.timer: needs \"period\"");
        assertBad("{\"tasks\": {\"t\": {\"run\": 1, \"timer\": {\"ref\": \"unique\", \"period\": 5, \"mode\": \"abs\"}}}}",
                "tasks.t.timer.mode: 'abs'; allowed: absolute, relative (the default)");
        assertBad("{\"tasks\": {\"t\": {\"policy\": \"SCHED_BATCH\", \"run\": 1}}}",
                "tasks.t.policy: 'SCHED_BATCH'; allowed: SCHED_OTHER, SCHED_IDLE, SCHED_RR, SCHED_FIFO, SCHED_DEADLINE");
        assertBad("{\"tasks\": {\"t\": {\"loop\": 0, \"run\": 1}}}", "tasks.t.loop: 0; allowed: -1 (forever)");
        assertBad("{\"tasks\": {\"t\": {\"yield\": \"\"}}}", "tasks.t: has no run, runtime, sleep or timer event");
        assertBad("{\"tasks\": {\"t\": {\"run\": 1, \"phases\": {\"p\": {\"run\": 1}}}}}",
                "tasks.t: has both \"phases\" and events");
        assertBad("{\"tasks\": {}}", "t.json: tasks: expected an object with one entry per thread");
        assertBad("[1]", "t.json: expected a JSON object with \"tasks\"");
        assertBad("{\"tasks\": {\"t\": {\"run\": 1, \"run\": 2}}}",
                "t.json:1:33: not valid JSON: Duplicate field 'run' (rt-app's workgen numbers repeated events;"
                        + " write them as run0, run1, ...)");
        assertBad("{\"tasks\": {\"t\": {\"run\": 1,}}", "t.json:1:");
    }

    /** A timer that is not "unique..." is one timer for every thread naming it in rt-app: refused when shared. */
    @Test
    void sharedTimersAreRefused() {
        assertBad("{\"tasks\": {\"t\": {\"instance\": 2, \"run\": 1, \"timer\": {\"ref\": \"tick\", \"period\": 5}}}}",
                "tasks.t: timer 'tick' is shared by the 2 instances of this thread; one timer advanced by several"
                        + " VCPUs cannot be modelled: name it 'unique'");
        assertBad("{\"tasks\": {\"a\": {\"run\": 1, \"timer\": {\"ref\": \"tick\", \"period\": 5}},"
                        + " \"b\": {\"run\": 1, \"timer\": {\"ref\": \"tick\", \"period\": 5}}}}",
                "tasks.b: timer 'tick' is shared by threads 'a' and 'b'");
    }

    @Test
    void theDomainNeedsOneVcpuPerInstanceAndTheFileMustExist() throws IOException {
        String json = "{\"tasks\": {\"a\": {\"instance\": 2, \"run\": 1, \"sleep\": 1}, \"b\": {\"run\": 1, \"sleep\": 1}}}";
        assertThatThrownBy(() -> create(json, 2)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("workload rt-app of domain g.file")
                .hasMessageContaining("describes 3 thread instances (a-0, a-1, b) for a domain of 2 VCPUs; each"
                        + " instance runs on its own VCPU: give the domain vcpus: 3");
        Path missing = dir.resolve("none.json");
        assertThatThrownBy(() -> Models.create(RT_APP, DomainType.PV, 1, 1, Map.of("file", missing.toString())))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining(missing + ": file not found");
        assertThatThrownBy(() -> Models.create(RT_APP, DomainType.PV, 1, 1, Map.of()))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("file': missing; give the rt-app");
    }

    private static void assertBad(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(RtAppFile.FormatException.class)
                .hasMessageContaining(message);
    }
}
