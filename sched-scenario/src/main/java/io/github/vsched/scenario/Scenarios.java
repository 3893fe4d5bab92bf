package io.github.vsched.scenario;

import io.github.vsched.core.Scenario;
import io.github.vsched.core.SimulationFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The short way to scenario files: load one (a file or a built-in scenario) and turn it into a
 * runnable core {@link Scenario} for a scheduler, checked against the plugins a
 * {@link SimulationFactory} knows.
 *
 * <pre>{@code
 * SimulationFactory factory = Simulations.factory();
 * Scenario paper = Scenarios.scenario("builtin:paper-compile", "srt-credit", factory, List.of("duration=2s"));
 * SimulationResult result = factory.create(paper).run();
 * }</pre>
 *
 * Every mistake is reported at once, with its file, line and column (or the override that
 * caused it), through {@link ScenarioException}; a missing file or an unknown built-in through
 * {@link ScenarioInputException}.
 */
public final class Scenarios {
    /** Prefix of the built-in scenarios: {@code builtin:paper-compile}. */
    public static final String BUILTIN = ScenarioSource.BUILTIN;

    private Scenarios() {
    }

    /**
     * Reads and structurally checks a scenario file (YAML syntax, known keys, value shapes);
     * plugin ids and parameter values are checked when it is resolved.
     *
     * @throws ScenarioInputException if the file is missing or unreadable
     * @throws ScenarioException      listing every problem, by line and column
     */
    public static ScenarioDocument load(Path file) {
        return ScenarioSource.load(file);
    }

    /**
     * Reads and structurally checks a scenario given as a file path or {@code builtin:NAME}
     * (see {@link #builtins()}).
     *
     * @throws ScenarioInputException if the file is missing or unreadable, or there is no such built-in
     * @throws ScenarioException      listing every problem, by line and column
     */
    public static ScenarioDocument load(String ref) {
        return ScenarioSource.load(ref);
    }

    /** The names of the built-in scenarios, sorted ({@code paper-compile}, ...). */
    public static List<String> builtins() {
        return ScenarioSource.builtins();
    }

    /**
     * Loads {@code ref} and resolves it under {@code scheduler}, as written in the file.
     *
     * @see #resolve(ScenarioDocument, String, SimulationFactory, List)
     */
    public static ResolvedScenario resolve(String ref, String scheduler, SimulationFactory factory) {
        return resolve(load(ref), scheduler, factory, List.of());
    }

    /**
     * Loads {@code ref}, applies {@code overrides} and resolves it under {@code scheduler}.
     *
     * @see #resolve(ScenarioDocument, String, SimulationFactory, List)
     */
    public static ResolvedScenario resolve(String ref, String scheduler, SimulationFactory factory,
                                           List<String> overrides) {
        return resolve(load(ref), scheduler, factory, overrides);
    }

    /**
     * Resolves a loaded scenario: applies {@code overrides} to a copy of it (the document itself
     * is left as it was), checks it against the factory's plugins and turns it into a core
     * scenario.
     *
     * @param doc       a loaded scenario
     * @param scheduler a scheduler id, optionally with parameters that win over the scenario's
     *                  ({@code credit[tsliceMs=10]}), or null for the scenario's own
     * @param factory   the installed plugins; resolution also creates (does not run) a simulation
     *                  with it, as a last check
     * @param overrides {@code KEY=VALUE} changes, applied in order, with the keys of the command
     *                  line's {@code --set} (see {@link ScenarioOverride}): {@code duration=60s},
     *                  {@code seed=7}, {@code domain.dom1.weight=512}, {@code credit.tsliceMs=10}
     * @return the scenario with the report settings of its file
     * @throws ScenarioException listing every problem of the overrides, else every problem of the
     *                           scenario
     */
    public static ResolvedScenario resolve(ScenarioDocument doc, String scheduler, SimulationFactory factory,
                                           List<String> overrides) {
        ScenarioDocument d = doc.copy();
        List<ScenarioOverride> parsed = new ArrayList<>();
        for (String o : overrides) {
            parsed.add(ScenarioOverride.parse(o, "override"));
        }
        if (!parsed.isEmpty()) {
            ScenarioOverride.applyAll(d, parsed, factory.registry().schedulers().keySet());
        }
        SchedulerChoice choice = scheduler == null ? null : SchedulerChoice.parse(scheduler, "scheduler");
        return new ScenarioResolver(factory.registry(), factory).resolve(d, choice);
    }

    /**
     * The runnable core scenario of {@code ref} under {@code scheduler}, as written in the file:
     * {@code factory.create(Scenarios.scenario(ref, "credit", factory)).run()} runs it.
     *
     * @see #resolve(ScenarioDocument, String, SimulationFactory, List)
     */
    public static Scenario scenario(String ref, String scheduler, SimulationFactory factory) {
        return resolve(ref, scheduler, factory).scenario();
    }

    /**
     * The runnable core scenario of {@code ref} under {@code scheduler}, with {@code overrides}
     * applied.
     *
     * @see #resolve(ScenarioDocument, String, SimulationFactory, List)
     */
    public static Scenario scenario(String ref, String scheduler, SimulationFactory factory, List<String> overrides) {
        return resolve(ref, scheduler, factory, overrides).scenario();
    }
}
