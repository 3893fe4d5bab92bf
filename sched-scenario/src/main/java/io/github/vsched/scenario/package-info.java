/**
 * Scenario files as a library. {@link io.github.vsched.scenario.Scenarios} is the way in: it
 * loads a file or a built-in scenario ({@code builtin:NAME}) and resolves it into a runnable
 * core {@link io.github.vsched.core.Scenario}. Underneath: a YAML reader that keeps the line
 * and column of every value ({@link io.github.vsched.scenario.YamlReader}), the scenario
 * document and its schema ({@link io.github.vsched.scenario.ScenarioDocument}), overrides
 * ({@code --set KEY=VALUE}) and sweep parameters ({@link io.github.vsched.scenario.ScenarioOverride},
 * {@link io.github.vsched.scenario.SweepGrid}), and the resolution of a document against the
 * installed plugins into a validated core scenario
 * ({@link io.github.vsched.scenario.ScenarioResolver}). Every problem found names the file,
 * line and column (or the option), the key, the bad value and what is allowed
 * ({@link io.github.vsched.scenario.ScenarioException}).
 */
package io.github.vsched.scenario;
