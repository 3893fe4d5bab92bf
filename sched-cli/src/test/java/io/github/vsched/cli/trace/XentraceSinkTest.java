package io.github.vsched.cli.trace;

import io.github.vsched.api.PcpuView;
import io.github.vsched.api.RunState;
import io.github.vsched.api.VcpuView;
import io.github.vsched.cli.TestScenarios;
import io.github.vsched.cli.output.OutputDir;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.VcpuStats;
import io.github.vsched.core.observe.SimulationListener;
import io.github.vsched.scenario.ScenarioResolver;
import io.github.vsched.scenario.ScenarioSource;
import io.github.vsched.scenario.SchedulerChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The xentrace sink, checked with {@link XentraceReader} (written from Xen 4.18's trace.h and
 * xentrace.c with its own constants): the layout of windows and records, the TSC, and that the
 * records say what the engine did.
 */
class XentraceSinkTest {
    // Xen 4.18 trace.h: the events the tests expect, spelled out here rather than taken from the writer
    private static final int RUNSTATE_CHANGE = 0x00021001;
    private static final int SLEEP = 0x00028003;
    private static final int WAKE = 0x00028004;
    private static final int YIELD = 0x00028005;
    private static final int BLOCK = 0x00028006;
    private static final int SWITCH = 0x0002800a;
    private static final int INFPREV = 0x0002800e;
    private static final int INFNEXT = 0x0002800f;
    private static final int IDLE_DOMAIN = 32767;
    /** TRC_SCHED_CLASS_EVT(CSCHED, n) of credit.c, by our credit's trace event name, with its data words. */
    private static final Map<String, int[]> CSCHED = Map.of(
            "acct_start", new int[]{0x00022002, 3}, "acct_stop", new int[]{0x00022003, 3},
            "stolen_vcpu", new int[]{0x00022004, 3}, "picked_cpu", new int[]{0x00022005, 3},
            "tickle", new int[]{0x00022006, 1}, "boost", new int[]{0x00022007, 2},
            "unboost", new int[]{0x00022008, 2}, "ratelimit", new int[]{0x0002200a, 2});

    /** Data words of each event of the generic scheduling layer. */
    private static int words(int event) {
        if ((event & 0xfffffccf) == RUNSTATE_CHANGE) {
            return 1;
        }
        return switch (event) {
            case SLEEP, WAKE, YIELD, BLOCK -> 2;
            case INFPREV -> 3;
            case SWITCH, INFNEXT -> 4;
            default -> {
                for (int[] c : CSCHED.values()) {
                    if (c[0] == event) {
                        yield c[1];
                    }
                }
                throw new AssertionError("unexpected event 0x" + Integer.toHexString(event));
            }
        };
    }

    private static boolean isRunstate(XentraceReader.Rec r) {
        return (r.event() & 0xfffffccf) == RUNSTATE_CHANGE;
    }

    private static int oldState(XentraceReader.Rec r) {
        return r.event() >> 8 & 3;
    }

    private static int newState(XentraceReader.Rec r) {
        return r.event() >> 4 & 3;
    }

    /** Xen's RUNSTATE_* numbers (vcpu.h): running 0, runnable 1, blocked 2, offline 3. */
    private static int xen(RunState s) {
        return switch (s) {
            case RUNNING -> 0;
            case RUNNABLE -> 1;
            case BLOCKED -> 2;
            case OFFLINE -> 3;
        };
    }

    /** The modelled TSC at simulated time {@code ns}, before any tie-break: one second after boot at 0. */
    private static long modelTsc(long ns, long hz) {
        return java.math.BigInteger.valueOf(ns + 1_000_000_000L).multiply(java.math.BigInteger.valueOf(hz))
                .divide(java.math.BigInteger.valueOf(1_000_000_000L)).longValueExact();
    }

    // ---------------------------------------------------------------- running a scenario

    /** What the engine told the listeners, in order. */
    static final class Recording implements SimulationListener {
        record Change(String vcpu, int domain, int vcpuId, int pcpu, RunState from, RunState to, long now) {
        }

        final List<Change> changes = new ArrayList<>();
        final Map<String, Integer> traces = new TreeMap<>();
        final List<String> boosted = new ArrayList<>();
        int blocks;
        int sleeps;
        int yields;
        private final Map<Integer, Integer> domainIds;

        Recording(Map<Integer, Integer> domainIds) {
            this.domainIds = domainIds;
        }

