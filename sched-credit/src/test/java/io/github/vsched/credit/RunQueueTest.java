package io.github.vsched.credit;

import static io.github.vsched.credit.CreditPriority.BOOST;
import static io.github.vsched.credit.CreditPriority.IDLE;
import static io.github.vsched.credit.CreditPriority.OVER;
import static io.github.vsched.credit.CreditPriority.UNDER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The runq keeps Xen's exact order (reference 6): insertion before the first element of
 * strictly lower priority found by walking from the head, FIFO within a class, the 4.1 yield
 * placement, and the O(n) re-sort. Its O(1) path for sorted lists must give exactly the place
 * the Xen walk gives; a randomised comparison with a plain list that always walks checks it.
 */
class RunQueueTest {
    private final CreditDomain dom = new CreditDomain(null, 256, 0);
    private final Map<CreditVcpu, Integer> ids = new IdentityHashMap<>();

    private CreditVcpu node(int pri) {
        CreditVcpu v = new CreditVcpu(null, dom);
        v.pri = pri;
        ids.put(v, ids.size());
        return v;
    }

    private CreditVcpu idleNode() {
        CreditVcpu v = new CreditVcpu(null, null);
        ids.put(v, ids.size());
        return v;
    }

    private List<Integer> order(RunQueue q) {
        List<Integer> l = new ArrayList<>();
        CreditVcpu last = null;
        for (CreditVcpu e = q.head; e != null; e = e.runqNext) {
            assertThat(e.runqPrev).isSameAs(last);
            assertThat(e.runq).isSameAs(q);
            l.add(ids.get(e));
            last = e;
        }
        assertThat(q.tail).isSameAs(last);
        assertThat(q.size).isEqualTo(l.size());
        if (q.sorted) {
            for (CreditVcpu e = q.head; e != null && e.runqNext != null; e = e.runqNext) {
                assertThat(e.pri).as("sorted flag on an unsorted runq").isGreaterThanOrEqualTo(e.runqNext.pri);
            }
        }
        return l;
    }

    private List<Integer> order(List<CreditVcpu> ref) {
        List<Integer> l = new ArrayList<>();
        for (CreditVcpu e : ref) {
            l.add(ids.get(e));
        }
        return l;
    }

    /** Reference 6.1: the Xen walk, written as plainly as possible. */
    private static void refInsert(List<CreditVcpu> ref, CreditVcpu v, boolean yield) {
        int i = 0;
        while (i < ref.size() && v.pri <= ref.get(i).pri) {
            i++;
        }
        if (yield && i < ref.size() && ref.get(i).pri > IDLE) {
            i++;
        }
        ref.add(i, v);
    }

    /** Reference 6.2: a stable partition, UNDER and BOOST first. */
    private static void refSort(List<CreditVcpu> ref) {
        List<CreditVcpu> hi = new ArrayList<>();
        List<CreditVcpu> lo = new ArrayList<>();
        for (CreditVcpu e : ref) {
            (e.pri >= UNDER ? hi : lo).add(e);
        }
        ref.clear();
        ref.addAll(hi);
        ref.addAll(lo);
    }

    @Test
    void insertionIsFifoWithinAPriorityAndByPriorityAcross() {
        // reference 6.1: BOOST* UNDER* OVER* IDLE, each class in arrival order
        RunQueue q = new RunQueue();
        CreditVcpu idle = idleNode();
        CreditVcpu o1 = node(OVER);
        CreditVcpu u1 = node(UNDER);
        CreditVcpu b1 = node(BOOST);
        CreditVcpu u2 = node(UNDER);
        CreditVcpu b2 = node(BOOST);
        CreditVcpu o2 = node(OVER);
        for (CreditVcpu v : List.of(idle, o1, u1, b1, u2, b2, o2)) {
            q.insert(v, false);
        }
        assertThat(order(q)).containsExactly(ids.get(b1), ids.get(b2), ids.get(u1), ids.get(u2), ids.get(o1),
                ids.get(o2), ids.get(idle));
    }

    @Test
    void unsortedQueueUsesTheXenWalkNotTheClassTail() {
        // reference 6.2 / 5.1: accounting turned a queued UNDER into OVER ahead of an UNDER;
        // a waking UNDER then stops at that OVER, i.e. before the other UNDER
        RunQueue q = new RunQueue();
        CreditVcpu a = node(UNDER);
        CreditVcpu b = node(UNDER);
        CreditVcpu idle = idleNode();
        q.insert(a, false);
        q.insert(b, false);
        q.insert(idle, false);
        int old = a.pri;
        a.pri = OVER;
        q.reprioritized(a, old);
        assertThat(q.sorted).isFalse();
        CreditVcpu c = node(UNDER);
        q.insert(c, false);
        assertThat(order(q)).containsExactly(ids.get(c), ids.get(a), ids.get(b), ids.get(idle));
        // the re-sort moves UNDERs ahead of the OVER, keeping their relative order
        q.sortUnderBeforeOver();
        assertThat(order(q)).containsExactly(ids.get(c), ids.get(b), ids.get(a), ids.get(idle));
        assertThat(q.sorted).isTrue();
    }

