package io.github.vsched.cli;

import io.github.vsched.api.Durations;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.Scenario;
import io.github.vsched.scenario.Problem;
import io.github.vsched.scenario.ResolvedScenario;
import io.github.vsched.scenario.ScenarioDocument;
import io.github.vsched.scenario.ScenarioException;
import io.github.vsched.scenario.ScenarioInputException;
import io.github.vsched.scenario.SchedulerChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code vsched validate}: checks scenarios against the installed plugins without running them. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Check scenarios without running them.",
            "Checks YAML syntax, known keys, plugin ids, every parameter's value and range, and that the"
                + " simulation can be created. Prints every problem with file, line and column."},
        footer = {"", "Examples:", "  vsched validate scenarios/*.yaml",
            "  vsched validate scenarios/paper-compile.yaml scenarios/audio-vs-hog.yaml --schedulers"
                + " credit,srt-credit,credit2"})
final class ValidateCommand extends CommandBase {

    @Parameters(paramLabel = "SCENARIO", arity = "1..*", description = "Scenario files, or builtin:NAME.")
    List<String> scenarios = new ArrayList<>();

    @Option(names = {"-s", "--schedulers"}, paramLabel = "LIST", description = "Check under each of these schedulers"
            + " (default: the scenario's).")
    String schedulers;

    @Mixin
    ScenarioOptions scenarioOptions;

    @Override
    public Integer call() {
        Session s = session();
        List<SchedulerChoice> choices = schedulers == null ? List.of()
                : SchedulerChoice.parseList(schedulers, "--schedulers");
        Set<Problem> problems = new LinkedHashSet<>();
        // errors that are not about a place in a scenario (a missing file), each said once
        Set<String> others = new LinkedHashSet<>();
        RuntimeException other = null;
        for (String ref : scenarios) {
            try {
                ScenarioDocument doc = scenarioOptions.load(ref, s);
                for (ResolvedScenario r : Experiments.resolveAll(s, doc, choices)) {
                    s.out().println("ok: " + Main.printable(doc.source() + ": " + describe(r)));
                }
            } catch (ScenarioException e) {
                problems.addAll(e.problems());
            } catch (UserInputException | ScenarioInputException e) {
                if (other == null) {
                    other = e;
                    others.add(e.getMessage());
                } else if (others.add(e.getMessage())) {
                    s.err().println("vsched: error: " + Main.printable(e.getMessage()));
                }
            }
        }
        s.out().flush();
        if (!problems.isEmpty()) {
            if (other != null) {
                s.err().println("vsched: error: " + Main.printable(other.getMessage()));
            }
            throw new ScenarioException(new ArrayList<>(problems));
        }
        if (other != null) {
            throw other;
        }
        return Main.OK;
    }

    private static String describe(ResolvedScenario r) {
        Scenario sc = r.scenario();
        int vcpus = 0;
        for (DomainSpec d : sc.domains()) {
            vcpus += d.vcpus();
        }
        StringBuilder pools = new StringBuilder();
        for (io.github.vsched.core.PoolSpec p : sc.pools()) {
            pools.append(", cpupool ").append(p.name()).append(" (").append(p.scheduler().id()).append(" on PCPUs ")
                    .append(p.cpus()).append(')');
        }
        return "scenario " + sc.name() + ", scheduler " + r.label() + (pools.length() > 0 ? " in Pool-0" : "")
                + pools + ", platform " + sc.platform().id() + " ("
                + r.pcpus() + " PCPUs), " + sc.domains().size() + (sc.domains().size() == 1 ? " domain" : " domains")
                + " with " + vcpus + " VCPUs, " + Durations.format(sc.durationNs()) + " from seed " + sc.seed();
    }
}
