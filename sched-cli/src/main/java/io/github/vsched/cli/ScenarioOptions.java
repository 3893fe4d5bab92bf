package io.github.vsched.cli;

import io.github.vsched.api.Durations;
import io.github.vsched.scenario.Origin;
import io.github.vsched.scenario.Problem;
import io.github.vsched.scenario.ScenarioDocument;
import io.github.vsched.scenario.ScenarioOverride;
import io.github.vsched.scenario.ScenarioResolver;
import io.github.vsched.scenario.ScenarioSource;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** Options that change a scenario for one invocation, shared by the commands that run one. */
public final class ScenarioOptions {

    @Option(names = "--seed", paramLabel = "N", description = "Seed (overrides the scenario's; compare and sweep use"
            + " N, N+1, ...).")
    Long seed;

    @Option(names = "--duration", paramLabel = "D", description = "Simulated time to run, with a unit: 500ms, 10s,"
            + " 2.5e9ns, 60000tsc.")
    String duration;

    @Option(names = "--max-duration", paramLabel = "D", description = "Longest simulated time a run may have"
            + " (default: 60min); a longer duration is refused before anything runs.")
    String maxDuration;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = {
        "Change a scenario value; repeatable. Keys: seed, duration, platform=ID, platform.P, scheduler=ID,",
        "scheduler.P (any scheduler), SCHED.P (that scheduler only, e.g. credit.tsliceMs),",
        "domain.NAME.{type,vcpus,memory,driver,irqVcpu,affinity,pool}, domain.NAME.workload[=ID|.P],",
        "domain.NAME.P or domain.NAME.scheduler.P (per-domain, e.g. weight),",
        "domain.NAME.vcpu.N.P (per-VCPU; N a number or 'all'), domain.NAME.vcpu.N.affinity,",
        "domain.NAME.SCHED.P and domain.NAME.vcpu.N.SCHED.P (that scheduler only),",
        "pool.NAME.cpus, pool.NAME.scheduler[=ID|.P] (a cpupool's PCPUs and scheduler),",
        "report.period, report.waitThreshold."})
    List<String> sets = new ArrayList<>();

    @Option(names = "--vcpus", paramLabel = "LIST", description = "VCPUs of interest for tables and charts:"
            + " domain/number or domain, comma-separated (default: the scenario's report.vcpus, else every VCPU"
            + " of the non-driver domains).")
    String vcpus;

    @Option(names = "--window", paramLabel = "START[+LENGTH]", description = "The report's timeline window, e.g."
            + " 5s+20ms (default: the scenario's report.window, else 20ms in the middle of the run). A scenario's"
            + " window that starts after the end of a run shortened with --duration or --set duration moves to the"
            + " middle of the run; a --window after the end is warned about and moved too.")
    String window;

    @Option(names = ScenarioResolver.ALLOW_FILES_OUTSIDE_OPTION, description = "Let the scenario file name files"
            + " (e.g. an rt-app workload's file) outside its own folder; refused by default.")
    boolean allowFilesOutside;

    @Option(names = "--checked", description = "Verify the engine's invariants after every event (slower).")
    boolean checked;

    /** Loads a scenario and applies these options to it. */
    public ScenarioDocument load(String ref, Session session) {
        ScenarioDocument doc = ScenarioSource.load(ref);
        apply(doc, session);
        return doc;
    }

    /** The options as overrides, in the order they apply. */
    public List<ScenarioOverride> overrides() {
        List<ScenarioOverride> out = new ArrayList<>();
        for (String s : sets) {
            out.add(ScenarioOverride.parse(s, "--set"));
        }
        if (seed != null) {
            out.add(new ScenarioOverride("seed", seed.toString(), Origin.option("--seed " + seed)));
        }
        if (duration != null) {
            out.add(new ScenarioOverride("duration", duration, Origin.option("--duration " + duration)));
        }
        if (checked) {
            out.add(new ScenarioOverride("checked", "true", Origin.option("--checked")));
        }
        return out;
    }

    /** Applies the options to a loaded scenario. */
    public void apply(ScenarioDocument doc, Session session) {
        session.allowFilesOutside(allowFilesOutside);
        if (maxDuration != null) {
            long ns;
            try {
                ns = Durations.parse(maxDuration, 0);
            } catch (IllegalArgumentException e) {
                ns = 0;
            }
            if (ns <= 0) {
                throw new UserInputException("--max-duration " + Problem.quote(maxDuration) + ": allowed: a duration"
                        + " greater than 0 with a unit (ns, us, ms, s, min, h), for example 24h");
            }
            session.maxDurationNs(ns);
        }
        List<ScenarioOverride> o = overrides();
        if (!o.isEmpty()) {
            ScenarioOverride.applyAll(doc, o, session.registry().schedulers().keySet());
        }
        if (vcpus != null) {
            doc.focus(vcpus, Origin.option("--vcpus " + vcpus));
        }
        if (window != null) {
            int plus = window.indexOf('+', 1);
            doc.window(plus < 0 ? window : window.substring(0, plus), plus < 0 ? null : window.substring(plus + 1),
                    Origin.option("--window " + window));
        }
    }
}