    @Test
    void resortDoesNotPutBoostAheadOfUnder() {
        // reference 6.2 and 13.6: accounting demotes the active BOOST b1 to UNDER in place, the
        // inactive BOOST b2 behind it keeps BOOST; the re-sort leaves b2 behind b1
        RunQueue q = new RunQueue();
        CreditVcpu b1 = node(BOOST);
        CreditVcpu b2 = node(BOOST);
        CreditVcpu idle = idleNode();
        q.insert(b1, false);
        q.insert(b2, false);
        q.insert(idle, false);
        b1.pri = UNDER;
        q.reprioritized(b1, BOOST);
        assertThat(q.sorted).isFalse();
        q.sortUnderBeforeOver();
        assertThat(order(q)).containsExactly(ids.get(b1), ids.get(b2), ids.get(idle));
        // a new BOOST stops at the first lower element, the UNDER b1, so it goes first
        CreditVcpu b3 = node(BOOST);
        q.insert(b3, false);
        assertThat(order(q)).containsExactly(ids.get(b3), ids.get(b1), ids.get(b2), ids.get(idle));
    }

    @Test
    void yieldGoesBehindOneLowerPriorityVcpuButNotBehindIdle() {
        // reference 6.1, 4.1+: behind the first lower-priority element unless it is the idle VCPU
        RunQueue q = new RunQueue();
        CreditVcpu o1 = node(OVER);
        CreditVcpu o2 = node(OVER);
        CreditVcpu idle = idleNode();
        q.insert(o1, false);
        q.insert(o2, false);
        q.insert(idle, false);
        CreditVcpu y = node(UNDER);
        q.insert(y, true);
        assertThat(order(q)).containsExactly(ids.get(o1), ids.get(y), ids.get(o2), ids.get(idle));
        RunQueue q2 = new RunQueue();
        CreditVcpu idle2 = idleNode();
        q2.insert(idle2, false);
        CreditVcpu y2 = node(UNDER);
        q2.insert(y2, true);
        assertThat(order(q2)).containsExactly(ids.get(y2), ids.get(idle2));
    }

    @Test
    void fastPathMatchesTheXenWalkUnderRandomOperations() {
        int sortedSteps = 0;
        int steps = 0;
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            RunQueue q = new RunQueue();
            List<CreditVcpu> ref = new ArrayList<>();
            List<CreditVcpu> out = new ArrayList<>();
            CreditVcpu idle = idleNode();
            q.insert(idle, false);
            refInsert(ref, idle, false);
            for (int i = 0; i < 40; i++) {
                out.add(node(UNDER));
            }
            int[] pris = {BOOST, UNDER, OVER};
            for (int step = 0; step < 5000; step++) {
                int op = r.nextInt(20);
                if (op < 9 && !out.isEmpty()) {
                    CreditVcpu v = out.remove(r.nextInt(out.size()));
                    v.pri = pris[r.nextInt(3)];
                    boolean yield = r.nextInt(30) == 0;
                    q.insert(v, yield);
                    refInsert(ref, v, yield);
                } else if (op < 16 && ref.size() > 1) {
                    CreditVcpu v = ref.get(r.nextInt(ref.size()));
                    if (r.nextBoolean()) {
                        v = ref.get(0); // the schedule path takes the head
                    }
                    if (v == idle) {
                        continue;
                    }
                    ref.remove(v);
                    q.remove(v);
                    out.add(v);
                } else if (op < 18 && ref.size() > 1) {
                    // accounting: BOOST or OVER -> UNDER, UNDER -> OVER, in place
                    CreditVcpu v = ref.get(r.nextInt(ref.size()));
                    if (v == idle) {
                        continue;
                    }
                    int old = v.pri;
                    v.pri = old == UNDER ? OVER : UNDER;
                    q.reprioritized(v, old);
                } else {
                    q.sortUnderBeforeOver();
                    refSort(ref);
                }
                assertThat(order(q)).as("seed %d step %d", seed, step).isEqualTo(order(ref));
                steps++;
                if (q.sorted) {
                    sortedSteps++;
                }
            }
        }
        // the comparison must have exercised the O(1) path, not only the walk
        assertThat(sortedSteps).isGreaterThan(steps / 10);
    }
}
