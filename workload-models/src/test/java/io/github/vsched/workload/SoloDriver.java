package io.github.vsched.workload;

import io.github.vsched.api.BackendWork;
import io.github.vsched.api.Guest;
import io.github.vsched.api.GuestEvent;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.Hypercall;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.QualityEvent;
import io.github.vsched.api.VcpuView;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Drives one {@link GuestModel} by hand, without the engine: the VCPU has a PCPU to itself
 * except during "blackouts" (intervals in which it is not run, as if preempted), its timer is
 * exact, and each I/O completes a fixed latency after it is issued. Records every action, so
 * tests can check a model's demands exactly and draw samples for statistical tests.
 */
final class SoloDriver implements Guest {
    private final GuestModel model;
    private long now;
    private long timerAt = Long.MAX_VALUE;
    private long timerTag;
    private long periodicAt = Long.MAX_VALUE;
    private long periodicPeriod;
    private long periodicTag;
    private boolean eventPending;
    private final List<long[]> io = new ArrayList<>(); // {completion time, tag}
    private final List<long[]> blackouts = new ArrayList<>();
    private long ioLatency = 1_000_000;
    private long hypercallResult = Hypercall.ENOSYS;
    private final RandomGenerator random = new SplittableRandom(7);

    private int action;
    private long computeNs;
    private boolean halted;

    /** Every compute action: {start, ns}. */
    final List<long[]> computes = new ArrayList<>();
    /** Every I/O issued: {time, kind ordinal, bytes, tag}. */
    final List<long[]> ios = new ArrayList<>();
    /** Times at which the model blocked. */
    final List<Long> blocks = new ArrayList<>();
    /** Every hypercall: {op, arg0, arg1}. */
    final List<long[]> hypercalls = new ArrayList<>();
    /** {time, VCPU, tag} of every notification sent. */
    final List<long[]> notifications = new ArrayList<>();
    /** Number of yields. */
    int yields;
    /** Every quality report, in order. */
    final List<Report> reports = new ArrayList<>();

    /** A quality report: when, what, its measure. */
    record Report(long time, QualityEvent event, long value) {
    }

    SoloDriver(GuestModel model) {
        this.model = model;
    }

    /** I/O requests complete this long after they are issued (default 1 ms). */
    SoloDriver ioLatency(long ns) {
        this.ioLatency = ns;
        return this;
    }

    /** What the scheduler answers to hypercalls (default ENOSYS). */
    SoloDriver hypercallResult(long r) {
        this.hypercallResult = r;
        return this;
    }

    /** The VCPU is not run in [from, to): work in progress is delayed, wake-ups run at {@code to}. */
    SoloDriver blackout(long from, long to) {
        blackouts.add(new long[]{from, to});
        return this;
    }

    /** Runs the model until simulated time {@code until} (or until it halts or blocks for good). */
    SoloDriver runUntil(long until) {
        while (now < until && !halted) {
            long runAt = runnableAt(now);
            if (runAt >= until) {
                break;
            }
            if (runAt > now) {
                deliverUpTo(runAt); // events that arrived while the VCPU waited to run
                now = runAt;
            }
            action = 0;
            eventPending = false;
            model.next(this);
            switch (action) {
                case 1 -> { // compute, stretched by blackouts
                    computes.add(new long[]{now, computeNs});
                    long left = computeNs;
                    long t = now;
                    while (left > 0) {
                        long[] b = nextBlackout(t);
                        if (b == null || b[0] >= t + left) {
                            t += left;
                            left = 0;
                        } else {
                            left -= b[0] - t;
                            t = b[1];
                        }
                    }
                    deliverUpTo(t);
                    now = t;
                }
                case 2 -> { // block
                    if (eventPending) {
                        continue;
                    }
                    blocks.add(now);
                    long wake = Math.min(timerAt, nextIo());
                    if (wake == Long.MAX_VALUE) {
                        return this; // blocked for good
                    }
                    deliverUpTo(wake);
                    now = Math.max(now, wake);
                }
                case 3 -> yields++;
                case 4 -> halted = true;
                default -> throw new AssertionError("next() chose no action at t=" + now);
            }
        }
        return this;
    }

    private long runnableAt(long t) {
        for (long[] b : blackouts) {
            if (t >= b[0] && t < b[1]) {
                return b[1];
            }
        }
        return t;
    }