        int domainId(VcpuView v) {
            return v.isIdle() ? IDLE_DOMAIN : domainIds.get(v.domain().id());
        }

        @Override
        public void onRunstateChange(VcpuView v, RunState from, RunState to, long now) {
            changes.add(new Change(v.name(), domainId(v), v.isIdle() ? v.processor() : v.index(), v.processor(), from,
                    to, now));
        }

        @Override
        public void onBlock(VcpuView vcpu, long now) {
            blocks++;
        }

        @Override
        public void onSleep(VcpuView vcpu, long now) {
            sleeps++;
        }

        @Override
        public void onYield(VcpuView vcpu, long now) {
            yields++;
        }

        @Override
        public boolean wantsTrace() {
            return true;
        }

        @Override
        public void onTrace(long now, int type, String typeName, int pcpu, VcpuView vcpu, long arg0, long arg1) {
            if (CSCHED.containsKey(typeName) && (vcpu != null || typeName.equals("tickle"))) {
                traces.merge(typeName, 1, Integer::sum);
                if (typeName.equals("boost")) {
                    boosted.add(domainId(vcpu) + "/" + vcpu.index());
                }
            }
        }

        @Override
        public void onDispatch(PcpuView pcpu, VcpuView vcpu, long now, boolean afterWake) {
        }
    }

    /** A finished run with its decoded trace. */
    record Run(SimulationResult result, Recording recording, List<XentraceReader.Window> windows, long tscHz,
               Map<String, Integer> domainIds) {
        List<XentraceReader.Rec> records() {
            return XentraceReader.byTsc(windows);
        }
    }

    private static Run run(Scenario scenario, Path dir, int window) throws IOException {
        Simulation sim = TestScenarios.FACTORY.create(scenario);
        Map<Integer, Integer> ids = new HashMap<>();
        Map<String, Integer> byName = new HashMap<>();
        int next = 1;
        for (var d : scenario.domains()) {
            int id = d.driverDomain() ? 0 : next++;
            ids.put(sim.domain(d.name()).id(), id);
            byName.put(d.name(), id);
        }
        Recording recording = new Recording(ids);
        sim.addListener(recording);
        TraceSink sink = XentraceSink.of(OutputDir.prepare(dir).open("t.bin"), sim, window);
        sim.addListener(sink);
        SimulationResult result = sim.run();
        sink.commit();
        return new Run(result, recording, XentraceReader.read(Files.readAllBytes(dir.resolve("t.bin"))),
                sim.tscHz(), byName);
    }

    private static Scenario testScenario(String name, long durationNs) {
        return TestScenarios.resolved(name).scenario().withDuration(durationNs);
    }

    private static Scenario paper(String scheduler, long durationNs) {
        return new ScenarioResolver(TestScenarios.FACTORY.registry(), TestScenarios.FACTORY)
                .resolve(ScenarioSource.load("builtin:paper-compile"), SchedulerChoice.parse(scheduler, "--schedulers"))
                .scenario().withDuration(durationNs);
    }

    // ---------------------------------------------------------------- the tests

