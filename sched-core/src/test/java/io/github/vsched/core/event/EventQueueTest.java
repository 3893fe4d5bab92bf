package io.github.vsched.core.event;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class EventQueueTest {

    static final class Probe extends Event {
        final int id;

        Probe(int id) {
            this.id = id;
        }

        @Override
        public void fire() {
        }

        @Override
        public String describe() {
            return "probe " + id;
        }
    }

    @Test
    void ordersByTimeThenInsertion() {
        EventQueue q = new EventQueue(2);
        Probe a = new Probe(1);
        Probe b = new Probe(2);
        Probe c = new Probe(3);
        Probe d = new Probe(4);
        q.schedule(a, 50);
        q.schedule(b, 10);
        q.schedule(c, 50);
        q.schedule(d, 10);
        assertThat(List.of(q.poll(), q.poll(), q.poll(), q.poll())).containsExactly(b, d, a, c);
        assertThat(q.poll()).isNull();
        assertThat(q.peekTime()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void scheduleFirstRanksAheadOfOrdinaryEventsAtTheSameTime() {
        EventQueue q = new EventQueue();
        Probe a = new Probe(1);
        Probe b = new Probe(2);
        Probe c = new Probe(3);
        Probe d = new Probe(4);
        q.schedule(a, 10);
        q.scheduleFirst(b, 10);
        q.scheduleFirst(c, 10);
        q.schedule(d, 5);
        assertThat(List.of(q.poll(), q.poll(), q.poll(), q.poll())).containsExactly(d, b, c, a);
    }

    @Test
    void rescheduleMovesAndRanksAfterEqualTimes() {
        EventQueue q = new EventQueue();
        Probe a = new Probe(1);
        Probe b = new Probe(2);
        q.schedule(a, 10);
        q.schedule(b, 10);
        q.schedule(a, 10); // re-armed: now behind b
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.poll()).isSameAs(b);
        assertThat(q.poll()).isSameAs(a);
    }

    @Test
    void cancelRemovesOnlyThatEvent() {
        EventQueue q = new EventQueue();
        Probe a = new Probe(1);
        Probe b = new Probe(2);
        q.schedule(a, 5);
        q.schedule(b, 7);
        assertThat(q.cancel(a)).isTrue();
        assertThat(q.cancel(a)).isFalse();
        assertThat(a.isScheduled()).isFalse();
        assertThat(q.poll()).isSameAs(b);
    }

    /** Random operations checked against a sorted map keyed by (time, sequence). */
    @Test
    void matchesReferenceUnderRandomOperations() {
        SplittableRandom r = new SplittableRandom(42);
        EventQueue q = new EventQueue(4);
        TreeMap<long[], Probe> ref = new TreeMap<>((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        List<Probe> probes = new ArrayList<>();
        java.util.Map<Probe, long[]> keys = new java.util.HashMap<>();
        for (int i = 0; i < 500; i++) {
            probes.add(new Probe(i));
        }
        long seq = 0;
        long now = 0;
        for (int step = 0; step < 200_000; step++) {
            int op = r.nextInt(10);
            Probe p = probes.get(r.nextInt(probes.size()));
            if (op < 5) {
                long t = now + r.nextLong(1000);
                if (keys.containsKey(p)) {
                    ref.remove(keys.get(p));
                }
                long[] k = {t, seq++};
                keys.put(p, k);
                ref.put(k, p);
                q.schedule(p, t);
            } else if (op < 7) {
                boolean had = keys.containsKey(p);
                if (had) {
                    ref.remove(keys.remove(p));
                }
                assertThat(q.cancel(p)).isEqualTo(had);
            } else {
                Event e = q.poll();
                if (ref.isEmpty()) {
                    assertThat(e).isNull();
                } else {
                    java.util.Map.Entry<long[], Probe> first = ref.pollFirstEntry();
                    keys.remove(first.getValue());
                    assertThat(e).isSameAs(first.getValue());
                    now = first.getKey()[0];
                }
            }
            assertThat(q.size()).isEqualTo(ref.size());
        }
    }

    /**
     * Random operations over time scales from nanoseconds to seconds, with {@code scheduleFirst},
     * re-scheduling of queued events, peeks and a queue that grows to thousands of events and
     * shrinks again (so the bucket count and width change under way), checked against a sorted
     * map keyed by (time, sequence) with the queue's own two sequences.
     */
    @Test
    void matchesReferenceAcrossTimeScalesAndSizes() {
        SplittableRandom r = new SplittableRandom(7);
        EventQueue q = new EventQueue();
        java.util.Comparator<long[]> byKey = (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]);
        TreeMap<long[], Probe> ref = new TreeMap<>(byKey);
        java.util.Map<Probe, long[]> keys = new java.util.HashMap<>();
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            probes.add(new Probe(i));
        }
        long seq = 0;
        long firstSeq = Long.MIN_VALUE;
        long now = 0;
        long[] scales = {0, 10, 1_000, 100_000, 10_000_000, 1_000_000_000};
        for (int step = 0; step < 400_000; step++) {
            // phases: fill (many schedules), then drain (many polls), so sizes swing widely
            boolean filling = (step / 50_000) % 2 == 0;
            int op = r.nextInt(20);
            int live = filling ? probes.size() : Math.max(1, probes.size() / 8);
            Probe p = probes.get(r.nextInt(live));
            if (op < (filling ? 12 : 5)) {
                long t = now + r.nextLong(scales[r.nextInt(scales.length)] + 1);
                boolean first = r.nextInt(4) == 0;
                if (keys.containsKey(p)) {
                    ref.remove(keys.get(p));
                }
                long[] k = {t, first ? firstSeq++ : seq++};
                keys.put(p, k);
                ref.put(k, p);
                if (first) {
                    q.scheduleFirst(p, t);
                } else {
                    q.schedule(p, t);
                }
            } else if (op < 14) {
                boolean had = keys.containsKey(p);
                if (had) {
                    ref.remove(keys.remove(p));
                }
                assertThat(q.cancel(p)).isEqualTo(had);
            } else if (op < 15) {
                assertThat(q.peek()).isSameAs(ref.isEmpty() ? null : ref.firstEntry().getValue());
                assertThat(q.peekTime()).isEqualTo(ref.isEmpty() ? Long.MAX_VALUE : ref.firstKey()[0]);
            } else {
                Event e = q.poll();
                if (ref.isEmpty()) {
                    assertThat(e).isNull();
                } else {
                    java.util.Map.Entry<long[], Probe> head = ref.pollFirstEntry();
                    keys.remove(head.getValue());
                    assertThat(e).isSameAs(head.getValue());
                    assertThat(e.isScheduled()).isFalse();
                    now = head.getKey()[0];
                }
            }
            assertThat(q.size()).isEqualTo(ref.size());
        }
        q.clear();
        assertThat(q.size()).isZero();
        assertThat(q.poll()).isNull();
        for (Probe p : probes) {
            assertThat(p.isScheduled()).isFalse();
        }
    }

    /**
     * A queued event scheduled again for its own time keeps its place when no event of that time
     * follows it, and otherwise moves behind them: checked against a sorted map on times drawn
     * from a handful of values, so that most re-schedules keep the time.
     */
    @Test
    void rescheduleAtTheSameTimeMatchesReference() {
        SplittableRandom r = new SplittableRandom(11);
        EventQueue q = new EventQueue();
        java.util.Comparator<long[]> byKey = (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]);
        TreeMap<long[], Probe> ref = new TreeMap<>(byKey);
        java.util.Map<Probe, long[]> keys = new java.util.HashMap<>();
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            probes.add(new Probe(i));
        }
        long seq = 0;
        long firstSeq = Long.MIN_VALUE;
        long now = 0;
        for (int step = 0; step < 100_000; step++) {
            Probe p = probes.get(r.nextInt(probes.size()));
            int op = r.nextInt(10);
            if (op < 6) {
                long[] old = keys.get(p);
                long t = old != null && op < 4 ? old[0] : now + r.nextInt(3);
                boolean first = op == 5;
                if (old != null) {
                    ref.remove(old);
                }
                long[] k = {t, first ? firstSeq++ : seq++};
                keys.put(p, k);
                ref.put(k, p);
                if (first) {
                    q.scheduleFirst(p, t);
                } else {
                    q.schedule(p, t);
                }
            } else if (op < 7) {
                long[] old = keys.remove(p);
                if (old != null) {
                    ref.remove(old);
                }
                assertThat(q.cancel(p)).isEqualTo(old != null);
            } else {
                Event e = q.poll();
                if (ref.isEmpty()) {
                    assertThat(e).isNull();
                } else {
                    java.util.Map.Entry<long[], Probe> head = ref.pollFirstEntry();
                    keys.remove(head.getValue());
                    assertThat(e).as("step %d", step).isSameAs(head.getValue());
                    now = head.getKey()[0];
                }
            }
            assertThat(q.size()).isEqualTo(ref.size());
        }
    }

    /** Events far apart in time and far in the past of the last poll still come out in order. */
    @Test
    void ordersEventsScheduledBeforeTheLastPolledTime() {
        EventQueue q = new EventQueue();
        Probe a = new Probe(1);
        Probe b = new Probe(2);
        Probe c = new Probe(3);
        Probe d = new Probe(4);
        q.schedule(a, 5_000_000_000L);
        assertThat(q.poll()).isSameAs(a);
        q.schedule(b, 7);
        q.schedule(c, Long.MAX_VALUE);
        q.schedule(d, -3);
        assertThat(List.of(q.poll(), q.poll(), q.poll())).containsExactly(d, b, c);
    }
}
