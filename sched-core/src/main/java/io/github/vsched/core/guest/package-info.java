/**
 * Small scripted guest behaviours (CPU hogs, periodic tasks, sleepers, I/O-like wakers, exact
 * scripts) for tests, examples and the test kit. The realistic guests live in workload-models.
 */
package io.github.vsched.core.guest;
