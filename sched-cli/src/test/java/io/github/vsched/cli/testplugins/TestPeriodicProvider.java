package io.github.vsched.cli.testplugins;

import io.github.vsched.api.Capability;
import io.github.vsched.api.Guest;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.QualityEvent;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;
import io.github.vsched.api.WorkloadProvider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code test-periodic}: each VCPU wakes every {@code period}, computes a burst drawn
 * uniformly from [burst/2, 3 burst/2] (so seeds differ; exactly {@code burst} with
 * {@code fixedBurst}), and blocks until the next period. The burst of the first release at or
 * after {@code stallAt} lasts {@code stall} instead (none when {@code stall} is 0). Each burst is
 * a frame, told as it ends ({@code Guest.report}): on time when it ends by the next release, else
 * late by how much it overran, and every release passed meanwhile is a dropped frame (its work
 * is skipped). Metrics: {@code bursts}, and {@code late} (bursts that ended after the next period
 * began).
 */
public final class TestPeriodicProvider implements WorkloadProvider {
    @Override
    public String id() {
        return "test-periodic";
    }

    @Override
    public String description() {
        return "test workload: a random burst every period";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.duration("period", 2_000_000, 10_000, 1_000_000_000, "time between wake-ups"),
                ParameterSpec.duration("burst", 100_000, 1_000, 100_000_000, "mean CPU per wake-up"),
                ParameterSpec.flag("fixedBurst", false, "every burst lasts exactly burst"),
                ParameterSpec.duration("stallAt", 0, 0, 3_600_000_000_000L, "when the long burst comes"),
                ParameterSpec.duration("stall", 0, 0, 1_000_000_000, "the long burst's CPU (0: none)"));
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.QUALITY_METRICS, Capability.QUALITY_EVENTS);
    }

    @Override
    public Workload create(WorkloadContext context, Parameters params) {
        long period = params.duration("period");
        long burst = params.duration("burst");
        boolean fixed = params.flag("fixedBurst");
        long stallAt = params.duration("stallAt");
        long stall = params.duration("stall");
        long[] counts = new long[2];
        return new Workload() {
            @Override
            public GuestModel vcpu(int index) {
                return new GuestModel() {
                    private long next = -1;
                    private boolean computing;
                    private boolean stalled;

                    @Override
                    public void next(Guest g) {
                        if (next < 0) {
                            next = g.now();
                        }
                        if (!computing) {
                            computing = true;
                            counts[0]++;
                            long ns = fixed ? burst : burst / 2 + g.random().nextLong(Math.max(1, burst));
                            if (stall > 0 && !stalled && next >= stallAt) {
                                stalled = true;
                                ns = stall;
                            }
                            g.compute(ns);
                            return;
                        }
                        computing = false;
                        next += period;
                        if (g.now() > next) {
                            counts[1]++;
                            g.report(QualityEvent.FRAME_LATE, g.now() - next);
                            while (next < g.now()) {
                                next += period;
                                if (next < g.now()) {
                                    g.report(QualityEvent.FRAME_DROPPED, g.now() - next);
                                }
                            }
                        } else {
                            g.report(QualityEvent.FRAME_ON_TIME, next - g.now());
                        }
                        g.setTimer(next, 0);
                        g.block();
                    }
                };
            }

            @Override
            public Map<String, Double> metrics(long endNs) {
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("bursts", (double) counts[0]);
                m.put("late", (double) counts[1]);
                return m;
            }
        };
    }
}
