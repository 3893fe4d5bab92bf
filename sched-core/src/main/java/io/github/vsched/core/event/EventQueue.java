package io.github.vsched.core.event;

/**
 * A priority queue of {@link Event}s ordered by time, then by the order in which they were
 * scheduled, so that equal-time events fire in a deterministic FIFO order.
 *
 * <p>A calendar queue (R. Brown, "Calendar queues", CACM 31(10), 1988): time is cut into
 * buckets of a power-of-two width; bucket {@code (time >> shift) & mask} of a circular array
 * holds the events of that slice of every "year" (one turn of the array) in a linked list
 * sorted by (time, sequence), and the earliest event is found by walking the buckets from the
 * last one taken. With about one event per bucket and a width of a few mean separations near
 * the head, a poll and a schedule each cost O(1) on average whatever the number of pending
 * events. The lists are intrusive (an event carries its link), so nothing is allocated once the
 * bucket array has grown to the largest number of pending events; cancelling walks the event's
 * bucket, which holds one or two events.
 *
 * <p>Upkeep is paid for with credits: each operation, bucket walked and event passed spends
 * one, and when they run out the queue resizes (doubling the bucket count above one event per
 * bucket, halving it below one per four) or estimates its width again (Brown's: three times the
 * mean separation of the earliest events) and re-files the events if it changed by more than a
 * factor of two (the estimate is noisy, and a factor of two costs little). An estimate that
 * stays close doubles the next allowance, so a queue in a steady state is rarely
 * looked at, while long walks (a width gone stale) spend the credits fast and bring the next
 * look forward.
 */
public final class EventQueue {
    /** Ends every bucket's list (an empty bucket holds just this), so a queued event's link is never null. */
    private static final Event END = new Event() {
        @Override
        public void fire() {
            throw new IllegalStateException("the end marker of an event queue fired");
        }

        @Override
        public String describe() {
            return "end of an event queue bucket";
        }
    };

    private static final int MIN_BUCKETS = 16;
    /** Earliest events whose separations set the width. */
    private static final int SAMPLE = 25;
    /** Initial width: 2^14 ns, about 16 us. */
    private static final int INITIAL_SHIFT = 14;
    /** The largest allowance between looks, in bucket counts. */
    private static final int MAX_BACKOFF = 64;

    private Event[] heads;
    /** Buckets in use minus one (a power of two minus one); the array may be longer. */
    private int mask;
    private int shift = INITIAL_SHIFT;
    private int size;
    /** No queued event lies in a virtual bucket ({@code time >> shift}) before this one. */
    private long cur;
    private long nextSeq;
    /** Sequence numbers of {@link #scheduleFirst}: below every ordinary one, still increasing. */
    private long nextFirstSeq = Long.MIN_VALUE;

    /** Credits left before the next look at size and width. */
    private long credits;
    /** Credits granted at the last look. */
    private long allowance;
    private final Event[] sample = new Event[SAMPLE];

    /** A queue sized for about {@code capacity} pending events before it grows. */
    public EventQueue(int capacity) {
        int n = MIN_BUCKETS;
        while (n < capacity && n < (1 << 30)) {
            n <<= 1;
        }
        heads = new Event[n];
        java.util.Arrays.fill(heads, END);
        mask = n - 1;
        grant(baseAllowance());
    }

    /** A queue with a small initial capacity. */
    public EventQueue() {
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
        Event e = peek();
        return e == null ? Long.MAX_VALUE : e.time;
    }

    /** The earliest event without removing it, or null. */
    public Event peek() {
        if (size == 0) {
            return null;
        }
        Event[] h = heads;
        int m = mask;
        int sh = shift;
        long vb = cur;
        for (int i = 0; i <= m; i++, vb++) {
            Event x = h[(int) vb & m];
            if (x != END && x.time >> sh == vb) {
                credits -= i;
                cur = vb;
                return x;
            }
        }
        return earliestHead();
    }

    /** Removes and returns the earliest event, or null when empty. */
    public Event poll() {
        return pollUntil(Long.MAX_VALUE);
    }

