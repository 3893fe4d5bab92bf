package io.github.vsched.cli.exec;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress bar on standard error, redrawn a few times a second: share of simulated
 * time done over all runs, runs finished, and an estimate of the time left. Only shown when
 * standard error is a terminal; otherwise every method does nothing.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final String what;
    private final long total;
    private final int jobs;
    private final AtomicLong done = new AtomicLong();
    private final AtomicInteger jobsDone = new AtomicInteger();
    private final long startNs = System.nanoTime();
    private final ScheduledExecutorService timer;
    private int lastLength;
    private boolean closed;

    private ProgressBar(PrintStream err, String what, long total, int jobs, boolean enabled) {
        this.err = err;
        this.what = what;
        this.total = Math.max(1, total);
        this.jobs = jobs;
        if (enabled) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "vsched-progress");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::draw, 200, 250, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /**
     * A bar for {@code jobs} runs totalling {@code totalUnits} (simulated nanoseconds).
     *
     * @param enabled whether to draw at all (standard error is a terminal and not turned off)
     */
    public static ProgressBar create(boolean enabled, PrintStream err, String what, long totalUnits, int jobs) {
        return new ProgressBar(err, what, totalUnits, jobs, enabled);
    }

    /** Whether standard error is a terminal: {@code -Dvsched.stderrTty} (set by the launcher), else a console is attached. */
    public static boolean stderrIsTerminal() {
        String p = System.getProperty("vsched.stderrTty");
        if (p != null) {
            return Boolean.parseBoolean(p);
        }
        return System.console() != null;
    }

    /** {@code units} more done. */
    public void advance(long units) {
        done.addAndGet(units);
    }

    /** One more run finished. */
    public void jobDone() {
        jobsDone.incrementAndGet();
    }

    private synchronized void draw() {
        if (closed) {
            return;
        }
        double f = Math.min(1, (double) done.get() / total);
        int filled = (int) (f * WIDTH);
        StringBuilder sb = new StringBuilder("\r").append(what).append(" [");
        for (int i = 0; i < WIDTH; i++) {
            sb.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        sb.append("] ").append(String.format("%3d%%", (int) (f * 100)));
        sb.append("  ").append(jobsDone.get()).append('/').append(jobs).append(jobs == 1 ? " run" : " runs");
        double elapsed = (System.nanoTime() - startNs) / 1e9;
        if (f > 0.02 && f < 1) {
            long left = Math.round(elapsed * (1 - f) / f);
            sb.append(String.format("  %d:%02d left", left / 60, left % 60));
        }
        int len = sb.length();
        while (sb.length() < lastLength) {
            sb.append(' ');
        }
        lastLength = len;
        err.print(sb);
        err.flush();
    }

    /** Clears the line. */
    @Override
    public synchronized void close() {
        if (timer == null || closed) {
            return;
        }
        closed = true;
        timer.shutdownNow();
        if (lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
        }
    }
}
