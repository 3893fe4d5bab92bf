package io.github.vsched.benchmarks;

import io.github.vsched.api.Durations;
import io.github.vsched.core.event.Event;
import io.github.vsched.core.event.EventQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The engine's {@link EventQueue} under the classic hold model: {@code size} events are pending;
 * one operation takes the earliest and schedules it again at its time plus a random delay, so the
 * number of pending events stays {@code size} and the clock moves forward as in a simulation.
 *
 * <p>Delays come from a ring precomputed in the setup (no random generator and no allocation
 * inside the measurement), in one of two distributions with the time scales of the engine:
 * <ul>
 *   <li>{@code exponential}: mean 100 us (guest bursts and timers);</li>
 *   <li>{@code bimodal}: 90% uniform in [1 us, 10 us) (context switches, IPIs, burst ends) and
 *       10% uniform in [10 ms, 30 ms) (ticks, slices, accounting), the mix that makes the queue
 *       hold a few far events under many near ones.</li>
 * </ul>
 * Before measuring, the setup runs {@code 2 x size} holds so the pending times have the hold
 * model's steady-state spread rather than the initial fill's.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EventQueueBenchmark -prof gc}
 * (add {@code -p size=10000} for the target size). Result: ns per hold (one poll plus one
 * schedule); {@code gc.alloc.rate.norm} should be 0 B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class EventQueueBenchmark {
    /** Length of the delay ring: a power of two, far longer than any pattern the CPU could learn. */
    private static final int RING = 1 << 16;

    /** Pending events. */
    @Param({"16", "1000", "10000", "1000000"})
    public int size;

    /** Delay distribution: {@code exponential} or {@code bimodal}. */
    @Param({"exponential", "bimodal"})
    public String distribution;

    private EventQueue queue;
    private long[] delays;
    private int next;

    /** An event that does nothing: the hold model measures the queue alone. */
    private static final class HoldEvent extends Event {
        @Override
        public void fire() {
        }

        @Override
        public String describe() {
            return "hold";
        }
    }

    /** Fills the delay ring and the queue, then runs the queue into its steady state. */
    @Setup
    public void setUp() {
        delays = delays(distribution, RING, 42);
        queue = new EventQueue(size);
        for (int i = 0; i < size; i++) {
            queue.schedule(new HoldEvent(), nextDelay());
        }
        for (long i = 0; i < 2L * size; i++) {
            hold();
        }
        if (queue.size() != size) {
            throw new IllegalStateException("hold model: " + queue.size() + " pending events, expected " + size);
        }
    }

    /** One hold: take the earliest event, schedule it again a random delay after its time. */
    @Benchmark
    public long hold() {
        Event e = queue.poll();
        long now = e.time();
        queue.schedule(e, now + nextDelay());
        return now;
    }

    private long nextDelay() {
        long d = delays[next];
        next = (next + 1) & (RING - 1);
        return d;
    }

    /** {@code n} delays (ns, at least 1) of {@code distribution}, from a seeded generator. */
    static long[] delays(String distribution, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] d = new long[n];
        for (int i = 0; i < n; i++) {
            double ns = switch (distribution) {
                case "exponential" -> -Math.log(1 - r.nextDouble()) * 100 * Durations.US;
                case "bimodal" -> r.nextDouble() < 0.9
                        ? r.nextDouble(Durations.US, 10 * Durations.US)
                        : r.nextDouble(10 * Durations.MS, 30 * Durations.MS);
                default -> throw new IllegalArgumentException("distribution '" + distribution
                        + "': expected exponential or bimodal");
            };
            d[i] = Math.max(1, (long) ns);
        }
        return d;
    }
}