    /**
     * Removes and returns the earliest event if its time is at most {@code until}; otherwise
     * (or when empty) returns null and removes nothing.
     */
    public Event pollUntil(long until) {
        Event x = peek(); // the earliest is a bucket head: unlinking it walks nothing
        if (x == null || x.time > until) {
            return null;
        }
        unlink(x);
        size--;
        if (--credits < 0) {
            upkeep();
        }
        return x;
    }

    /**
     * Schedules {@code e} at {@code time}; an event already in the queue is moved. The event
     * then ranks after every event already scheduled for the same time.
     */
    public void schedule(Event e, long time) {
        schedule(e, time, nextSeq++);
    }

    /**
     * Schedules {@code e} at {@code time} ahead of every event scheduled with
     * {@link #schedule} for the same time (in FIFO order among such events).
     */
    public void scheduleFirst(Event e, long time) {
        schedule(e, time, nextFirstSeq++);
    }

    private void schedule(Event e, long time, long seq) {
        Event n = e.next;
        if (n != null) {
            if (e.time == time && seq > e.seq && (n == END || n.time != time || n.seq > seq)) {
                // its new key (time, seq) still falls between its neighbours: it stays in place
                e.seq = seq;
                if (--credits < 0) {
                    upkeep();
                }
                return;
            }
            unlink(e);
        } else {
            size++;
        }
        e.time = time;
        e.seq = seq;
        insert(e);
        if (--credits < 0) {
            upkeep();
        }
    }

    /** Removes {@code e} if it is queued; returns whether it was. */
    public boolean cancel(Event e) {
        if (e.next == null) {
            return false;
        }
        unlink(e);
        size--;
        if (--credits < 0) {
            upkeep();
        }
        return true;
    }

    /** Removes every event. */
    public void clear() {
        for (int b = 0; b <= mask; b++) {
            Event e = heads[b];
            heads[b] = END;
            while (e != END) {
                Event n = e.next;
                e.next = null;
                e = n;
            }
        }
        size = 0;
    }

    // ---------------------------------------------------------------- buckets

    private static boolean less(long t, long s, Event o) {
        return t < o.time || t == o.time && s < o.seq;
    }

    /** Links {@code e} (keys set, counted in {@link #size}) into its bucket. */
    private void insert(Event e) {
        long t = e.time;
        long s = e.seq;
        long vb = t >> shift;
        int b = (int) vb & mask;
        Event p = heads[b];
        if (p == END || less(t, s, p)) {
            e.next = p;
            heads[b] = e;
        } else {
            long passed = 1;
            Event n;
            while ((n = p.next) != END && !less(t, s, n)) {
                p = n;
                passed++;
            }
            credits -= passed;
            e.next = n;
            p.next = e;
        }
        if (vb < cur || size == 1) {
            cur = vb; // below the bound, or the only event: the search starts here
        }
    }

    /** Unlinks a queued event; it stays counted in {@link #size}. */
    private void unlink(Event e) {
        int b = (int) (e.time >> shift) & mask;
        Event p = heads[b];
        Event n = e.next;
        if (p == e) {
            heads[b] = n;
        } else {
            long passed = 1;
            while (p.next != e) {
                p = p.next;
                passed++;
            }
            credits -= passed;
            p.next = n;
        }
        e.next = null;
    }

    /** The earliest of the bucket heads, when none lies within a year of {@link #cur}. */
    private Event earliestHead() {
        Event[] h = heads;
        int m = mask;
        credits -= 2L * (m + 1);
        Event best = null;
        for (int b = 0; b <= m; b++) {
            Event x = h[b];
            if (x != END && (best == null || less(x.time, x.seq, best))) {
                best = x;
            }
        }
        cur = best.time >> shift;
        return best;
    }

    // ---------------------------------------------------------------- width and bucket count

    private long baseAllowance() {
        return Math.max(64, mask + 1);
    }

    private void grant(long n) {
        allowance = n;
        credits = n;
    }

