/**
 * Scenario files: a YAML reader that keeps the line and column of every value
 * ({@link io.github.vsched.cli.scenario.YamlReader}), the scenario document and its schema
 * ({@link io.github.vsched.cli.scenario.ScenarioDocument}), {@code --set} overrides and
 * sweep parameters ({@link io.github.vsched.cli.scenario.ScenarioOverride}), and the resolution of a
 * document against the installed plugins into a validated core
 * {@link io.github.vsched.core.Scenario} ({@link io.github.vsched.cli.scenario.ScenarioResolver}).
 * Every problem found names the file, line and column (or the option), the key, the bad value
 * and what is allowed.
 */
package io.github.vsched.cli.scenario;
