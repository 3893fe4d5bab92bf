/**
 * JMH benchmarks of vsched, packaged as {@code benchmarks/target/benchmarks.jar}: the event queue
 * under the hold model ({@link io.github.vsched.benchmarks.EventQueueBenchmark}), the scheduler hot
 * path driven through the real engine
 * ({@link io.github.vsched.benchmarks.SchedulerHotPathBenchmark}) and whole simulations
 * ({@link io.github.vsched.benchmarks.SimulationThroughputBenchmark}). Each class's Javadoc gives
 * the command that runs it; {@code benchmarks/README.md} explains how to read the results and
 * holds the latest ones. Nothing here runs during {@code mvn test}.
 */
package io.github.vsched.benchmarks;
