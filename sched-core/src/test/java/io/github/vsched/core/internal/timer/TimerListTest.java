package io.github.vsched.core.internal.timer;

import io.github.vsched.core.internal.state.XenTimer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timer list remembers its batch (Xen 4.0's {@code timer_softirq_action} coalescing) between
 * changes; whatever is set, stopped or re-keyed, its deadline must be the one a fresh walk of
 * the sorted timers gives, with and without any one timer.
 */
class TimerListTest {
    static final class Probe extends XenTimer {
        Probe(int id) {
            super(0, id);
        }

        @Override
        public void fire() {
        }

        @Override
        public String describe() {
            return "probe " + subject;
        }
    }

    /** Xen's batch over the timers in order: the expiry of the last one whose window still meets the others'. */
    static long reference(List<XenTimer> sorted, long slop, XenTimer skip) {
        long start = -1;
        long end = Long.MAX_VALUE;
        for (XenTimer t : sorted) {
            if (t == skip) {
                continue;
            }
            if (t.expires > end) {
                break;
            }
            start = t.expires;
            end = Math.min(end, t.expires + slop);
        }
        return start;
    }

    @Test
    void rememberedBatchAlwaysMatchesAFreshWalk() {
        for (long slop : new long[] {0, 50, 50_000}) {
            SplittableRandom r = new SplittableRandom(slop + 3);
            TimerList list = new TimerList(slop);
            List<XenTimer> in = new ArrayList<>();
            Comparator<XenTimer> order = Comparator.<XenTimer>comparingLong(t -> t.expires).thenComparingLong(t -> t.seq);
            List<Probe> probes = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                probes.add(new Probe(i));
            }
            long seq = 0;
            for (int step = 0; step < 100_000; step++) {
                Probe p = probes.get(r.nextInt(probes.size()));
                long when = r.nextLong(r.nextBoolean() ? 200 : 200_000);
                int op = r.nextInt(4);
                boolean present = in.contains(p);
                if (op == 0 && !present) {
                    p.expires = when;
                    p.seq = seq++;
                    list.insert(p);
                    in.add(p);
                } else if (op == 1 && present) {
                    list.remove(p);
                    in.remove(p);
                } else if (op == 2 && present) {
                    list.rekey(p, when, seq++);
                }
                in.sort(order);
                assertThat(list.deadline()).as("step %d", step).isEqualTo(reference(in, slop, null));
                if (!in.isEmpty()) {
                    XenTimer skip = in.get(r.nextInt(in.size()));
                    assertThat(list.deadlineWithout(skip)).as("step %d without %s", step, skip.describe())
                            .isEqualTo(reference(in, slop, skip));
                }
                List<XenTimer> walked = new ArrayList<>();
                for (XenTimer t = list.head; t != null; t = t.next) {
                    walked.add(t);
                }
                assertThat(walked).as("step %d", step).containsExactlyElementsOf(in);
            }
        }
    }

    @Test
    void aTimerSetBeyondTheBatchLeavesTheDeadline() {
        TimerList list = new TimerList(50);
        Probe a = new Probe(1);
        Probe b = new Probe(2);
        Probe c = new Probe(3);
        a.expires = 100;
        list.insert(a);
        assertThat(list.deadline()).isEqualTo(100);
        b.expires = 140; // within a's window [100, 150]: joins the batch
        b.seq = 1;
        list.insert(b);
        assertThat(list.deadline()).isEqualTo(140);
        c.expires = 151; // beyond it
        c.seq = 2;
        list.insert(c);
        assertThat(list.deadline()).isEqualTo(140);
        assertThat(list.deadlineWithout(b)).isEqualTo(100);
        assertThat(list.deadlineWithout(c)).isEqualTo(140);
        list.remove(a); // b's window [140, 190] now takes c too
        assertThat(list.deadline()).isEqualTo(151);
    }

    @Test
    void expiriesNearTheEndOfTimeKeepXensBatch() {
        TimerList list = new TimerList(50);
        Probe a = new Probe(1);
        Probe b = new Probe(2);
        a.expires = Long.MAX_VALUE - 10; // its window's end overflows: the batch is a alone
        list.insert(a);
        b.expires = Long.MAX_VALUE - 5;
        b.seq = 1;
        list.insert(b);
        assertThat(list.deadline()).isEqualTo(reference(List.of(a, b), 50, null));
        Probe c = new Probe(3);
        c.expires = 7;
        c.seq = 2;
        list.insert(c);
        assertThat(list.deadline()).isEqualTo(7);
    }
}
