package io.github.vsched.benchmarks.floor;

/**
 * The floor for the engine's event queue: a textbook calendar queue (R. Brown, CACM 31(10),
 * 1988) stripped to what the hold model needs. Entries hold only a time (no sequence number, no
 * back link, no cancellation); each bucket is a singly linked list sorted by time, equal times
 * in FIFO order; the bucket count and the power-of-two width are fixed once by {@link #tune}
 * (one bucket per pending entry, three times the mean separation of the earliest 25), with no
 * resizing and no bookkeeping of its own. Whatever the engine's queue does beyond this (ties
 * broken by sequence numbers, cancellation, resizing and re-estimating its width as the load
 * changes) is what a benchmark against it measures.
 */
public final class CalendarQueueFloor {
    /** An entry: a time and the bucket link. */
    public static final class Entry {
        long time;
        Entry next;

        /** Its time. */
        public long time() {
            return time;
        }
    }

    private Entry[] buckets;
    private int mask;
    private int shift;
    private long cur;
    private int size;

    /** An empty queue with {@code buckets} (a power of two) buckets of width {@code 1 << shift}. */
    public CalendarQueueFloor(int buckets, int shift) {
        if (Integer.bitCount(buckets) != 1) {
            throw new IllegalArgumentException("buckets: a power of two, not " + buckets);
        }
        this.buckets = new Entry[buckets];
        this.mask = buckets - 1;
        this.shift = shift;
    }

    /** Number of entries. */
    public int size() {
        return size;
    }

    /** Adds {@code e} at {@code time}, after the entries of the same time. */
    public void add(Entry e, long time) {
        e.time = time;
        long vb = time >> shift;
        int b = (int) vb & mask;
        Entry p = buckets[b];
        if (p == null || time < p.time) {
            e.next = p;
            buckets[b] = e;
        } else {
            Entry n;
            while ((n = p.next) != null && n.time <= time) {
                p = n;
            }
            e.next = n;
            p.next = e;
        }
        if (vb < cur) {
            cur = vb;
        }
        size++;
    }

    /** Removes and returns the earliest entry, or null. */
    public Entry poll() {
        if (size == 0) {
            return null;
        }
        Entry[] bs = buckets;
        int m = mask;
        int sh = shift;
        long vb = cur;
        for (int i = 0; i <= m; i++, vb++) {
            int b = (int) vb & m;
            Entry e = bs[b];
            if (e != null && e.time >> sh == vb) {
                bs[b] = e.next;
                cur = vb;
                size--;
                return e;
            }
        }
        Entry best = null;
        int bestBucket = -1;
        for (int b = 0; b <= m; b++) {
            Entry e = bs[b];
            if (e != null && (best == null || e.time < best.time)) {
                best = e;
                bestBucket = b;
            }
        }
        bs[bestBucket] = best.next;
        cur = best.time >> sh;
        size--;
        return best;
    }

    /** The width of a bucket, ns. */
    public long width() {
        return 1L << shift;
    }

    /** Number of buckets. */
    public int buckets() {
        return mask + 1;
    }

    /**
     * Re-files every entry into a power of two of buckets at least the number of entries, with
     * Brown's width from the earliest 25 entries; called before measuring.
     */
    public void tune() {
        Entry[] all = new Entry[size];
        int n = 0;
        for (int b = 0; b <= mask; b++) {
            for (Entry e = buckets[b]; e != null; e = e.next) {
                all[n++] = e;
            }
        }
        refile(all);
    }

    /** A queue of new entries at {@code times}, tuned as {@link #tune} does. */
    public static CalendarQueueFloor of(long[] times) {
        Entry[] all = new Entry[times.length];
        for (int i = 0; i < times.length; i++) {
            all[i] = new Entry();
            all[i].time = times[i];
        }
        CalendarQueueFloor q = new CalendarQueueFloor(1, 0);
        q.refile(all);
        return q;
    }

    private void refile(Entry[] all) {
        int n = all.length;
        java.util.Arrays.sort(all, java.util.Comparator.comparingLong(Entry::time));
        int k = Math.min(n, 25);
        int newShift = shift;
        if (k >= 2 && all[k - 1].time > all[0].time) {
            double mean = (double) (all[k - 1].time - all[0].time) / (k - 1);
            double sum = 0;
            int kept = 0;
            for (int i = 1; i < k; i++) {
                long gap = all[i].time - all[i - 1].time;
                if (gap <= 2 * mean) {
                    sum += gap;
                    kept++;
                }
            }
            long w = Math.max(1, (long) (3 * (kept == 0 ? mean : sum / kept)));
            newShift = 63 - Long.numberOfLeadingZeros(w);
        }
        int b = Integer.highestOneBit(Math.max(1, n - 1)) << 1;
        buckets = new Entry[b];
        mask = b - 1;
        shift = newShift;
        size = 0;
        cur = n == 0 ? 0 : all[0].time >> shift;
        // latest first, so that each goes to the head of its bucket
        for (int i = n - 1; i >= 0; i--) {
            Entry e = all[i];
            int bucket = (int) (e.time >> shift) & mask;
            e.next = buckets[bucket];
            buckets[bucket] = e;
            size++;
        }
    }
}
