/**
 * Running simulations: plugin jars from {@code --plugin-path}
 * ({@link io.github.vsched.cli.exec.PluginPath}), jobs (scenario x scheduler x seed x sweep
 * point) run in parallel on all cores ({@link io.github.vsched.cli.exec.Runner}), and the
 * progress bar ({@link io.github.vsched.cli.exec.ProgressBar}).
 */
package io.github.vsched.cli.exec;
