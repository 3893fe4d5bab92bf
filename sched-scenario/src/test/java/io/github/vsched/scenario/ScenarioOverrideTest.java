package io.github.vsched.scenario;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioOverrideTest {
    private static final Set<String> SCHEDULERS = Set.of("credit", "srt-credit", "round-robin");

    private static ScenarioDocument doc() {
        return DocumentReader.read("o.yaml", """
                duration: 1s
                platform: test-smp
                scheduler: credit
                domains:
                  - name: dom0
                    workload: test-hog
                  - name: win.xp
                    workload: {id: test-periodic, params: {period: 2ms}}
                """);
    }

    private static void apply(ScenarioDocument d, String... sets) {
        List<ScenarioOverride> o = new java.util.ArrayList<>();
        for (String s : sets) {
            o.add(ScenarioOverride.parse(s, "--set"));
        }
        ScenarioOverride.applyAll(d, o, SCHEDULERS);
    }

    @Test
    void everyKeyFormLandsWhereTheDocumentationSays() {
        ScenarioDocument d = doc();
        apply(d, "seed=5", "duration=2s", "platform.pcpus=4", "scheduler.tsliceMs=10", "srt-credit.borrowLimit=9",
                "domain.dom0.vcpus=2", "domain.dom0.weight=512", "domain.dom0.scheduler.cap=50",
                "domain.dom0.vcpu.1.affinity=0", "domain.dom0.vcpu.all.llBoost=true", "domain.win.xp.workload.burst=1ms",
                "domain.win.xp.workload=test-hog", "scheduler=srt-credit");
        assertThat(d.get(ScenarioKey.SEED).text()).isEqualTo("5");
        assertThat(d.get(ScenarioKey.SEED).origin().toString()).isEqualTo("--set seed=5");
        assertThat(d.get(ScenarioKey.DURATION).text()).isEqualTo("2s");
        assertThat(d.platform.params.common.get("pcpus").text()).isEqualTo("4");
        assertThat(d.scheduler.id.text()).isEqualTo("srt-credit");
        assertThat(d.scheduler.params.effective("srt-credit")).containsOnlyKeys("tsliceMs", "borrowLimit");
        assertThat(d.scheduler.params.effective("credit")).containsOnlyKeys("tsliceMs");
        ScenarioDocument.Domain dom0 = d.domains.get(0);
        assertThat(dom0.get(ScenarioKey.DOMAIN_VCPUS).text()).isEqualTo("2");
        assertThat(dom0.scheduler.common).containsOnlyKeys("weight", "cap");
        assertThat(dom0.perVcpu.get("1").affinity.text()).isEqualTo("0");
        assertThat(dom0.perVcpu.get("all").scheduler.common).containsOnlyKeys("llBoost");
        ScenarioDocument.Domain win = d.domains.get(1);
        assertThat(win.workload.id.text()).isEqualTo("test-hog");
        assertThat(win.workload.params.common).containsOnlyKeys("period", "burst");
    }

    /** SCHED.P after a domain or a VCPU sets the parameter for that scheduler only, as its section in a file does. */
    @Test
    void oneSchedulersPerDomainAndPerVcpuParametersApplyOnlyWhenItRuns() {
        ScenarioDocument d = doc();
        apply(d, "domain.win.xp.vcpu.0.srt-credit.sbt=25us", "domain.win.xp.vcpu.0.usbt=1ms",
                "domain.dom0.credit.weight=512", "domain.dom0.vcpu.all.scheduler.srt-credit.llBoost=true");
        ScenarioDocument.Domain win = d.domains.get(1);
        assertThat(win.perVcpu.get("0").scheduler.effective("srt-credit")).containsOnlyKeys("sbt", "usbt");
        assertThat(win.perVcpu.get("0").scheduler.effective("credit")).containsOnlyKeys("usbt");
        assertThat(win.perVcpu.get("0").scheduler.effective("srt-credit").get("sbt").text()).isEqualTo("25us");
        ScenarioDocument.Domain dom0 = d.domains.get(0);
        assertThat(dom0.scheduler.effective("credit")).containsOnlyKeys("weight");
        assertThat(dom0.scheduler.effective("srt-credit")).isEmpty();
        assertThat(dom0.perVcpu.get("all").scheduler.effective("srt-credit")).containsOnlyKeys("llBoost");
        assertThat(dom0.perVcpu.get("all").scheduler.effective("credit")).isEmpty();
    }

    @Test
    void badKeysAreExplained() {
        assertThatThrownBy(() -> apply(doc(), "domain.dom1.weight=3"))
                .hasMessage("--set domain.dom1.weight=3: domain.dom1.weight: no domain 'dom1' (did you mean 'dom0'?);"
                        + " domains: dom0, win.xp");
        assertThatThrownBy(() -> apply(doc(), "sheduler.x=1"))
                .hasMessageContaining("unknown key (did you mean 'scheduler'?)");
        assertThatThrownBy(() -> apply(doc(), "domain.dom0.vcpu.1=3"))
                .hasMessageContaining("expected domain.dom0.vcpu.N.KEY");
        assertThatThrownBy(() -> ScenarioOverride.parse("seed", "--set"))
                .hasMessageContaining("--set seed: expected KEY=VALUE");
    }

    @Test
    void aCopyIsIndependentOfTheOriginal() {
        ScenarioDocument d = doc();
        ScenarioDocument c = d.copy();
        apply(c, "domain.dom0.weight=1", "seed=9", "credit.tsliceMs=5");
        assertThat(d.domains.get(0).scheduler.common).isEmpty();
        assertThat(d.get(ScenarioKey.SEED)).isNull();
        assertThat(c.get(ScenarioKey.SEED).text()).isEqualTo("9");
        assertThat(d.scheduler.params.sections).isEmpty();
    }
}