    /**
     * One PCPU, two VCPUs taking turns of 5 ms: the records of the start and of the first three
     * switches, word for word, with their TSCs (2.4 GHz, one second after boot at time 0; records of
     * one nanosecond count up by one cycle).
     */
    @Test
    void aKnownScheduleGivesTheseRecords(@TempDir Path dir) throws IOException {
        Run run = run(testScenario("one-pcpu", 16_000_000L), dir, XentraceSink.WINDOW_BYTES);
        List<String> got = new ArrayList<>();
        for (XentraceReader.Rec r : run.records().subList(0, 24)) {
            got.add(String.format("%d %08x %s", r.tsc(), r.event(), java.util.Arrays.toString(r.data())));
        }
        long t0 = 2_400_000_000L;
        long t5 = t0 + 12_000_000L;
        long t10 = t5 + 12_000_000L;
        long t15 = t10 + 12_000_000L;
        assertThat(got).containsExactly(
                // the run starts: both VCPUs, created blocked, wake (blocked -> runnable)
                t0 + " 00028004 [1, 0]", (t0 + 1) + " 00021211 [65536]",
                (t0 + 2) + " 00028004 [1, 1]", (t0 + 3) + " 00021211 [65537]",
                // idle -> hog/0: INFPREV, INFNEXT (runnable 0 ns, no slice given), SWITCH, idle running ->
                // runnable, hog/0 runnable -> running
                (t0 + 4) + " 0002800e [32767, 0, 0]", (t0 + 5) + " 0002800f [1, 0, 0, -1]",
                (t0 + 6) + " 0002800a [32767, 0, 1, 0]", (t0 + 7) + " 00021011 [" + (IDLE_DOMAIN << 16) + "]",
                (t0 + 8) + " 00021101 [65536]",
                // 5 ms: hog/0 -> hog/1, which waited 5 ms
                t5 + " 0002800e [1, 0, 5000000]", (t5 + 1) + " 0002800f [1, 1, 5000000, -1]",
                (t5 + 2) + " 0002800a [1, 0, 1, 1]", (t5 + 3) + " 00021011 [65536]", (t5 + 4) + " 00021101 [65537]",
                t10 + " 0002800e [1, 1, 5000000]", (t10 + 1) + " 0002800f [1, 0, 5000000, -1]",
                (t10 + 2) + " 0002800a [1, 1, 1, 0]", (t10 + 3) + " 00021011 [65537]", (t10 + 4) + " 00021101 [65536]",
                t15 + " 0002800e [1, 0, 5000000]", (t15 + 1) + " 0002800f [1, 1, 5000000, -1]",
                (t15 + 2) + " 0002800a [1, 0, 1, 1]", (t15 + 3) + " 00021011 [65536]", (t15 + 4) + " 00021101 [65537]");
        assertThat(run.records()).hasSize(24);
        assertThat(run.windows()).singleElement().satisfies(w -> assertThat(w.cpu()).isZero());
    }

    /**
     * Windows and records have the layout of trace.h and xentrace.c; TSCs rise per PCPU and never
     * repeat; windows come in passes over the PCPUs in order, each pass later than the ones before.
     */
    @Test
    void everyRecordHasTheLayoutOfTraceH(@TempDir Path dir) throws IOException {
        int window = 512;
        Run run = run(testScenario("two-pcpus", 50_000_000L), dir, window);
        Map<Integer, Integer> windowsPerCpu = new TreeMap<>();
        Map<Integer, Long> lastTsc = new HashMap<>();
        Set<Long> seen = new HashSet<>();
        long fileBytes = 0;
        int lastCpu = Integer.MAX_VALUE;
        long beforePass = 0;
        long inPass = 0;
        int passes = 0;
        for (XentraceReader.Window w : run.windows()) {
            if (w.cpu() <= lastCpu) {
                passes++;
                beforePass = Math.max(beforePass, inPass);
            }
            lastCpu = w.cpu();
            windowsPerCpu.merge(w.cpu(), 1, Integer::sum);
            assertThat(w.bytes()).isLessThanOrEqualTo(window);
            assertThat(w.records().stream().mapToInt(XentraceReader.Rec::size).sum()).isEqualTo(w.bytes());
            fileBytes += 12 + w.bytes();
            for (XentraceReader.Rec r : w.records()) {
                assertThat(r.tsc()).as("%s has a TSC", r).isPositive();
                assertThat(r.data()).as("%s", r).hasSize(words(r.event()));
                assertThat(r.tsc()).as("%s after the PCPU's previous record", r)
                        .isGreaterThan(lastTsc.getOrDefault(w.cpu(), 0L));
                lastTsc.put(w.cpu(), r.tsc());
                assertThat(r.tsc()).as("%s after the previous passes", r).isGreaterThan(beforePass);
                inPass = Math.max(inPass, r.tsc());
                assertThat(seen.add(r.tsc())).as("TSC of %s is unique", r).isTrue();
            }
        }
        assertThat(fileBytes).isEqualTo(Files.size(dir.resolve("t.bin")));
        assertThat(windowsPerCpu).containsOnlyKeys(0, 1);
        assertThat(passes).isGreaterThan(2);
        assertThat(windowsPerCpu.values()).anySatisfy(n -> assertThat(n).isGreaterThan(2));
        assertThat(run.records()).noneMatch(r -> (r.event() & 0xfffff000) == 0x00022000); // round-robin: no CSCHED
    }

