package io.github.vsched.workload;

import io.github.vsched.api.Durations;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.Guest;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

import static io.github.vsched.workload.IdleProvider.*;

/**
 * The {@code idle} model. Every VCPU keeps its own timer.
 * <ul>
 *   <li>linux: the gaps between wake-ups are exponential with mean
 *       {@code 1 / wakeupsPerSecond}, counted from the previous wake-up's due time (no drift
 *       from being run late); at rate 0 the VCPU never wakes.</li>
 *   <li>windows: ticks are due at {@code k / tickHz} from the VCPU's first run; a VCPU run
 *       late handles one tick and skips those it missed (coalesced).</li>
 * </ul>
 * At each wake-up the VCPU computes {@code tickCpu} and blocks again. Metric:
 * {@code wakeups}, those handled over all VCPUs.
 */
final class IdleWorkload implements Workload {
    private final boolean windows;
    private final long tickNs;
    private final double meanGapNs;
    private final long tickCpu;
    private final long workingSet;
    private final RandomGenerator[] streams;
    private long wakeups;

    IdleWorkload(WorkloadContext context, Parameters p) {
        String os = p.choice(OS);
        this.windows = os.equals("windows") || os.equals("auto") && context.domain().type() == DomainType.HVM;
        ParameterRules.onlyWith(p, TICK_HZ, windows, "the guest is linux (dynamic ticks: set wakeupsPerSecond)");
        ParameterRules.onlyWith(p, WAKEUPS_PER_SECOND, !windows, "the guest is windows (periodic tick: set tickHz)");
        this.tickNs = Math.max(1, Math.round(Durations.S / p.decimal(TICK_HZ)));
        double rate = p.decimal(WAKEUPS_PER_SECOND);
        this.meanGapNs = rate > 0 ? Durations.S / rate : Double.POSITIVE_INFINITY;
        this.tickCpu = p.duration(TICK_CPU);
        this.workingSet = WorkingSet.bytes(p);
        this.streams = Streams.split(context.random(), context.domain().vcpus().size());
    }

    @Override
    public GuestModel vcpu(int index) {
        RandomGenerator random = streams[index];
        return new GuestModel() {
            private boolean started;
            private long due;
            private boolean handling;

            @Override
            public void next(Guest g) {
                if (!windows && meanGapNs == Double.POSITIVE_INFINITY) {
                    g.block(); // no kernel timer is ever pending: the VCPU never wakes
                    return;
                }
                long now = g.now();
                if (!started) {
                    started = true;
                    due = windows ? now + tickNs : now + gap();
                } else if (!handling && now >= due) {
                    wakeups++;
                    if (windows) {
                        due += ((now - due) / tickNs + 1) * tickNs;
                    } else {
                        do {
                            due += gap(); // one draw per due wake-up, so wake-up i is the same under any scheduler
                        } while (due <= now);
                    }
                    if (tickCpu > 0) {
                        handling = true;
                        g.compute(tickCpu);
                        return;
                    }
                }
                handling = false;
                g.setTimer(due, 0);
                g.block();
            }

            private long gap() {
                return Math.max(1, Math.round(meanGapNs * random.nextExponential()));
            }

            @Override
            public long workingSetBytes() {
                return workingSet;
            }
        };
    }

    @Override
    public Map<String, Double> metrics(long endNs) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("wakeups", (double) wakeups);
        return m;
    }
}
