package io.github.vsched.core.internal.timer;

import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.event.Event;
import io.github.vsched.core.internal.state.EngineEvent;
import io.github.vsched.core.internal.state.Machine;
import io.github.vsched.core.internal.state.XenTimer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code schedule()} stops the slice timer, asks the scheduler (which may set and stop timers
 * and schedule events meanwhile) and sets the slice timer again; {@link Timers#stopForRearm}
 * defers that stop and does it with the set in one step. Whatever happens in between, the run
 * must be the same as with {@code stop_timer} and {@code set_timer}: the same timers firing at
 * the same times and every event in the same order, equal-time events included.
 */
class DeferredStopTest {

    /** Two machines driven alike, but for how the slice timer is stopped. */
    static final class Side {
        final Machine m;
        final Timers timers;
        final List<String> log = new ArrayList<>();
        final Timer[] slices = new Timer[2];
        final Timer[] others = new Timer[6];
        final Probe[] probes = new Probe[6];

        Side(long slop) {
            m = new Machine(FixedCostPlatform.ideal(2).withTimerSlop(slop), null, false);
            timers = new Timers(m);
            for (int i = 0; i < slices.length; i++) {
                slices[i] = new Timer(this, "slice" + i);
            }
            for (int i = 0; i < others.length; i++) {
                others[i] = new Timer(this, "timer" + i);
            }
            for (int i = 0; i < probes.length; i++) {
                probes[i] = new Probe(this, i);
            }
        }

        void runUntil(long until) {
            Event e;
            while ((e = m.queue.pollUntil(until)) != null) {
                m.now = e.time();
                log.add(e.describe() + " at " + m.now);
                e.fire();
            }
            m.now = Math.max(m.now, until);
        }
    }

    static final class Timer extends XenTimer {
        final Side side;
        final String name;

        Timer(Side side, String name) {
            super(EngineEvent.SCHED_TIMER, 0);
            this.side = side;
            this.name = name;
        }

        @Override
        public void fire() {
            side.log.add(name + " fired at " + side.m.now);
        }

        @Override
        public String describe() {
            return name;
        }
    }

    static final class Probe extends EngineEvent {
        final Side side;

        Probe(Side side, int id) {
            super(ACTION, id);
            this.side = side;
        }

        @Override
        public void fire() {
        }

        @Override
        public int pcpu() {
            return -1;
        }

        @Override
        public String describe() {
            return "probe " + subject;
        }
    }

    /** One random step, applied to both sides with the same draws. */
    static void other(Side s, long[] draws) {
        long now = s.m.now;
        int kind = (int) draws[0];
        int i = (int) draws[1];
        long when = now + draws[2];
        int cpu = (int) draws[3];
        switch (kind) {
            case 0 -> s.timers.set(s.others[i], cpu, when);
            case 1 -> s.timers.stop(s.others[i]);
            case 2 -> s.m.queue.schedule(s.probes[i], when);
            default -> s.timers.migrate(s.others[i], cpu);
        }
    }

    static long[] draw(SplittableRandom r) {
        long[] delays = {0, 10, 20, 30, 50, 100, 1_000};
        return new long[] {r.nextInt(4), r.nextInt(6), delays[r.nextInt(delays.length)], r.nextInt(2)};
    }

    @Test
    void deferredStopGivesTheSameRunAsStopThenSet() {
        for (long slop : new long[] {0, 20, 50}) {
            SplittableRandom r = new SplittableRandom(slop);
            Side plain = new Side(slop);
            Side deferred = new Side(slop);
            long[] delays = {10, 20, 30, 50, 100};
            for (int round = 0; round < 20_000; round++) {
                int cpu = r.nextInt(2);
                int before = r.nextInt(3);
                for (int k = 0; k < before; k++) {
                    long[] d = draw(r);
                    other(plain, d);
                    other(deferred, d);
                }
                // schedule(): stop the slice timer, the scheduler's work, set it again (or not)
                plain.timers.stop(plain.slices[cpu]);
                deferred.timers.stopForRearm(deferred.slices[cpu]);
                int meanwhile = r.nextInt(3);
                for (int k = 0; k < meanwhile; k++) {
                    long[] d = draw(r);
                    other(plain, d);
                    other(deferred, d);
                }
                if (r.nextInt(5) > 0) {
                    long when = plain.m.now + delays[r.nextInt(delays.length)];
                    plain.timers.set(plain.slices[cpu], cpu, when);
                    deferred.timers.set(deferred.slices[cpu], cpu, when);
                } else {
                    deferred.timers.completeDeferredStop();
                }
                if (r.nextInt(3) == 0) {
                    long until = plain.m.now + r.nextInt(60);
                    plain.runUntil(until);
                    deferred.runUntil(until);
                }
                if (deferred.log.size() != plain.log.size() || round % 500 == 0) {
                    assertThat(deferred.log).as("slop %d, round %d", slop, round).isEqualTo(plain.log);
                }
            }
            plain.runUntil(Long.MAX_VALUE - 1);
            deferred.runUntil(Long.MAX_VALUE - 1);
            assertThat(deferred.log).isEqualTo(plain.log);
            assertThat(plain.log).hasSizeGreaterThan(10_000);
        }
    }
}
