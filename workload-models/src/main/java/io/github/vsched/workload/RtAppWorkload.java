package io.github.vsched.workload;

import io.github.vsched.api.Guest;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code rt-app} model: every thread instance of an rt-app file runs on its own VCPU of the
 * domain, in file order, doing what rt-app's {@code thread_body} does with the modelled events.
 * A thread waits its {@code delay}; its time reference (rt-app's {@code t_first}) is its VCPU's
 * first run plus the delay, as scheduled, not when it ran after it. It then runs its phases in order, each {@code loop} times, and the whole list
 * {@code loop} times (forever by default); then its VCPU goes offline. With
 * {@code global.duration}, every VCPU stops that long after its first run (a run is cut short).
 *
 * <p>Events: {@code run} and {@code runtime} compute that long (the model has no frequency
 * scaling, so both are time); {@code sleep} blocks for that long from when it starts; {@code yield}
 * yields. {@code timer} is rt-app's: the timer's next release is its previous one (the time
 * reference for its first use) plus the period. If that is still ahead, the VCPU blocks until
 * then and, when it runs again, the delay past the release is the timer's lateness (rt-app's
 * {@code wu_lat}). If it has passed, the period is missed: no wait, and in relative mode (the
 * default) the next release counts from now, in absolute mode from the missed release (so a
 * late thread catches up without waiting).
 *
 * <p>Metrics, per thread instance ({@code NAME} or, with several instances, {@code NAME-i}):
 * {@code activations} (timer releases waited for and reached), {@code missedPeriods},
 * {@code latenessP50Us}, {@code latenessP99Us}, {@code latenessMaxUs}, {@code loops} (completed
 * passes over the phases); for SCHED_DEADLINE threads or threads with {@code dl-runtime}, the
 * hints {@code dlRuntimeUs}, {@code dlPeriodUs}, {@code dlDeadlineUs}.
 */
final class RtAppWorkload implements Workload {
    private final RtAppFile file;
    private final List<ThreadVcpu> vcpus;
    private final long workingSet;

    private RtAppWorkload(RtAppFile file, long workingSet) {
        this.file = file;
        this.workingSet = workingSet;
        this.vcpus = new ArrayList<>();
        for (RtAppFile.Task t : file.tasks) {
            for (int i = 0; i < t.instance(); i++) {
                vcpus.add(new ThreadVcpu(t, t.instance() == 1 ? t.name() : t.name() + "-" + i));
            }
        }
    }

    /** Reads the file and checks it against the domain. */
    static RtAppWorkload create(WorkloadContext context, Parameters p) {
        String path = p.file(RtAppProvider.FILE);
        if (path == null) {
            throw new InvalidParameterException(p.owner() + "." + RtAppProvider.FILE, "missing; give the rt-app"
                    + " JSON file, relative to the scenario file's folder, e.g. file: rt-app/periodic.json");
        }
        RtAppFile file;
        try {
            file = RtAppFile.read(Path.of(path));
        } catch (RtAppFile.FormatException e) {
            throw new InvalidParameterException(p.owner() + "." + RtAppProvider.FILE, e.getMessage());
        }
        RtAppWorkload w = new RtAppWorkload(file, WorkingSet.bytes(p));
        int vcpus = context.domain().vcpus().size();
        if (w.vcpus.size() != vcpus) {
            StringBuilder names = new StringBuilder();
            for (ThreadVcpu v : w.vcpus) {
                names.append(names.length() == 0 ? "" : ", ").append(v.name);
            }
            throw new InvalidParameterException(p.owner() + "." + RtAppProvider.FILE, path + ": describes "
                    + w.vcpus.size() + " thread instance" + (w.vcpus.size() == 1 ? "" : "s") + " (" + names
                    + ") for a domain of " + vcpus + " VCPU" + (vcpus == 1 ? "" : "s") + "; each instance runs on"
                    + " its own VCPU: give the domain vcpus: " + w.vcpus.size());
        }
        return w;
    }

    @Override
    public GuestModel vcpu(int index) {
        return vcpus.get(index);
    }

    /** One thread instance on its VCPU. */
    final class ThreadVcpu implements GuestModel {
        final RtAppFile.Task task;
        final String name;
        private final long[] timerNext;
        private final boolean[] timerInit;
        private final DurationHistogram lateness = new DurationHistogram();
        private boolean started;
        private boolean delayed;
        private long tFirst;
        private long endAt = Long.MAX_VALUE;
        private int phase;
        private long phaseLoop;
        private int event;
        private long loops;
        private boolean inEvent;
        private long wakeAt;
        private long missed;
        private long activations;

        ThreadVcpu(RtAppFile.Task task, String name) {
            this.task = task;
            this.name = name;
            this.timerNext = new long[task.timers()];
            this.timerInit = new boolean[task.timers()];
        }

