package io.github.vsched.core.guest;

import io.github.vsched.api.BackendWork;
import io.github.vsched.api.Guest;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/** Factories of simple guest models. Each returned model is for one VCPU. */
public final class Guests {
    private Guests() {
    }

    /** CPU work per compute action of a hog: long, so hogs cost few events. */
    static final long HOG_CHUNK = 1_000_000_000L;

    /** A workload whose VCPU {@code i} runs {@code perVcpu.apply(i)}. */
    public static Function<WorkloadContext, Workload> workload(IntFunction<GuestModel> perVcpu) {
        return ctx -> perVcpu::apply;
    }

    /** Always runnable: computes forever. */
    public static GuestModel hog() {
        return g -> g.compute(HOG_CHUNK);
    }

    /**
     * Computes {@code burst} every {@code period}: sleeps on its timer until each release, the
     * first at {@code phase}, the next ones {@code period} apart. A burst that overruns delays the
     * following releases' processing but not their times; a wake-up before a release (an event)
     * sleeps again.
     */
    public static GuestModel periodic(long period, long burst, long phase) {
        return new GuestModel() {
            /** The next release not yet served. */
            long release = phase;

            @Override
            public void next(Guest g) {
                if (release <= g.now()) {
                    release += period;
                    g.compute(burst);
                    return;
                }
                g.setTimer(release, 0);
                g.block();
            }
        };
    }

    /** Computes {@code run}, sleeps {@code sleep}, forever. */
    public static GuestModel sleeper(long run, long sleep) {
        return new GuestModel() {
            boolean ran;

            @Override
            public void next(Guest g) {
                if (!ran) {
                    ran = true;
                    g.compute(run);
                } else {
                    ran = false;
                    g.setTimer(g.now() + sleep, 0);
                    g.block();
                }
            }
        };
    }

    /**
     * An I/O-like waker: exponentially distributed CPU bursts (mean {@code meanRun}) between
     * exponentially distributed waits (mean {@code meanWait}), from the workload's random stream.
     */
    public static GuestModel ioWaker(long meanRun, long meanWait) {
        return new GuestModel() {
            boolean ran;

            @Override
            public void next(Guest g) {
                if (!ran) {
                    ran = true;
                    g.compute(Math.max(1, (long) (meanRun * g.random().nextExponential())));
                } else {
                    ran = false;
                    g.setTimer(g.now() + Math.max(1, (long) (meanWait * g.random().nextExponential())), 0);
                    g.block();
                }
            }
        };
    }

    /** Computes {@code ns} of CPU, then yields, forever. */
    public static GuestModel yielder(long ns) {
        return new GuestModel() {
            boolean ran;

            @Override
            public void next(Guest g) {
                ran = !ran;
                if (ran) {
                    g.compute(ns);
                } else {
                    g.yield();
                }
            }
        };
    }

    /**
     * A driver domain's backend (dom0's blkback/netback or device model): takes each piece of
     * backend work, spends its CPU time, hands it on; blocks when there is none.
     */
    public static GuestModel backend() {
        return new GuestModel() {
            BackendWork inHand;

            @Override
            public void next(Guest g) {
                if (inHand != null) {
                    g.finishBackendWork(inHand);
                    inHand = null;
                }
                BackendWork w;
                while ((w = g.takeBackendWork()) != null) {
                    if (w.cpuNs() > 0) {
                        inHand = w;
                        g.compute(w.cpuNs());
                        return;
                    }
                    g.finishBackendWork(w);
                }
                g.block();
            }
        };
    }

    /**
     * Issues an I/O request of {@code kind} and {@code bytes}, blocks until it completes,
     * computes {@code think}, and repeats.
     */
    public static GuestModel ioLoop(IoKind kind, long bytes, long think) {
        return new GuestModel() {
            boolean waiting;

            @Override
            public void next(Guest g) {
                if (!waiting) {
                    waiting = true;
                    g.io(kind, bytes, 0);
                    g.block();
                } else {
                    waiting = false;
                    g.compute(think);
                }
            }

            @Override
            public void onEvent(Guest g, int kind, long tag) {
                // the completion is what the block waits for
            }
        };
    }

    /** One step of a {@link #script}. */
    public sealed interface Step {
    }

    /** Compute {@code ns} of CPU time. */
    public record Compute(long ns) implements Step {
    }

    /** Block until absolute time {@code at} (its guest timer). */
    public record SleepUntil(long at) implements Step {
    }

    /** Block for {@code ns} from now. */
    public record SleepFor(long ns) implements Step {
    }

    /** Yield the PCPU. */
    public record Yield() implements Step {
    }

    /** Go offline. */
    public record Halt() implements Step {
    }

    /** Compute step. */
    public static Step compute(long ns) {
        return new Compute(ns);
    }

    /** Sleep-until step. */
    public static Step sleepUntil(long at) {
        return new SleepUntil(at);
    }

    /** Sleep-for step. */
    public static Step sleepFor(long ns) {
        return new SleepFor(ns);
    }

    /** Yield step. */
    public static Step yieldCpu() {
        return new Yield();
    }

    /** Halt step. */
    public static Step halt() {
        return new Halt();
    }

    /** Runs {@code steps} once, in order, then halts. */
    public static GuestModel script(Step... steps) {
        List<Step> list = List.of(steps);
        return new GuestModel() {
            int i;

            @Override
            public void next(Guest g) {
                if (i >= list.size()) {
                    g.halt();
                    return;
                }
                Step s = list.get(i++);
                if (s instanceof Compute c) {
                    g.compute(c.ns());
                } else if (s instanceof SleepUntil u) {
                    g.setTimer(u.at(), i);
                    g.block();
                } else if (s instanceof SleepFor f) {
                    g.setTimer(g.now() + f.ns(), i);
                    g.block();
                } else if (s instanceof Yield) {
                    g.yield();
                } else {
                    g.halt();
                }
            }
        };
    }
}
