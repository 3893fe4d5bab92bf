package io.github.vsched.cli;

import io.github.vsched.api.CpuMask;
import io.github.vsched.core.PoolSpec;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.SimulationFactory;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.Simulations;
import io.github.vsched.scenario.DocumentReader;
import io.github.vsched.scenario.Problem;
import io.github.vsched.scenario.ResolvedScenario;
import io.github.vsched.scenario.ScenarioException;
import io.github.vsched.scenario.ScenarioOverride;
import io.github.vsched.scenario.ScenarioResolver;
import io.github.vsched.scenario.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The {@code pools:} section of a scenario file and a domain's {@code pool}: what a valid file
 * becomes, and each refusal at its file, line and column, the same from {@code validate} as
 * from {@code run}.
 */
class CpupoolScenarioTest {
    private static final SimulationFactory FACTORY = Simulations.factory();
    private static final ScenarioResolver RESOLVER = new ScenarioResolver(FACTORY.registry(), FACTORY);

    // line numbers matter: the refusals below name them
    private static final String BASE = """
            name: p
            duration: 0.2s
            platform:
              id: test-smp
              params: {pcpus: 4}
            scheduler: credit
            pools:
              - name: rt
                cpus: 2-3
                scheduler: rtds
            domains:
              - name: dom0
                vcpus: 2
                workload: test-hog
              - name: video
                pool: rt
                affinity: 0-3
                perVcpu:
                  0:
                    scheduler:
                      rtds: {period: 2ms, budget: 500us}
                workload: test-hog
              - name: other
                workload: test-hog
            """;

    private static List<String> problems(String yaml) {
        return catchThrowableOfType(ScenarioException.class,
                () -> RESOLVER.resolve(DocumentReader.read("p.yaml", yaml), null)).problems().stream()
                .map(Problem::toString).toList();
    }

