package io.github.vsched.cli;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.Durations;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.SimulationFactory;
import io.github.vsched.core.Simulations;
import io.github.vsched.scenario.DocumentReader;
import io.github.vsched.scenario.Problem;
import io.github.vsched.scenario.ResolvedScenario;
import io.github.vsched.scenario.ScenarioDocument;
import io.github.vsched.scenario.ScenarioException;
import io.github.vsched.scenario.ScenarioOverride;
import io.github.vsched.scenario.ScenarioResolver;
import io.github.vsched.scenario.SchedulerChoice;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ScenarioResolverTest {
    private static final SimulationFactory FACTORY = Simulations.factory();
    private static final ScenarioResolver RESOLVER = new ScenarioResolver(FACTORY.registry(), FACTORY);

    private static final String BASE = """
            name: t
            seed: 11
            duration: 0.5s
            platform:
              id: test-smp
              params: {pcpus: 4, tscHz: 2000000000}
            scheduler:
              id: round-robin
              params:
                round-robin: {slice: 3ms}
            domains:
              - name: dom0
                vcpus: 2
                memory: 1GiB
                workload: test-hog
              - name: guest
                type: hvm
                vcpus: 2
                memory: 300
                affinity: 2-3
                perVcpu:
                  1: {affinity: "3"}
                workload:
                  id: test-periodic
                  params: {period: 4600000tsc, burst: 60us}
            """;

    private static ResolvedScenario resolve(String yaml) {
        return RESOLVER.resolve(DocumentReader.read("t.yaml", yaml), null);
    }

    private static List<Problem> problems(String yaml, SchedulerChoice choice) {
        return catchThrowableOfType(ScenarioException.class,
                () -> RESOLVER.resolve(DocumentReader.read("t.yaml", yaml), choice)).problems();
    }

    /** dom0 without a VCPU count gets one per PCPU; another domain gets one. */
    @Test
    void aDriverDomainDefaultsToOneVcpuPerPcpu() {
        ResolvedScenario r = resolve(BASE.replace("    vcpus: 2\n    memory: 1GiB", "    memory: 1GiB")
                + "  - name: other\n    workload: test-hog\n");
        assertThat(r.scenario().domains().get(0).vcpus()).isEqualTo(4);
        assertThat(r.scenario().domains().get(0).driverDomain()).isTrue();
        assertThat(r.scenario().domains().get(2).vcpus()).isEqualTo(1);
    }

    @Test
    void aValidScenarioBecomesTheCoreScenario() {
        ResolvedScenario r = resolve(BASE);
        Scenario s = r.scenario();
        assertThat(s.name()).isEqualTo("t");
        assertThat(s.seed()).isEqualTo(11);
        assertThat(s.durationNs()).isEqualTo(500 * Durations.MS);
        assertThat(s.platform().params()).containsEntry("pcpus", "4");
        assertThat(s.scheduler().id()).isEqualTo("round-robin");
        assertThat(s.scheduler().params()).containsEntry("slice", "3ms");
        DomainSpec dom0 = s.domains().get(0);
        assertThat(dom0.driverDomain()).isTrue();
        assertThat(dom0.memoryMb()).isEqualTo(1024);
        DomainSpec guest = s.domains().get(1);
        assertThat(guest.type()).isEqualTo(DomainType.HVM);
        assertThat(guest.driverDomain()).isFalse();
        assertThat(guest.memoryMb()).isEqualTo(300);
        assertThat(guest.affinity()).containsExactly(CpuMask.of(2, 3), CpuMask.of(3));
        assertThat(guest.workload().params()).containsEntry("period", "4600000tsc");
        assertThat(r.pcpus()).isEqualTo(4);
        assertThat(r.focus()).containsExactly("guest/0", "guest/1");
        assertThat(r.workloads()).containsEntry("guest", "test-periodic");
        assertThat(r.windowLengthNs()).isEqualTo(ScenarioResolver.DEFAULT_WINDOW_NS);
        assertThat(r.windowStartNs()).isEqualTo(250 * Durations.MS - ScenarioResolver.DEFAULT_WINDOW_NS / 2);
    }

    @Test
    void everyProblemIsReportedAtOnceWithFileLineColumnKeyValueAndWhatIsAllowed() {
        String bad = BASE.replace("pcpus: 4", "pcpus: 400").replace("burst: 60us", "burst: 60xs")
                .replace("vcpus: 2\n    memory: 300", "vcpus: 9000\n    memory: 300");
        List<Problem> p = problems(bad, null);
        assertThat(p).extracting(Problem::toString).containsExactly(
                "t.yaml:6:19: platform.params.pcpus: invalid value '400' for platform test-smp; allowed: a value in"
                        + " [1, 64]",
                "t.yaml:18:12: domains[guest].vcpus: invalid value '9000'; allowed: a whole number in [1, 4096]",
                "t.yaml:25:43: domains[guest].workload.params.burst: invalid value '60xs' for workload test-periodic;"
                        + " allowed: a duration with a unit (ns, us, ms, s, tsc) in [1us, 100ms] (unknown unit 'xs')");
    }

    @Test
    void unknownPluginsSayWhatIsInstalledAndSuggestTheClosest() {
        List<Problem> p = problems(BASE.replace("id: test-periodic", "id: test-periodc"), null);
        assertThat(p).hasSize(1);
        assertThat(p.get(0).toString()).startsWith("t.yaml:24:11: domains[guest].workload.id: unknown workload"
                + " 'test-periodc' (did you mean 'test-periodic'?); installed workloads: ").contains("test-hog");
        List<Problem> q = problems(BASE, SchedulerChoice.parse("round-robn", "--scheduler"));
        assertThat(q.get(0).toString()).startsWith("--scheduler round-robn: unknown scheduler 'round-robn' (did you"
                + " mean 'round-robin'?)");
    }

    @Test
    void unknownParametersGetADidYouMean() {
        List<Problem> p = problems(BASE.replace("round-robin: {slice: 3ms}", "round-robin: {slise: 3ms}"), null);
        assertThat(p.get(0).toString()).isEqualTo("t.yaml:10:19: scheduler.params.round-robin.slise: unknown parameter"
                + " 'slise' of scheduler round-robin (did you mean 'slice'?); known: slice");
    }

    @Test
    void schedulerSectionsApplyOnlyWhenTheirSchedulerRuns() {
        ResolvedScenario rr = RESOLVER.resolve(DocumentReader.read("t.yaml", BASE),
                SchedulerChoice.parse("round-robin[slice=7ms]", "--schedulers"));
        assertThat(rr.scenario().scheduler().params()).containsEntry("slice", "7ms");
        assertThat(rr.label()).isEqualTo("round-robin[slice=7ms]");
        String other = BASE.replace("round-robin: {slice: 3ms}", "round-robin: {slice: 3ms}\n    no-such-sched: {x: 1}");
        ResolvedScenario r = resolve(other);
        assertThat(r.warnings()).singleElement().asString().contains("t.yaml:11:5")
                .contains("settings for scheduler 'no-such-sched' are not checked");
    }

    @Test
    void aValueForEverySchedulerThatOneRejectsSuggestsASection() {
        String common = BASE.replace("round-robin: {slice: 3ms}", "slice: 3ms");
        assertThat(resolve(common).scenario().scheduler().params()).containsEntry("slice", "3ms");
        List<Problem> p = problems(common, SchedulerChoice.parse("credit", "--schedulers"));
        assertThat(p.get(0).toString()).contains("unknown parameter 'slice' of scheduler credit")
                .contains("put it in a 'round-robin:' section");
    }

    @Test
    void focusAndWindowComeFromTheReportSection() {
        ResolvedScenario r = resolve(BASE + "report:\n  vcpus: [guest/1, dom0]\n  window: {start: 100ms, length: 5ms}\n");
        assertThat(r.focus()).containsExactly("guest/1", "dom0/0", "dom0/1");
        assertThat(r.windowStartNs()).isEqualTo(100 * Durations.MS);
        assertThat(r.windowLengthNs()).isEqualTo(5 * Durations.MS);
        List<Problem> p = problems(BASE + "report:\n  vcpus: [guest/2, gust]\n", null);
        assertThat(p).extracting(Problem::toString).containsExactly(
                "t.yaml:27:11: report.vcpus: invalid VCPU 'guest/2'; allowed: guest/0 .. guest/1, or guest for all"
                        + " of them",
                "t.yaml:27:20: report.vcpus: no domain 'gust' (did you mean 'guest'?); domains: dom0, guest");
    }

    @Test
    void periodAndWaitThresholdComeFromTheReportSection() {
        ResolvedScenario none = resolve(BASE);
        assertThat(none.periodNs()).isZero();
        assertThat(none.waitThresholdNs()).isEqualTo(Durations.MS);
        ResolvedScenario period = resolve(BASE + "report:\n  period: 2.3ms\n");
        assertThat(period.periodNs()).isEqualTo(2300 * Durations.US);
        assertThat(period.waitThresholdNs()).isEqualTo(230 * Durations.US); // 10% of the period
        ResolvedScenario both = resolve(BASE + "report:\n  period: 2.3ms\n  waitThreshold: 50us\n");
        assertThat(both.waitThresholdNs()).isEqualTo(50 * Durations.US);
        assertThat(problems(BASE + "report:\n  period: 0ms\n", null)).singleElement().asString()
                .contains("t.yaml:27:11").contains("report.period");
    }

    /** A --set value is for every scheduler and replaces what a scheduler's section of the file said. */
    @Test
    void aSetValueWinsOverTheFilesSchedulerSection() {
        ScenarioDocument doc = DocumentReader.read("t.yaml", BASE);
        ScenarioOverride.applyAll(doc, List.of(ScenarioOverride.parse("scheduler.slice=9ms", "--set")),
                List.of("round-robin"));
        assertThat(RESOLVER.resolve(doc, null).scenario().scheduler().params()).containsEntry("slice", "9ms");
    }

    @Test
    void domainsAreCheckedForNamesVcpusAffinityAndMemory() {
        String bad = BASE.replace("name: guest", "name: dom0").replace("affinity: 2-3", "affinity: 2-9")
                .replace("memory: 300", "memory: 3TB").replace("1: {affinity: \"3\"}", "2: {affinity: \"3\"}");
        assertThat(problems(bad, null)).extracting(Problem::toString).containsExactly(
                "t.yaml:16:11: domains[dom0].name: two domains are named 'dom0'; names must be unique",
                "t.yaml:19:13: domains[dom0].memory: invalid value '3TB'; allowed: a whole number of MiB, at least 1, or"
                        + " with a unit (512MiB, 2GiB, 512M, 2G)",
                "t.yaml:20:15: domains[dom0].affinity: invalid value '2-9'; allowed: a PCPU list such as 0-3,6 with"
                        + " PCPUs 0..3",
                "t.yaml:22:7: domains[dom0].perVcpu.2: VCPU 2 does not exist; the domain has VCPUs 0..1");
    }

    @Test
    void aMissingDurationAndSchedulerAreExplained() {
        List<Problem> p = problems("platform: test-smp\ndomains:\n  - {name: a, workload: test-hog}\n", null);
        assertThat(p).extracting(Problem::toString).containsExactly(
                "t.yaml:1:1: scheduler: no scheduler: add 'scheduler: ID' to the scenario or pass --scheduler ID;"
                        + " installed: " + String.join(", ", FACTORY.registry().schedulers().keySet()),
                "t.yaml:1:1: duration: missing; add for example 'duration: 10s' (units ns, us, ms, s, min, tsc) or"
                        + " pass --duration");
    }
}
