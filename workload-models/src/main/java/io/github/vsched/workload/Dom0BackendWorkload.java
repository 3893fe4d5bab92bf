package io.github.vsched.workload;

import io.github.vsched.api.BackendWork;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.Durations;
import io.github.vsched.api.Guest;
import io.github.vsched.api.GuestEvent;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.github.vsched.workload.Dom0BackendProvider.*;

/**
 * The {@code dom0-backend} model. Every VCPU of the domain runs the same loop (the engine
 * sends backend work only to the driver domain's IRQ VCPU, so the others normally just run
 * background work):
 * <ol>
 *   <li>finish the piece of backend work in hand ({@link Guest#finishBackendWork});</li>
 *   <li>take the next piece ({@link Guest#takeBackendWork}) and compute its CPU cost; pieces
 *       that cost nothing are handed on at once;</li>
 *   <li>with nothing to serve, run background work in slices of at most
 *       {@value #BACKGROUND_SLICE_NS} ns, so that newly announced backend work waits at most one
 *       slice (Linux runs interrupt and backend work ahead of ordinary processes);</li>
 *   <li>otherwise block until the next background release or event-channel notification.</li>
 * </ol>
 * Background work: {@code backgroundLoad * backgroundPeriod} of CPU is added to the VCPU's
 * backlog at every multiple of {@code backgroundPeriod} from its first run (releases missed
 * while it did not run are all added: the demand is kept).
 *
 *
 * <p>Device-model timers: VCPU {@code deviceModelVcpu} also runs qemu-dm's display refresh
 * ({@code displayRefreshCpu} every {@code displayRefreshPeriod}) and audio timer
 * ({@code audioTimerCpu} every {@code audioTimerPeriod}), after the backend work in hand and
 * before background work. Each timer re-arms one period after it has run, as qemu's timers do,
 * so a late run shifts the later ones; runs due at once run one after the other.
 *
 * <p>Metrics, over all VCPUs: {@code requests} and {@code completions} (backend work of each
 * stage served); {@code backendCpuMs}; {@code backendDelayP50Us}, {@code backendDelayP99Us},
 * {@code backendDelayMaxUs}: from the event-channel notification announcing a piece of work to
 * the moment the backend takes it (dom0's scheduling delay on the guests' I/O path);
 * {@code backgroundCpuMs} of completed background slices; {@code deviceModelCpuMs}: the part of
 * the backend CPU spent for HVM guests (qemu-dm) plus the device-model timers, the dom0 work the
 * HVM guests cause; {@code deviceModelTimerLateP99Us}: how late the timers ran.
 */
final class Dom0BackendWorkload implements Workload {
    /** Longest background slice: backend work announced meanwhile waits at most this long. */
    static final long BACKGROUND_SLICE_NS = 100 * Durations.US;

    private final long perPeriod;
    private final long period;
    private final long workingSet;

    private long requests;
    private long completions;
    private long backendCpuNs;
    private long backgroundCpuNs;
    private long hvmBackendCpuNs;
    private long timerCpuNs;
    private final DurationHistogram delay = new DurationHistogram();
    private final DurationHistogram timerLateness = new DurationHistogram();
    private final long[] timerCpu;
    private final long[] timerPeriod;
    private final int deviceModelVcpu;

    Dom0BackendWorkload(WorkloadContext context, Parameters p) {
        double load = p.decimal(BACKGROUND_LOAD);
        this.period = p.duration(BACKGROUND_PERIOD);
        ParameterRules.onlyWith(p, BACKGROUND_PERIOD, load > 0, "backgroundLoad is 0");
        this.perPeriod = Math.round(load * period);
        this.workingSet = WorkingSet.bytes(p);
        ParameterRules.onlyWith(p, DISPLAY_REFRESH_PERIOD, p.duration(DISPLAY_REFRESH_CPU) > 0, "displayRefreshCpu is 0");
        ParameterRules.onlyWith(p, AUDIO_TIMER_PERIOD, p.duration(AUDIO_TIMER_CPU) > 0, "audioTimerCpu is 0");
        this.timerCpu = new long[] {p.duration(DISPLAY_REFRESH_CPU), p.duration(AUDIO_TIMER_CPU)};
        this.timerPeriod = new long[] {p.duration(DISPLAY_REFRESH_PERIOD), p.duration(AUDIO_TIMER_PERIOD)};
        int vcpus = context.domain().vcpus().size();
        this.deviceModelVcpu = (int) p.integer(DEVICE_MODEL_VCPU);
        if (deviceModelVcpu >= vcpus) {
            throw ParameterRules.invalid(p, DEVICE_MODEL_VCPU, Integer.toString(deviceModelVcpu),
                    "a VCPU of the domain, 0 to " + (vcpus - 1));
        }
    }

