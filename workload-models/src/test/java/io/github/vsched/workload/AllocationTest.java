package io.github.vsched.workload;

import io.github.vsched.api.BackendWork;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.Guest;
import io.github.vsched.api.GuestEvent;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.Hypercall;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.VcpuView;
import io.github.vsched.api.WorkloadProvider;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The models' next() and onEvent() allocate nothing once warmed up (the hot path of every run). */
class AllocationTest {

    /** A guest that only keeps time: compute advances the clock, block jumps to the next event. Allocates nothing. */
    static final class LoopGuest implements Guest {
        final GuestModel model;
        long now;
        long timerAt = Long.MAX_VALUE;
        long periodicAt = Long.MAX_VALUE;
        long periodicPeriod;
        final long[] ioAt = new long[64];
        final long[] ioTag = new long[64];
        int ios;
        int action;
        long ns;
        boolean pending;
        final RandomGenerator random = new SplittableRandom(1);

        LoopGuest(GuestModel model) {
            this.model = model;
        }

        void steps(int n) {
            for (int i = 0; i < n; i++) {
                action = 0;
                pending = false;
                model.next(this);
                if (action == 1) {
                    deliver(now + ns);
                    now += ns;
                } else if (action == 2 && !pending) {
                    long wake = Math.min(timerAt, periodicAt);
                    for (int k = 0; k < ios; k++) {
                        wake = Math.min(wake, ioAt[k]);
                    }
                    if (wake == Long.MAX_VALUE) {
                        return;
                    }
                    deliver(wake);
                    now = Math.max(now, wake);
                }
            }
        }

        private void deliver(long t) {
            while (periodicAt <= t) {
                periodicAt += periodicPeriod;
                pending = true;
                model.onEvent(this, GuestEvent.PERIODIC_TIMER, 0);
            }
            if (timerAt <= t) {
                timerAt = Long.MAX_VALUE;
                pending = true;
                model.onEvent(this, GuestEvent.TIMER, 0);
            }
            for (int k = 0; k < ios; ) {
                if (ioAt[k] <= t) {
                    long tag = ioTag[k];
                    ioAt[k] = ioAt[ios - 1];
                    ioTag[k] = ioTag[ios - 1];
                    ios--;
                    pending = true;
                    model.onEvent(this, GuestEvent.IO_COMPLETE, tag);
                } else {
                    k++;
                }
            }
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

        @Override
        public void compute(long ns) {
            action = 1;
            this.ns = ns;
        }

        @Override
        public void block() {
            action = 2;
        }

        @Override
        public void yield() {
            action = 3;
        }

        @Override
        public void halt() {
            action = 4;
        }

        @Override
        public void setTimer(long when, long tag) {
            timerAt = Math.max(when, now);
        }

        @Override
        public void cancelTimer() {
            timerAt = Long.MAX_VALUE;
        }

        @Override
        public void startPeriodicTimer(long periodNs, long tag) {
            periodicPeriod = periodNs;
            periodicAt = now + periodNs;
        }

        @Override
        public void stopPeriodicTimer() {
            periodicAt = Long.MAX_VALUE;
        }

        @Override
        public boolean eventPending() {
            return pending;
        }

        @Override
        public void io(IoKind kind, long bytes, long tag) {
            ioAt[ios] = now + 500_000;
            ioTag[ios++] = tag;
        }

        @Override
        public void notifyVcpu(int vcpu, long tag) {
            // a lone VCPU has no one to notify
        }

        @Override
        public BackendWork takeBackendWork() {
            return null;
        }

        @Override
        public void finishBackendWork(BackendWork work) {
        }

        @Override
        public long hypercall(int op, long arg0, long arg1) {
            return Hypercall.ENOSYS;
        }
    }

    /** Every modelled rt-app event, with phase and thread loops and both timer modes. */
    private static String rtAppFile() {
        try {
            java.nio.file.Path f = java.nio.file.Files.createTempFile("rt-app", ".json");
            f.toFile().deleteOnExit();
            java.nio.file.Files.writeString(f, """
                    {"tasks": {"t": {"loop": -1, "phases": {
                      "a": {"loop": 3, "run": 300, "sleep": 700, "yield": ""},
                      "b": {"runtime": 2000, "timer0": {"ref": "uniqueA", "period": 1500, "mode": "absolute"},
                            "run": 100, "timer1": {"ref": "uniqueB", "period": 5000}}}}}}""");
            return f.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void nextAndOnEventAllocateNothing() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeThat(mx).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
        assumeThat(bean.isThreadAllocatedMemorySupported()).isTrue();
        bean.setThreadAllocatedMemoryEnabled(true);
        Object[][] cases = {
                {new VideoPlaybackProvider(), Map.of("burstDistribution", "lognormal", "burstCv", "0.5",
                        "multimediaTimer", "true")},
                {new AudioPlaybackProvider(), Map.of("burstDistribution", "normal")},
                {new KernelCompileProvider(), Map.of("jobs", "3")},
                {new CpuHogProvider(), Map.of("yieldEvery", "1ms")},
                {new IdleProvider(), Map.of()},
                {new NetworkPingPongProvider(), Map.of("think", "1ms", "thinkDistribution", "exponential")},
                {new Dom0BackendProvider(), Map.of("backgroundLoad", "0.5")},
                {new PhasesProvider(), Map.of("runDistribution", "lognormal", "io", "read", "period", "10ms")},
                {new RtAppProvider(), Map.of("file", rtAppFile())},
        };
        for (Object[] c : cases) {
            WorkloadProvider p = (WorkloadProvider) c[0];
            @SuppressWarnings("unchecked")
            Map<String, String> params = (Map<String, String>) c[1];
            DomainType type = p instanceof VideoPlaybackProvider ? DomainType.HVM : DomainType.PV;
            LoopGuest g = new LoopGuest(Models.create(p, type, 1, 1, params).vcpu(0));
            g.steps(100_000); // warm-up: JIT, histogram buckets touched
            long tid = Thread.currentThread().getId();
            long before = bean.getThreadAllocatedBytes(tid);
            g.steps(100_000);
            long allocated = bean.getThreadAllocatedBytes(tid) - before;
            assertThat(allocated).as("%s allocated %d bytes in 100,000 steps", p.id(), allocated).isLessThan(16_384);
        }
    }
}