    /**
     * Merged by TSC, the runstate records are the engine's runstate changes one for one, each at
     * the TSC of its time (plus the tie-break); a wake-up's change follows its WAKE record, and a
     * switch's two changes follow its INFPREV, INFNEXT and SWITCH records.
     */
    @Test
    void runstateRecordsAreTheEnginesChanges(@TempDir Path dir) throws IOException {
        for (Scenario s : List.of(testScenario("two-pcpus", 100_000_000L), paper("credit", 300_000_000L))) {
            Run run = run(s, dir.resolve(s.name()), XentraceSink.WINDOW_BYTES);
            List<XentraceReader.Rec> all = run.records();
            List<Recording.Change> changes = run.recording().changes;
            int c = 0;
            for (int i = 0; i < all.size(); i++) {
                XentraceReader.Rec r = all.get(i);
                if (!isRunstate(r)) {
                    continue;
                }
                Recording.Change e = changes.get(c++);
                assertThat(r.word(0) >>> 16).as("%s is %s", r, e).isEqualTo(e.domain());
                assertThat(r.word(0) & 0xffff).as("%s is %s", r, e).isEqualTo(e.vcpuId());
                assertThat(oldState(r)).as("%s is %s", r, e).isEqualTo(xen(e.from()));
                assertThat(newState(r)).as("%s is %s", r, e).isEqualTo(xen(e.to()));
                assertThat(r.tsc() - modelTsc(e.now(), run.tscHz())).as("%s is %s", r, e).isBetween(0L, 100L);
                if (e.to() == RunState.RUNNABLE && e.from() != RunState.RUNNING) {
                    XentraceReader.Rec wake = all.get(i - 1);
                    assertThat(wake.event()).isEqualTo(WAKE);
                    assertThat(wake.data()).containsExactly(e.domain(), e.vcpuId());
                    assertThat(wake.cpu()).isEqualTo(r.cpu());
                }
                if (e.to() == RunState.RUNNING) {
                    XentraceReader.Rec out = all.get(i - 1);
                    XentraceReader.Rec sw = all.get(i - 2);
                    XentraceReader.Rec next = all.get(i - 3);
                    XentraceReader.Rec prev = all.get(i - 4);
                    assertThat(List.of(prev.event(), next.event(), sw.event())).containsExactly(INFPREV, INFNEXT, SWITCH);
                    assertThat(List.of(prev.cpu(), next.cpu(), sw.cpu(), out.cpu())).containsOnly(r.cpu());
                    assertThat(oldState(out)).isZero();
                    assertThat(sw.data()).containsExactly(out.word(0) >>> 16, out.word(0) & 0xffff, e.domain(),
                            e.vcpuId());
                    assertThat(prev.data()).startsWith(out.word(0) >>> 16, out.word(0) & 0xffff);
                    assertThat(next.data()).startsWith(e.domain(), e.vcpuId());
                }
            }
            assertThat(c).isEqualTo(changes.size()).isGreaterThan(100);
            assertThat(all.stream().filter(r -> r.event() == BLOCK).count()).isEqualTo(run.recording().blocks);
            assertThat(all.stream().filter(r -> r.event() == SLEEP).count()).isEqualTo(run.recording().sleeps);
            assertThat(all.stream().filter(r -> r.event() == YIELD).count()).isEqualTo(run.recording().yields);
        }
    }

    /**
     * Each VCPU's time in each runstate, read back from the runstate records' TSCs, is the run's
     * result to within the tie-break (a few cycles per change).
     */
    @Test
    void runstateTimesFromTheRecordsAreTheResults(@TempDir Path dir) throws IOException {
        long duration = 300_000_000L;
        Run run = run(paper("srt-credit", duration), dir, XentraceSink.WINDOW_BYTES);
        Map<String, long[]> cycles = new HashMap<>();
        Map<String, long[]> last = new HashMap<>(); // state, TSC of the last change
        Map<String, Integer> counts = new HashMap<>();
        long start = modelTsc(0, run.tscHz());
        for (XentraceReader.Rec r : run.records()) {
            if (!isRunstate(r)) {
                continue;
            }
            String key = (r.word(0) >>> 16) + "/" + (r.word(0) & 0xffff);
            long[] l = last.computeIfAbsent(key, k -> new long[]{oldState(r), start});
            assertThat(l[0]).as("%s leaves the state it entered", r).isEqualTo(oldState(r));
            cycles.computeIfAbsent(key, k -> new long[4])[oldState(r)] += r.tsc() - l[1];
            l[0] = newState(r);
            l[1] = r.tsc();
            counts.merge(key, 1, Integer::sum);
        }
        long end = modelTsc(duration, run.tscHz());
        last.forEach((key, l) -> cycles.get(key)[(int) l[0]] += end - l[1]);
        for (VcpuStats v : run.result().vcpus()) {
            String key = run.domainIds().get(v.domain()) + "/" + v.vcpu();
            long[] ns = {v.runningNs(), v.runnableNs(), v.blockedNs(), v.offlineNs()};
            long slack = 2L * counts.getOrDefault(key, 0) + 2;
            for (int s = 0; s < 4; s++) {
                long fromTrace = cycles.get(key)[s] * 1_000_000_000L / run.tscHz();
                assertThat(fromTrace).as("%s state %d", v.name(), s).isCloseTo(ns[s],
                        org.assertj.core.data.Offset.offset(slack));
            }
        }
    }