    /**
     * Resizes if the bucket count is out of proportion to the events; otherwise estimates the
     * width again, re-filing if it changed and doubling the next allowance if not.
     */
    private void upkeep() {
        int buckets = mask + 1;
        if (size > buckets) {
            resize(buckets << 1);
        } else if (size < buckets >> 2 && buckets > MIN_BUCKETS) {
            resize(buckets >> 1);
        } else {
            int estimate = estimateShift();
            if (Math.abs(estimate - shift) > 1) {
                refile(buckets, estimate);
            } else {
                grant(Math.min(allowance << 1, (long) MAX_BACKOFF * baseAllowance()));
            }
        }
    }

    private void resize(int buckets) {
        if (buckets > heads.length) {
            Event[] bigger = new Event[buckets];
            System.arraycopy(heads, 0, bigger, 0, mask + 1);
            java.util.Arrays.fill(bigger, mask + 1, buckets, END);
            heads = bigger;
        }
        refile(buckets, estimateShift());
    }

    /**
     * Brown's width as a shift: three times the mean separation of the earliest
     * {@value #SAMPLE} events, separations over twice the first mean left out. The present
     * width when they all share one time.
     */
    private int estimateShift() {
        Event[] smp = sample;
        int n = earliest(smp);
        int result = shift;
        if (n >= 2 && smp[n - 1].time > smp[0].time) {
            double mean = (double) (smp[n - 1].time - smp[0].time) / (n - 1);
            double sum = 0;
            int kept = 0;
            for (int i = 1; i < n; i++) {
                long gap = smp[i].time - smp[i - 1].time;
                if (gap <= 2 * mean) {
                    sum += gap;
                    kept++;
                }
            }
            double width = 3 * (kept == 0 ? mean : sum / kept);
            result = width < 2 ? 0 : 63 - Long.numberOfLeadingZeros((long) Math.min(width, 1L << 62));
        }
        for (int i = 0; i < n; i++) {
            smp[i] = null;
        }
        return result;
    }

    /**
     * Puts the earliest events, in order, at the start of {@code out}; returns how many. Walks
     * the buckets in time order from {@link #cur} for one year, where the events of each visited
     * virtual bucket head its list; if that year holds too few, it looks at every event.
     */
    private int earliest(Event[] out) {
        int k = out.length;
        int n = 0;
        long vb = cur;
        for (int i = 0; i <= mask && n < k; i++, vb++) {
            Event e = heads[(int) vb & mask];
            for (; e != END && e.time >> shift == vb && n < k; e = e.next) {
                out[n++] = e;
            }
        }
        if (n == k || n == size) {
            return n;
        }
        // a sparse year: the k smallest of all, by insertion into a sorted prefix
        n = 0;
        for (int b = 0; b <= mask; b++) {
            for (Event e = heads[b]; e != END; e = e.next) {
                if (n < k || less(e.time, e.seq, out[k - 1])) {
                    int i = n < k ? n++ : k - 1;
                    while (i > 0 && less(e.time, e.seq, out[i - 1])) {
                        out[i] = out[i - 1];
                        i--;
                    }
                    out[i] = e;
                }
            }
        }
        return n;
    }

    /** Re-files every event into {@code buckets} buckets of width {@code 1 << newShift}. */
    private void refile(int buckets, int newShift) {
        // chain every event through next (ending in null), then insert each into the new layout
        Event chain = null;
        for (int b = 0; b <= mask; b++) {
            Event e = heads[b];
            heads[b] = END;
            while (e != END) {
                Event n = e.next;
                e.next = chain;
                chain = e;
                e = n;
            }
        }
        mask = buckets - 1;
        shift = newShift;
        int n = size;
        size = 0;
        for (Event e = chain; e != null; ) {
            Event next = e.next;
            size++;
            insert(e);
            e = next;
        }
        if (size != n) {
            throw new IllegalStateException("event queue lost events while re-filing: " + size + " of " + n);
        }
        grant(baseAllowance());
    }
}
