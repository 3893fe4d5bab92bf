/**
 * Test support for scheduler plugin authors: {@link io.github.vsched.testkit.SchedulerContract},
 * an abstract JUnit 5 test every scheduler can extend, and the checks it runs.
 */
package io.github.vsched.testkit;
