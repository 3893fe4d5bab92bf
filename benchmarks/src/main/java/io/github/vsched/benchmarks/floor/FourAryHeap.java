package io.github.vsched.benchmarks.floor;

import java.util.Arrays;

/**
 * The engine's event queue before the calendar queue replaced it, kept as a reference for the
 * hold benchmark: an indexed 4-ary min-heap ordered by (time, sequence), the keys in primitive
 * arrays beside the entries, each entry knowing its index; unchanged but for its entry type.
 */
public final class FourAryHeap {
    /** An entry: its time and its place in the heap. */
    public static final class Entry {
        long time;
        long seq;
        int index = -1;

        /** Its time. */
        public long time() {
            return time;
        }
    }

    private Entry[] events;
    private long[] times;
    private long[] seqs;
    private int size;
    private long nextSeq;
    /** Sequence numbers of {@link #scheduleFirst}: below every ordinary one, still increasing. */
    private long nextFirstSeq = Long.MIN_VALUE;

    /** A queue with room for {@code capacity} events before it grows. */
    public FourAryHeap(int capacity) {
        int c = Math.max(4, capacity);
        events = new Entry[c];
        times = new long[c];
        seqs = new long[c];
    }

    /** A queue with a small initial capacity. */
    public FourAryHeap() {
        this(64);
    }

    /** Number of pending events. */
    public int size() {
        return size;
    }

    /** Whether no event is pending. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Time of the earliest event, or {@link Long#MAX_VALUE} when empty. */
    public long peekTime() {
        return size == 0 ? Long.MAX_VALUE : times[0];
    }

    /** The earliest event without removing it, or null. */
    public Entry peek() {
        return size == 0 ? null : events[0];
    }

    /**
     * Schedules {@code e} at {@code time}; an event already in the queue is moved. The event
     * then ranks after every event already scheduled for the same time.
     */
    public void schedule(Entry e, long time) {
        schedule(e, time, nextSeq++);
    }

    /**
     * Schedules {@code e} at {@code time} ahead of every event scheduled with
     * {@link #schedule} for the same time (in FIFO order among such events).
     */
    public void scheduleFirst(Entry e, long time) {
        schedule(e, time, nextFirstSeq++);
    }

    private void schedule(Entry e, long time, long seq) {
        e.time = time;
        e.seq = seq;
        int i = e.index;
        if (i >= 0) {
            times[i] = time;
            seqs[i] = seq;
            // the new key is later in (time, seq) order than the old one unless time went down
            if (i > 0 && less(i, (i - 1) >>> 2)) {
                siftUp(i);
            } else {
                siftDown(i);
            }
            return;
        }
        if (size == events.length) {
            grow();
        }
        i = size++;
        events[i] = e;
        times[i] = time;
        seqs[i] = seq;
        e.index = i;
        siftUp(i);
    }

    /** Removes {@code e} if it is queued; returns whether it was. */
    public boolean cancel(Entry e) {
        int i = e.index;
        if (i < 0) {
            return false;
        }
        removeAt(i);
        return true;
    }

    /** Removes and returns the earliest event, or null when empty. */
    public Entry poll() {
        if (size == 0) {
            return null;
        }
        Entry e = events[0];
        removeAt(0);
        return e;
    }

    /** Removes every event. */
    public void clear() {
        for (int i = 0; i < size; i++) {
            events[i].index = -1;
            events[i] = null;
        }
        size = 0;
    }

    private void removeAt(int i) {
        Entry e = events[i];
        e.index = -1;
        int last = --size;
        if (i != last) {
            Entry moved = events[last];
            events[i] = moved;
            times[i] = times[last];
            seqs[i] = seqs[last];
            moved.index = i;
            events[last] = null;
            if (i > 0 && less(i, (i - 1) >>> 2)) {
                siftUp(i);
            } else {
                siftDown(i);
            }
        } else {
            events[last] = null;
        }
    }

    private boolean less(int a, int b) {
        long ta = times[a];
        long tb = times[b];
        return ta < tb || ta == tb && seqs[a] < seqs[b];
    }

    private void siftUp(int i) {
        Entry e = events[i];
        long t = times[i];
        long s = seqs[i];
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            long pt = times[parent];
            if (pt < t || pt == t && seqs[parent] < s) {
                break;
            }
            place(i, parent);
            i = parent;
        }
        events[i] = e;
        times[i] = t;
        seqs[i] = s;
        e.index = i;
    }

    private void siftDown(int i) {
        Entry e = events[i];
        long t = times[i];
        long s = seqs[i];
        int n = size;
        while (true) {
            int first = (i << 2) + 1;
            if (first >= n) {
                break;
            }
            int best = first;
            long bt = times[first];
            long bs = seqs[first];
            int end = Math.min(first + 4, n);
            for (int c = first + 1; c < end; c++) {
                long ct = times[c];
                if (ct < bt || ct == bt && seqs[c] < bs) {
                    best = c;
                    bt = ct;
                    bs = seqs[c];
                }
            }
            if (t < bt || t == bt && s < bs) {
                break;
            }
            place(i, best);
            i = best;
        }
        events[i] = e;
        times[i] = t;
        seqs[i] = s;
        e.index = i;
    }

    /** Moves the entry at {@code from} to {@code to}. */
    private void place(int to, int from) {
        Entry m = events[from];
        events[to] = m;
        times[to] = times[from];
        seqs[to] = seqs[from];
        m.index = to;
    }

    private void grow() {
        int c = events.length * 2;
        events = Arrays.copyOf(events, c);
        times = Arrays.copyOf(times, c);
        seqs = Arrays.copyOf(seqs, c);
    }
}