    /**
     * Under credit, its trace events that Xen's credit records too become TRC_CSCHED_* records,
     * one each, with Xen's domain numbers: dom0 0, winxp 1, dom1 2.
     */
    @Test
    void creditsEventsBecomeCschedRecords(@TempDir Path dir) throws IOException {
        Run run = run(paper("credit", 1_000_000_000L), dir, XentraceSink.WINDOW_BYTES);
        assertThat(run.domainIds()).containsEntry("dom0", 0).containsEntry("winxp", 1).containsEntry("dom1", 2);
        Map<String, Integer> counted = new TreeMap<>();
        List<String> boosted = new ArrayList<>();
        Set<Integer> domains = new HashSet<>();
        for (XentraceReader.Rec r : run.records()) {
            if (isRunstate(r)) {
                domains.add(r.word(0) >>> 16);
            }
            CSCHED.forEach((name, c) -> {
                if (c[0] == r.event()) {
                    counted.merge(name, 1, Integer::sum);
                    assertThat(r.data()).hasSize(c[1]);
                }
            });
            if (r.event() == CSCHED.get("boost")[0]) {
                boosted.add(r.word(0) + "/" + r.word(1));
            }
        }
        assertThat(counted).isEqualTo(run.recording().traces).containsKeys("boost", "tickle", "acct_start");
        assertThat(boosted).isEqualTo(run.recording().boosted);
        assertThat(domains).containsExactlyInAnyOrder(0, 1, 2, IDLE_DOMAIN);
    }

    /**
     * With cpupools each pool's scheduler writes its own records: credit's TRC_CSCHED records come
     * from Pool-0 only (dom0, dom1 on PCPUs 0-2), never from the RTDS pool's tickles or its guest.
     */
    @Test
    void onlyCreditsPoolsWriteCschedRecords(@TempDir Path dir) throws IOException {
        Scenario pools = new ScenarioResolver(TestScenarios.FACTORY.registry(), TestScenarios.FACTORY)
                .resolve(ScenarioSource.load("builtin:paper-compile-pools"), null).scenario()
                .withDuration(1_000_000_000L);
        Run run = run(pools, dir, XentraceSink.WINDOW_BYTES);
        int winxp = run.domainIds().get("winxp");
        Map<String, Integer> counted = new TreeMap<>();
        for (XentraceReader.Rec r : run.records()) {
            CSCHED.forEach((name, c) -> {
                if (c[0] == r.event()) {
                    counted.merge(name, 1, Integer::sum);
                    if (name.equals("tickle")) {
                        assertThat(r.word(0)).as("PCPU tickled by credit").isBetween(0, 2);
                    } else if (!name.equals("stolen_vcpu") && !name.equals("ratelimit")) {
                        assertThat(r.word(0)).as("domain of a %s record", name).isNotEqualTo(winxp);
                    }
                }
            });
        }
        assertThat(counted).containsKeys("boost", "tickle", "acct_start");
        // the RTDS pool traced tickles of its own, which are not credit's
        assertThat(run.recording().traces.get("tickle")).isGreaterThan(counted.get("tickle"));
    }

    /** Without a driver domain, the guests are domains 1, 2, ... in scenario order. */
    @Test
    void withoutDom0TheGuestsCountFromOne(@TempDir Path dir) throws IOException {
        Run run = run(testScenario("two-pcpus", 20_000_000L), dir, XentraceSink.WINDOW_BYTES);
        assertThat(run.domainIds()).containsEntry("player", 1).containsEntry("hog", 2);
        Set<Integer> domains = new HashSet<>();
        run.records().stream().filter(XentraceSinkTest::isRunstate).forEach(r -> domains.add(r.word(0) >>> 16));
        assertThat(domains).containsExactlyInAnyOrder(1, 2, IDLE_DOMAIN);
    }
}