    @Override
    public GuestModel vcpu(int index) {
        return new BackendVcpu(index == deviceModelVcpu);
    }

    /** One VCPU of the driver domain. */
    final class BackendVcpu implements GuestModel {
        private BackendWork inHand;
        private long slice;
        private boolean started;
        private long nextRelease;
        private long backlog;
        /** Announcement times of work not yet taken, a FIFO ring. */
        private long[] announced = new long[16];
        private int head;
        private int size;
        /** Next run of each device-model timer (display, audio), or MAX_VALUE if it does not run here. */
        private final long[] timerDue = {Long.MAX_VALUE, Long.MAX_VALUE};
        private int timerInHand = -1;

        BackendVcpu(boolean runsDeviceModel) {
            if (runsDeviceModel) {
                for (int t = 0; t < timerDue.length; t++) {
                    if (timerCpu[t] > 0) {
                        timerDue[t] = Long.MIN_VALUE; // armed at the first run
                    }
                }
            }
        }

        @Override
        public void next(Guest g) {
            long now = g.now();
            if (timerInHand >= 0) {
                timerCpuNs += timerCpu[timerInHand];
                timerDue[timerInHand] = now + timerPeriod[timerInHand];
                timerInHand = -1;
            }
            if (inHand != null) {
                backendCpuNs += inHand.cpuNs();
                if (inHand.guest().type() == DomainType.HVM) {
                    hvmBackendCpuNs += inHand.cpuNs();
                }
                BackendWork w = inHand;
                inHand = null;
                g.finishBackendWork(w);
            }
            if (slice > 0) {
                backgroundCpuNs += slice;
                backlog -= slice;
                slice = 0;
            }
            BackendWork w;
            while ((w = g.takeBackendWork()) != null) {
                delay.record(size > 0 ? now - pop() : 0);
                if (w.stage() == BackendWork.REQUEST) {
                    requests++;
                } else {
                    completions++;
                }
                if (w.cpuNs() > 0) {
                    inHand = w;
                    g.compute(w.cpuNs());
                    return;
                }
                g.finishBackendWork(w);
            }
            long nextTimer = Long.MAX_VALUE;
            for (int t = 0; t < timerDue.length; t++) {
                if (timerDue[t] == Long.MIN_VALUE) {
                    timerDue[t] = now + timerPeriod[t];
                } else if (timerDue[t] <= now) {
                    timerLateness.record(now - timerDue[t]);
                    timerInHand = t;
                    g.compute(timerCpu[t]);
                    return;
                }
                nextTimer = Math.min(nextTimer, timerDue[t]);
            }
            if (perPeriod > 0) {
                if (!started) {
                    started = true;
                    nextRelease = now;
                }
                if (now >= nextRelease) {
                    long releases = (now - nextRelease) / period + 1;
                    backlog += releases * perPeriod;
                    nextRelease += releases * period;
                }
                if (backlog > 0) {
                    slice = Math.min(backlog, BACKGROUND_SLICE_NS);
                    g.compute(slice);
                    return;
                }
                nextTimer = Math.min(nextTimer, nextRelease);
            }
            if (nextTimer != Long.MAX_VALUE) {
                g.setTimer(nextTimer, 0);
            }
            g.block();
        }

        @Override
        public void onEvent(Guest g, int kind, long tag) {
            if (kind == GuestEvent.EVENT_CHANNEL) {
                push(g.now());
            }
        }

        private void push(long t) {
            if (size == announced.length) {
                long[] bigger = new long[size * 2];
                for (int i = 0; i < size; i++) {
                    bigger[i] = announced[(head + i) % size];
                }
                announced = bigger;
                head = 0;
            }
            announced[(head + size) % announced.length] = t;
            size++;
        }

        private long pop() {
            long t = announced[head];
            head = (head + 1) % announced.length;
            size--;
            return t;
        }

        @Override
        public long workingSetBytes() {
            return workingSet;
        }
    }

    @Override
    public Map<String, Double> metrics(long endNs) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("requests", (double) requests);
        m.put("completions", (double) completions);
        m.put("backendCpuMs", backendCpuNs / 1e6);
        m.put("backendDelayP50Us", delay.percentile(50) / 1e3);
        m.put("backendDelayP99Us", delay.percentile(99) / 1e3);
        m.put("backendDelayMaxUs", delay.max() / 1e3);
        m.put("backgroundCpuMs", backgroundCpuNs / 1e6);
        m.put("deviceModelCpuMs", (hvmBackendCpuNs + timerCpuNs) / 1e6);
        m.put("deviceModelTimerLateP99Us", timerLateness.percentile(99) / 1e3);
        return m;
    }
}
