package io.github.vsched.workload;

import io.github.vsched.api.Guest;
import io.github.vsched.api.GuestEvent;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

import static io.github.vsched.workload.NetworkPingPongProvider.*;

/**
 * The {@code network-pingpong} model. Each VCPU loops: send a request
 * ({@link IoKind#NET_EXCHANGE} of {@code bytes}) and block; when the response has arrived and
 * the VCPU runs, compute {@code responseCpu}; pause {@code think} (a timer sleep, skipped when
 * 0); repeat. One pause is drawn per exchange.
 *
 * <p>Metrics, over all VCPUs: {@code exchanges} completed; {@code exchangesPerSecond} =
 * exchanges / time since the first VCPU started; the round trip as the application sees it,
 * from the {@code next()} that sent the request to the first {@code next()} after its response
 * arrived (so it includes the guest VCPU's wake-up latency, which is the scheduler's share):
 * {@code rttMeanUs}, {@code rttP50Us}, {@code rttP90Us}, {@code rttP99Us}, {@code rttMaxUs}.
 */
final class NetworkPingPongWorkload implements Workload {
    private final long bytes;
    private final long responseCpu;
    private final BurstDistribution think;
    private final long workingSet;
    private final RandomGenerator[] streams;
    private final DurationHistogram rtt = new DurationHistogram();
    private long startedAt = -1;

    NetworkPingPongWorkload(WorkloadContext context, Parameters p) {
        this.bytes = p.integer(BYTES);
        this.responseCpu = p.duration(RESPONSE_CPU);
        long mean = p.duration(THINK);
        String shape = p.choice(THINK_DISTRIBUTION);
        if (shape.equals("exponential") && mean == 0) {
            throw ParameterRules.invalid(p, THINK, "0", "a positive mean with thinkDistribution=exponential");
        }
        this.think = mean == 0 ? null : BurstDistribution.of(shape, mean, 0);
        this.workingSet = WorkingSet.bytes(p);
        this.streams = Streams.split(context.random(), context.domain().vcpus().size());
    }

    @Override
    public GuestModel vcpu(int index) {
        RandomGenerator random = streams[index];
        return new GuestModel() {
            private static final int SEND = 0;
            private static final int WAITING = 1;
            private static final int RESPONDING = 2;
            private static final int THINKING = 3;
            private int state = SEND;
            private boolean answered;
            private long sentAt;
            private long wakeAt;

            @Override
            public void next(Guest g) {
                long now = g.now();
                if (startedAt < 0) {
                    startedAt = now;
                }
                if (state == WAITING) {
                    if (!answered) {
                        g.block();
                        return;
                    }
                    answered = false;
                    rtt.record(now - sentAt);
                    state = RESPONDING;
                    if (responseCpu > 0) {
                        g.compute(responseCpu);
                        return;
                    }
                }
                if (state == RESPONDING) {
                    if (think != null) {
                        wakeAt = now + think.sample(random);
                        state = THINKING;
                    } else {
                        state = SEND;
                    }
                }
                if (state == THINKING) {
                    if (now < wakeAt) {
                        g.setTimer(wakeAt, 0);
                        g.block();
                        return;
                    }
                    state = SEND;
                }
                sentAt = now;
                state = WAITING;
                g.io(IoKind.NET_EXCHANGE, bytes, 0);
                g.block();
            }

            @Override
            public void onEvent(Guest g, int kind, long tag) {
                if (kind == GuestEvent.IO_COMPLETE) {
                    answered = true;
                }
            }

            @Override
            public long workingSetBytes() {
                return workingSet;
            }
        };
    }

    @Override
    public Map<String, Double> metrics(long endNs) {
        long end = endNs;
        double elapsed = startedAt < 0 ? 0 : (end - startedAt) / 1e9;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("exchanges", (double) rtt.count());
        m.put("exchangesPerSecond", elapsed > 0 ? rtt.count() / elapsed : 0);
        m.put("rttMeanUs", rtt.mean() / 1e3);
        m.put("rttP50Us", rtt.percentile(50) / 1e3);
        m.put("rttP90Us", rtt.percentile(90) / 1e3);
        m.put("rttP99Us", rtt.percentile(99) / 1e3);
        m.put("rttMaxUs", rtt.max() / 1e3);
        return m;
    }
}
