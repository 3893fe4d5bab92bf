package io.github.vsched.benchmarks;

import io.github.vsched.api.Durations;
import io.github.vsched.benchmarks.floor.CalendarQueueFloor;
import io.github.vsched.benchmarks.floor.FourAryHeap;
import io.github.vsched.core.event.Event;
import io.github.vsched.core.event.EventQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * Two references run the same holds with the same delays in the same invocation, so the ratios
 * are measured side by side:
 * <ul>
 *   <li>{@link #hold}: the engine's queue (a calendar queue with sequence numbers, cancellation,
 *       resizing and width re-estimation);</li>
 *   <li>{@link #holdCalendarFloor}: the floor, {@link CalendarQueueFloor}: a bare calendar queue
 *       of times, tuned once for the steady state (one bucket per event, Brown's width), without
 *       sequence numbers, cancellation or resizing;</li>
 *   <li>{@link #holdHeap}: the engine's previous queue, an indexed 4-ary heap
 *       ({@link FourAryHeap}).</li>
 * </ul>
 *
 * <p>Delays come from a ring precomputed in the setup (no random generator and no allocation
 * inside the measurement), in one of two distributions with the time scales of the engine:
 * <ul>
 *   <li>{@code exponential}: mean 100 us (guest bursts and timers);</li>
 *   <li>{@code bimodal}: 90% uniform in [1 us, 10 us) (context switches, IPIs, burst ends) and
 *       10% uniform in [10 ms, 30 ms) (ticks, slices, accounting), the mix that makes the queue
 *       hold a few far events under many near ones.</li>
 * </ul>
 * Before measuring, each setup runs {@code 10 x size} holds so the pending times have the hold
 * model's steady-state spread rather than the initial fill's (a bimodal fill's near events take
 * about ten holds each to go far); the floor is tuned for the pending events before every
 * iteration, outside the measurement.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EventQueueBenchmark -prof gc}
 * (add {@code -p size=10000} for one size). Result: ns per hold (one poll plus one schedule);
 * {@code gc.alloc.rate.norm} should be 0 B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventQueueBenchmark {
    /** Length of the delay ring: a power of two, far longer than any pattern the CPU could learn. */
    private static final int RING = 1 << 16;
    /**
     * Holds per pending event before measuring: the near events of a bimodal fill each take
     * about ten holds to go far, and the pending times then have the hold model's steady-state
     * spread rather than the initial fill's.
     */
    private static final long SETTLE = 10;

    /** The hold model's parameters and its delay ring; one subclass per structure. */
    @State(Scope.Thread)
    public abstract static class Hold {
        /** Pending events. */
        @Param({"16", "1000", "10000", "1000000"})
        public int size;

        /** Delay distribution: {@code exponential} or {@code bimodal}. */
        @Param({"exponential", "bimodal"})
        public String distribution;

        private long[] delays;
        private int next;

        final long nextDelay() {
            long d = delays[next];
            next = (next + 1) & (RING - 1);
            return d;
        }

        /** Fills the delay ring and the structure, runs it into its steady state and checks its size. */
        @Setup
        public void setUp() {
            delays = delays(distribution, RING, 42);
            fill();
            for (long i = 0; i < SETTLE * size; i++) {
                hold();
            }
            if (pending() != size) {
                throw new IllegalStateException(getClass().getSimpleName() + ": " + pending()
                        + " pending events, expected " + size);
            }
        }

        abstract void fill();

        abstract long hold();

        abstract int pending();
    }

    /** The engine's queue. */
    @State(Scope.Thread)
    public static class Engine extends Hold {
        private EventQueue queue;

        @Override
        void fill() {
            queue = new EventQueue(size);
            for (int i = 0; i < size; i++) {
                queue.schedule(new HoldEvent(), nextDelay());
            }
        }

        @Override
        long hold() {
            Event e = queue.poll();
            long now = e.time();
            queue.schedule(e, now + nextDelay());
            return now;
        }

        @Override
        int pending() {
            return queue.size();
        }
    }

    /** The calendar-queue floor, tuned again before every iteration. */
    @State(Scope.Thread)
    public static class Floor extends Hold {
        private CalendarQueueFloor queue;

        @Override
        void fill() {
            long[] times = new long[size];
            for (int i = 0; i < size; i++) {
                times[i] = nextDelay();
            }
            queue = CalendarQueueFloor.of(times);
        }

        @Override
        long hold() {
            CalendarQueueFloor.Entry e = queue.poll();
            long now = e.time();
            queue.add(e, now + nextDelay());
            return now;
        }

        /** Width and bucket count for the events pending now (not timed). */
        @Setup(Level.Iteration)
        public void tune() {
            queue.tune();
        }

        @Override
        int pending() {
            return queue.size();
        }
    }

    /** The previous engine queue. */
    @State(Scope.Thread)
    public static class Heap extends Hold {
        private FourAryHeap queue;

        @Override
        void fill() {
            queue = new FourAryHeap(size);
            for (int i = 0; i < size; i++) {
                queue.schedule(new FourAryHeap.Entry(), nextDelay());
            }
        }

        @Override
        long hold() {
            FourAryHeap.Entry e = queue.poll();
            long now = e.time();
            queue.schedule(e, now + nextDelay());
            return now;
        }

        @Override
        int pending() {
            return queue.size();
        }
    }

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

    /** One hold on the engine's queue: take the earliest event, schedule it again a random delay after its time. */
    @Benchmark
    public long hold(Engine q) {
        return q.hold();
    }

    /** The same hold on the calendar-queue floor. */
    @Benchmark
    public long holdCalendarFloor(Floor q) {
        return q.hold();
    }

    /** The same hold on the previous engine queue, the 4-ary heap. */
    @Benchmark
    public long holdHeap(Heap q) {
        return q.hold();
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
