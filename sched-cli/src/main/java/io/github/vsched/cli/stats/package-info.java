/**
 * Statistics across replications: Student's t quantiles and confidence intervals of a mean
 * ({@link io.github.vsched.cli.stats.Estimate}), so a comparison never claims a difference
 * smaller than the run-to-run spread.
 */
package io.github.vsched.cli.stats;