    private long[] nextBlackout(long t) {
        long[] best = null;
        for (long[] b : blackouts) {
            if (b[1] > t && (best == null || b[0] < best[0])) {
                best = b;
            }
        }
        if (best != null && best[0] < t) {
            return new long[]{t, best[1]};
        }
        return best;
    }

    private long nextIo() {
        long t = Long.MAX_VALUE;
        for (long[] r : io) {
            t = Math.min(t, r[0]);
        }
        return t;
    }

    /** Delivers timer and I/O events due by {@code t}, in time order. */
    private void deliverUpTo(long t) {
        while (true) {
            long nio = nextIo();
            long next = Math.min(Math.min(timerAt, nio), periodicAt);
            if (next > t) {
                return;
            }
            long saved = now;
            now = next;
            if (periodicAt == next) {
                periodicAt += periodicPeriod; // every tick on its time, even in a blackout (mode 1's count)
                eventPending = true;
                model.onEvent(this, GuestEvent.PERIODIC_TIMER, periodicTag);
            } else if (timerAt == next) {
                timerAt = Long.MAX_VALUE;
                eventPending = true;
                model.onEvent(this, GuestEvent.TIMER, timerTag);
            } else {
                for (int i = 0; i < io.size(); i++) {
                    if (io.get(i)[0] == next) {
                        long tag = io.remove(i)[1];
                        eventPending = true;
                        model.onEvent(this, GuestEvent.IO_COMPLETE, tag);
                        break;
                    }
                }
            }
            now = Math.max(saved, now);
        }
    }

    /** Lets simulated time pass to {@code t} without running the VCPU (the end of a run it is starved in). */
    SoloDriver advanceTo(long t) {
        now = Math.max(now, t);
        return this;
    }

    /** The compute durations, in order. */
    long[] computeDurations() {
        long[] d = new long[computes.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = computes.get(i)[1];
        }
        return d;
    }

    /** Total CPU computed. */
    long cpuNs() {
        long s = 0;
        for (long[] c : computes) {
            s += c[1];
        }
        return s;
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public VcpuView vcpu() {
        return null;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    private void choose(int a) {
        if (action != 0) {
            throw new AssertionError("second action in one next() at t=" + now);
        }
        action = a;
    }

    @Override
    public void compute(long ns) {
        if (ns <= 0) {
            throw new AssertionError("compute(" + ns + ") at t=" + now);
        }
        choose(1);
        computeNs = ns;
    }

    @Override
    public void block() {
        choose(2);
    }

    @Override
    public void yield() {
        choose(3);
    }

    @Override
    public void halt() {
        choose(4);
    }

    @Override
    public void setTimer(long when, long tag) {
        timerAt = Math.max(when, now);
        timerTag = tag;
    }

    @Override
    public void cancelTimer() {
        timerAt = Long.MAX_VALUE;
    }

    /** A periodic timer whose ticks come exactly every {@code periodNs}, the first one period from now. */
    @Override
    public void startPeriodicTimer(long periodNs, long tag) {
        periodicPeriod = periodNs;
        periodicTag = tag;
        periodicAt = now + periodNs;
    }

    @Override
    public void stopPeriodicTimer() {
        periodicAt = Long.MAX_VALUE;
    }

    @Override
    public boolean eventPending() {
        return eventPending;
    }

    @Override
    public void io(IoKind kind, long bytes, long tag) {
        ios.add(new long[]{now, kind.ordinal(), bytes, tag});
        io.add(new long[]{now + ioLatency, tag});
    }

    @Override
    public void notifyVcpu(int vcpu, long tag) {
        notifications.add(new long[]{now, vcpu, tag});
    }

    @Override
    public BackendWork takeBackendWork() {
        return null;
    }

    @Override
    public void finishBackendWork(BackendWork work) {
        throw new AssertionError("not a driver domain");
    }

    @Override
    public long hypercall(int op, long arg0, long arg1) {
        hypercalls.add(new long[]{op, arg0, arg1});
        return hypercallResult;
    }

    @Override
    public void report(QualityEvent event, long value) {
        reports.add(new Report(now, event, value));
    }

    /** The reports of the given kind, in order. */
    List<Report> reports(QualityEvent event) {
        return reports.stream().filter(r -> r.event() == event).toList();
    }
}
