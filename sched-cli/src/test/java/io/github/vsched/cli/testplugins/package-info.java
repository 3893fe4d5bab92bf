/**
 * Plugins for the command line's tests, written against the SPI alone as a third party would:
 * a platform ({@code test-smp}) and two workloads ({@code test-periodic}, {@code test-hog}).
 * Unit tests find them through {@code META-INF/services} on the test class path; integration
 * tests package them into a jar and load it with {@code --plugin-path}.
 */
package io.github.vsched.cli.testplugins;