    @Test
    void aPoolsSectionBecomesTheCoresPoolsAndEachDomainsPool() {
        ResolvedScenario r = RESOLVER.resolve(DocumentReader.read("p.yaml", BASE), null);
        Scenario s = r.scenario();
        assertThat(s.pools()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("rt");
            assertThat(p.cpus()).isEqualTo(CpuMask.of(2, 3));
            assertThat(p.scheduler().id()).isEqualTo("rtds");
        });
        assertThat(s.domains()).extracting(d -> d.pool()).containsExactly(PoolSpec.POOL0, "rt", PoolSpec.POOL0);
        // the domain's per-VCPU values are for its pool's scheduler
        assertThat(s.domains().get(1).vcpuSchedulerParams().get(0)).containsEntry("budget", "500us");
        SimulationResult result = FACTORY.create(s.withChecked(true)).run();
        assertThat(result.pools()).extracting(SimulationResult.Pool::name, SimulationResult.Pool::cpus,
                SimulationResult.Pool::scheduler, SimulationResult.Pool::domains).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Pool-0", "0-1", "credit", List.of("dom0", "other")),
                org.assertj.core.groups.Tuple.tuple("rt", "2-3", "rtds", List.of("video")));
    }

    @Test
    void overlappingCpusAreRefusedAtTheSecondPool() {
        assertThat(problems(BASE.replace("    scheduler: rtds\n", "    scheduler: rtds\n"
                + "  - name: rt2\n    cpus: 1-2\n    scheduler: round-robin\n"))).containsExactly(
                "p.yaml:12:11: pools[rt2].cpus: PCPUs 2 are also in cpupool rt (at p.yaml:9:11); a PCPU belongs to"
                        + " one pool");
    }

    @Test
    void cpusOutsideTheMachineAreRefused() {
        assertThat(problems(BASE.replace("cpus: 2-3", "cpus: 2-5"))).containsExactly(
                "p.yaml:9:11: pools[rt].cpus: invalid value '2-5'; allowed: a PCPU list such as 0-3,6 with PCPUs 0..3");
    }

    @Test
    void aPoolWithoutPcpusIsRefused() {
        assertThat(problems(BASE.replace("cpus: 2-3", "cpus: []"))).containsExactly(
                "p.yaml:9:11: pools[rt].cpus: the cpupool has no PCPU; allowed: a PCPU list such as 0 or 2-3 with"
                        + " PCPUs 0..3");
    }

    @Test
    void poolsThatTakeEveryPcpuAreRefused() {
        assertThat(problems(BASE.replace("cpus: 2-3", "cpus: 0-3"))).contains(
                "p.yaml:9:11: pools[rt].cpus: the cpupools take every PCPU (0-3) and leave none to Pool-0, which"
                        + " holds dom0 and runs the scenario's scheduler; leave it at least one");
    }

    @Test
    void anUnknownPoolNameInADomainIsRefused() {
        assertThat(problems(BASE.replace("pool: rt", "pool: rtt"))).containsExactly(
                "p.yaml:16:11: domains[video].pool: no cpupool 'rtt' (did you mean 'rt'?); the scenario's pools:"
                        + " Pool-0, rt");
    }

    @Test
    void dom0OutsidePool0IsRefused() {
        assertThat(problems(BASE.replace("    vcpus: 2\n", "    vcpus: 2\n    pool: rt\n"))).contains(
                "p.yaml:14:11: domains[dom0].pool: domain dom0 is the driver domain (dom0), which stays in Pool-0 as"
                        + " in Xen; it cannot be in cpupool rt");
    }

    @Test
    void anAffinityWithNoPcpuInItsPoolIsRefused() {
        assertThat(problems(BASE.replace("affinity: 0-3", "affinity: 0-1"))).containsExactly(
                "p.yaml:17:15: domains[video].affinity: affinity 0-1 has no PCPU in the domain's cpupool rt (PCPUs"
                        + " 2-3); its VCPUs run only there: give it at least one of them");
    }

    @Test
    void anUnknownSchedulerInAPoolIsRefused() {
        assertThat(problems(BASE.replace("scheduler: rtds", "scheduler: rtdss")).get(0))
                .startsWith("p.yaml:10:16: pools[rt].scheduler: unknown scheduler 'rtdss' (did you mean 'rtds'?)");
    }

    /** Every installed scheduler can run a pool: here credit2 beside credit, in checked mode. */
    @Test
    void credit2RunsAPoolBesideCredit() {
        Scenario s = RESOLVER.resolve(DocumentReader.read("p.yaml", BASE.replace("scheduler: rtds",
                "scheduler: credit2").replace("affinity: 0-3", "affinity: 3")), null).scenario();
        SimulationResult r = FACTORY.create(s.withChecked(true)).run();
        assertThat(r.poolOf("video").scheduler()).isEqualTo("credit2");
        assertThat(r.vcpu("video", 0).cpuShare()).isGreaterThan(0.9); // a hog alone on PCPU 3
    }

    @Test
    void aPoolNamedPool0IsRefused() {
        assertThat(problems(BASE.replace("name: rt\n", "name: Pool-0\n").replace("pool: rt", "pool: Pool-0")))
                .first().asString().startsWith("p.yaml:8:11: pools[Pool-0].name: cpupool Pool-0 exists in every"
                        + " machine");
    }

    @Test
    void aPoolSchedulersParametersAreCheckedAgainstItsSchema() {
        assertThat(problems(BASE.replace("scheduler: rtds", "scheduler: {id: credit, params: {tsliceMs: 0}}")
                )).contains(
                "p.yaml:10:48: pools[rt].scheduler.params.tsliceMs: invalid value '0' for scheduler credit of cpupool"
                        + " rt; allowed: a value in [1, 1000] ms");
    }

    @Test
    void poolsCanBeChangedWithSet() {
        ScenarioResolver r = RESOLVER;
        var doc = DocumentReader.read("p.yaml", BASE);
        ScenarioOverride.applyAll(doc, List.of(ScenarioOverride.parse("pool.rt.cpus=3", "--set"),
                ScenarioOverride.parse("pool.rt.scheduler=round-robin", "--set"),
                ScenarioOverride.parse("pool.rt.scheduler.slice=2ms", "--set"),
                ScenarioOverride.parse("domain.other.pool=rt", "--set")), FACTORY.registry().schedulers().keySet());
        Scenario s = r.resolve(doc, null).scenario();
        assertThat(s.pools().get(0).cpus()).isEqualTo(CpuMask.of(3));
        assertThat(s.pools().get(0).scheduler().id()).isEqualTo("round-robin");
        assertThat(s.pools().get(0).scheduler().params()).containsEntry("slice", "2ms");
        assertThat(s.domains().get(2).pool()).isEqualTo("rt");
    }

    @Test
    void validateReportsWhatRunRefuses(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("p.yaml");
        Files.writeString(f, BASE.replace("affinity: 0-3", "affinity: 0-1"), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("ok.yaml"), BASE, StandardCharsets.UTF_8);
        CliRun ok = CliRun.of("validate", dir.resolve("ok.yaml").toString());
        assertThat(ok.out()).contains("scenario p, scheduler credit in Pool-0, cpupool rt (rtds on PCPUs 2-3), platform"
                + " test-smp (4 PCPUs)");
        CliRun validate = CliRun.of("validate", f.toString());
        CliRun run = CliRun.of("run", f.toString());
        assertThat(validate.code()).isEqualTo(2);
        assertThat(run.code()).isEqualTo(2);
        String expected = "p.yaml:17:15: domains[video].affinity: affinity 0-1 has no PCPU in the domain's cpupool rt";
        assertThat(validate.err()).contains(expected);
        assertThat(run.err()).contains(expected);
    }

    /** Every output names each run's pools: the console, summary.md, report.html and result.json. */
    @Test
    void theOutputsSayWhichPoolAndSchedulerEachDomainRanUnder(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("p.yaml");
        Files.writeString(f, BASE, StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("compare", f.toString(), "--schedulers", "credit,round-robin", "--seeds", "2", "--out",
                out.toString(), "--no-progress");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("credit +Pool-0 +credit +0-1 +dom0, other\n")
                .containsPattern("round-robin +Pool-0 +round-robin +0-1 +dom0, other\n")
                .containsPattern("round-robin +rt +rtds +2-3 +video\n");
        assertThat(Files.readString(out.resolve("summary.md"))).contains("### Cpupools (the schedulers compared run"
                + " Pool-0").containsPattern("\\| round-robin +\\| rt +\\| rtds +\\| +2-3 \\| video +\\|");
        assertThat(Files.readString(out.resolve("report.html"))).contains("<section id=\"pools\">")
                .contains("<a href=\"#pools\">Cpupools</a>").doesNotContain("<a href=\"#refusals\">");
        assertThat(Files.readString(out.resolve("result.json"))).contains("\"pools\" : [")
                .contains("\"scheduler\" : \"rtds\"");
        CliRun merged = CliRun.of("merge", "-o", dir.resolve("merged").toString(), out.resolve("result.json").toString());
        assertThat(merged.code()).as(merged.toString()).isZero();
        assertThat(Files.readString(dir.resolve("merged/summary.md"))).contains("### Cpupools");
    }

    /** The pools scenario of the repository is bit-for-bit reproducible and keeps each guest in its pool. */
    @Test
    void thePoolsScenarioIsDeterministic() {
        Scenario s = Scenarios.scenario("builtin:paper-compile-pools", null, FACTORY, List.of("duration=1s"))
                .withChecked(true);
        SimulationResult a = FACTORY.create(s).run();
        SimulationResult b = FACTORY.create(s).run();
        assertThat(a.eventHash()).isEqualTo(b.eventHash());
        assertThat(a.events()).isEqualTo(b.events());
        assertThat(a.poolOf("winxp").scheduler()).isEqualTo("rtds");
        assertThat(a.poolOf("winxp").cpus()).isEqualTo("3");
        assertThat(a.poolOf("dom1").scheduler()).isEqualTo("credit");
        assertThat(a.poolOf("dom0").name()).isEqualTo(PoolSpec.POOL0);
        // the video VCPU alone on its PCPU under its reservation: every dispatch interval near its period
        assertThat(a.vcpu("winxp", 0).cpuShare()).isGreaterThan(0.01);
    }
}