        @Override
        public void next(Guest g) {
            long now = g.now();
            if (!started) {
                start(now);
            }
            if (delayed && waitForDelay(g, now)) {
                return;
            }
            while (true) {
                if (now >= endAt || (task.loop() > 0 && loops >= task.loop())) {
                    g.halt();
                    return;
                }
                RtAppFile.Phase ph = task.phases().get(phase);
                if (!runEvent(g, ph, now)) {
                    return;
                }
                nextEvent(ph);
            }
        }

        /** The VCPU's first run: the end of the run time, and the thread's time reference. */
        private void start(long now) {
            started = true;
            if (file.durationNs > 0) {
                endAt = now + file.durationNs;
            }
            // rt-app's t_first: the common start plus the delay, as scheduled (not when the thread ran)
            tFirst = now + task.delayNs();
            if (task.delayNs() > 0) {
                wakeAt = tFirst;
                delayed = true;
            }
        }

        /** Blocks until the thread's delay is over; false (and no longer delayed) once it is. */
        private boolean waitForDelay(Guest g, long now) {
            if (now < wakeAt && now < endAt) {
                blockUntil(g, wakeAt);
                return true;
            }
            delayed = false;
            return false;
        }

        /**
         * Starts or goes on with the current event of phase {@code ph}: true when the event is
         * over, false when the VCPU was given something to do (compute, block or yield).
         */
        private boolean runEvent(Guest g, RtAppFile.Phase ph, long now) {
            switch (ph.kind()[event]) {
                case RtAppFile.RUN -> {
                    if (!inEvent) {
                        inEvent = true;
                        g.compute(Math.min(ph.ns()[event], endAt - now));
                        return false;
                    }
                    return true;
                }
                case RtAppFile.SLEEP -> {
                    if (!inEvent) {
                        inEvent = true;
                        wakeAt = now + ph.ns()[event];
                    }
                    if (now < wakeAt) {
                        blockUntil(g, wakeAt);
                        return false;
                    }
                    return true;
                }
                case RtAppFile.TIMER -> {
                    return runTimer(g, ph, now);
                }
                default -> {
                    if (!inEvent) {
                        inEvent = true;
                        g.yield();
                        return false;
                    }
                    return true;
                }
            }
        }

        /**
         * A timer event: the timer's next release is its previous one plus the period. Blocks
         * until it if it is ahead (false); true when it was reached (its lateness recorded) or
         * had already passed (a missed period, no wait).
         */
        private boolean runTimer(Guest g, RtAppFile.Phase ph, long now) {
            int t = ph.timer()[event];
            if (!inEvent) {
                if (!timerInit[t]) {
                    timerInit[t] = true;
                    timerNext[t] = tFirst;
                }
                timerNext[t] += ph.ns()[event];
                if (now >= timerNext[t]) {
                    missed++;
                    if (!task.timerAbsolute()[t]) {
                        timerNext[t] = now;
                    }
                    return true;
                }
                inEvent = true;
            }
            if (now < timerNext[t]) {
                blockUntil(g, timerNext[t]);
                return false;
            }
            activations++;
            lateness.record(now - timerNext[t]);
            return true;
        }

        /** The event is over: on to the next event, phase loop, phase or pass over the phases. */
        private void nextEvent(RtAppFile.Phase ph) {
            inEvent = false;
            if (++event == ph.kind().length) {
                event = 0;
                if (++phaseLoop == ph.loop()) {
                    phaseLoop = 0;
                    if (++phase == task.phases().size()) {
                        phase = 0;
                        loops++;
                    }
                }
            }
        }

        /** Blocks until {@code at}, or the end of the run time if that is sooner. */
        private void blockUntil(Guest g, long at) {
            g.setTimer(Math.min(at, endAt), 0);
            g.block();
        }

        @Override
        public void onEvent(Guest g, int kind, long tag) {
            // only timers wake this VCPU; next() reads the time
        }

        @Override
        public long workingSetBytes() {
            return workingSet;
        }
    }

    @Override
    public Map<String, Double> metrics(long endNs) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (ThreadVcpu v : vcpus) {
            String p = v.name + ".";
            m.put(p + "activations", (double) v.activations);
            m.put(p + "missedPeriods", (double) v.missed);
            m.put(p + "latenessP50Us", v.lateness.percentile(50) / 1e3);
            m.put(p + "latenessP99Us", v.lateness.percentile(99) / 1e3);
            m.put(p + "latenessMaxUs", v.lateness.max() / 1e3);
            m.put(p + "loops", (double) v.loops);
            if (v.task.deadline()) {
                m.put(p + "dlRuntimeUs", (double) v.task.dlRuntimeUs());
                m.put(p + "dlPeriodUs", (double) v.task.dlPeriodUs());
                m.put(p + "dlDeadlineUs", (double) v.task.dlDeadlineUs());
            }
        }
        return m;
    }
}
