package io.github.vsched.core;

import io.github.vsched.api.DomainType;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.IoKind;
import io.github.vsched.core.FixedCostPlatform.IoCosts;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The split-driver and device-model paths, step by step with hand-computed timings: guest
 * issue cost, dom0 backend CPU, the device, the interrupt, the notification back.
 */
class IoPathTest {
    /** disk 1 ms, PV backend 20 us, device model 100 us, 4 VM exits per request, IRQ 3 us. */
    static final IoCosts COSTS = new IoCosts(MS, 300 * US, 20 * US, 100 * US, 4, 3 * US);
    static final long VM_EXIT = 2 * US;
    static final long EVTCHN = 5 * US;

    static FixedCostPlatform platform(int pcpus) {
        return FixedCostPlatform.ideal(pcpus).withIo(COSTS, VM_EXIT, EVTCHN);
    }

    static DomainSpec dom(String name, DomainType type, GuestModel m) {
        return DomainSpec.builder(name).type(type).workload("w", Guests.workload(i -> m)).build();
    }

    static List<Run> runGuest(FixedCostPlatform p, long duration, DomainSpec... domains) {
        return run(p, duration, domains).stream().filter(s -> s.vcpu().equals("g/0")).toList();
    }

    static List<Run> run(FixedCostPlatform p, long duration, DomainSpec... domains) {
        Scenario.Builder b = Scenario.builder("io").platform(p).duration(duration).checked(true)
                .scheduler("round-robin", Map.of());
        for (DomainSpec d : domains) {
            b.domain(d);
        }
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = Simulations.create(b.build());
        sim.addListener(t);
        sim.run();
        return Run.of(t.segments());
    }

    /**
     * PV read on an idle machine: issue (event channel 5 us) + blkback (20 us) + disk (1 ms) +
     * interrupt and blkback completion (3 + 20 us) + notification (5 us) = 1053 us.
     */
    @Test
    void pvDiskReadCostsExactlyTheSumOfItsParts() {
        List<Run> g = runGuest(platform(2), 2 * MS,
                dom("dom0", DomainType.PV, Guests.backend()),
                dom("g", DomainType.PV, Guests.ioLoop(IoKind.DISK_READ, 4096, 10 * MS)));
        assertThat(g.get(0).end()).isEqualTo(5 * US);
        assertThat(g.get(1).start()).isEqualTo(5 * US + 20 * US + MS + 23 * US + 5 * US);
    }

    /**
     * The same read from an HVM guest: 4 VM exits of 2 us to issue it, and the device model's
     * 100 us in dom0 on the way in and on the way out: 8 + 100 + 1000 + 103 + 5 = 1216 us.
     */
    @Test
    void hvmDiskReadCostsTheVmExitsAndTheDeviceModel() {
        List<Run> g = runGuest(platform(2), 2 * MS,
                dom("dom0", DomainType.PV, Guests.backend()),
                dom("g", DomainType.HVM, Guests.ioLoop(IoKind.DISK_READ, 4096, 10 * MS)));
        assertThat(g.get(0).end()).isEqualTo(8 * US);
        assertThat(g.get(1).start()).isEqualTo(8 * US + 100 * US + MS + 103 * US + 5 * US);
    }

    /**
     * dom0 shares one PCPU with a CPU hog under round-robin (10 ms slices): the request reaches
     * dom0 at 5 us but dom0 runs only when the hog's slice ends (10.005 ms); the completion
     * (11.025 ms) waits for the next slice end (20.025 ms); the guest, woken at 20.053 ms, is
     * queued behind the hog and runs at 30.053 ms.
     */
    @Test
    void busyDom0DelaysCompletionByWhatTheSchedulerDecides() {
        List<Run> g = runGuest(platform(1), 40 * MS,
                dom("dom0", DomainType.PV, Guests.backend()),
                dom("g", DomainType.PV, Guests.ioLoop(IoKind.DISK_READ, 4096, 50 * MS)),
                dom("h", DomainType.PV, Guests.hog()));
        assertThat(g.get(0)).isEqualTo(new Run(0, "g/0", 0, 5 * US));
        assertThat(g.get(1).start()).isEqualTo(30 * MS + 53 * US);
    }

    /**
     * An emulated register access: one VM exit (2 us), the device model in dom0 (100 us) and the
     * notification back (5 us), no device and no interrupt; the guest waits blocked: 107 us.
     */
    @Test
    void hvmDeviceAccessIsOneVmExitAndOneDeviceModelRoundTrip() {
        List<Run> g = runGuest(platform(2), 2 * MS,
                dom("dom0", DomainType.PV, Guests.backend()),
                dom("g", DomainType.HVM, Guests.ioLoop(IoKind.DEVICE_ACCESS, 4, 10 * MS)));
        assertThat(g.get(0).end()).isEqualTo(2 * US);
        assertThat(g.get(1).start()).isEqualTo(2 * US + 100 * US + 5 * US);
    }

    @Test
    void onlyAnHvmGuestHasEmulatedDevices() {
        assertThatThrownBy(() -> runGuest(platform(2), MS,
                dom("dom0", DomainType.PV, Guests.backend()),
                dom("g", DomainType.PV, Guests.ioLoop(IoKind.DEVICE_ACCESS, 4, MS))))
                .hasMessageContaining("workload of g/0")
                .hasMessageContaining("only an HVM guest");
    }

    /**
     * A notification between two VCPUs of a PV domain: VCPU 0 computes 1 ms and notifies VCPU 1,
     * which was blocked: the event-channel send (5 us) runs on VCPU 0 first, then VCPU 1 wakes on
     * its own PCPU and runs its 200 us.
     */
    @Test
    void aVcpuWakesAnotherOfItsDomainWithANotification() {
        GuestModel sender = new GuestModel() {
            private boolean sent;

            @Override
            public void next(io.github.vsched.api.Guest g) {
                if (g.now() == 0) {
                    g.compute(MS);
                } else if (!sent) {
                    sent = true;
                    g.notifyVcpu(1, 7);
                    g.block();
                } else {
                    g.block();
                }
            }
        };
        long[] heard = {-1, -1};
        GuestModel receiver = new GuestModel() {
            private boolean woken;

            @Override
            public void next(io.github.vsched.api.Guest g) {
                if (woken) {
                    woken = false;
                    g.compute(200 * US);
                } else {
                    g.block();
                }
            }

            @Override
            public void onEvent(io.github.vsched.api.Guest g, int kind, long tag) {
                if (kind == io.github.vsched.api.GuestEvent.IPI) {
                    heard[0] = g.now();
                    heard[1] = tag;
                    woken = true;
                }
            }
        };
        DomainSpec d = DomainSpec.builder("g").vcpus(2).type(DomainType.PV)
                .workload("w", Guests.workload(i -> i == 0 ? sender : receiver)).build();
        List<Run> runs = run(platform(2), 3 * MS, d);
        assertThat(heard).containsExactly(MS + EVTCHN, 7);
        assertThat(runs).filteredOn(r -> r.vcpu().equals("g/1")).last()
                .satisfies(r -> assertThat(r.end() - r.start()).isEqualTo(200 * US));
    }

    @Test
    void aVcpuCannotNotifyItselfOrAVcpuOutsideItsDomain() {
        for (int target : new int[] {0, 2}) {
            GuestModel m = new GuestModel() {
                @Override
                public void next(io.github.vsched.api.Guest g) {
                    g.notifyVcpu(target, 0);
                    g.block();
                }
            };
            DomainSpec d = DomainSpec.builder("g").vcpus(2).type(DomainType.PV)
                    .workload("w", Guests.workload(i -> i == 0 ? m : Guests.hog())).build();
            assertThatThrownBy(() -> run(platform(2), MS, d)).hasMessageContaining("notified VCPU " + target)
                    .hasMessageContaining("0 to 1 but not 0");
        }
    }

    @Test
    void ioWithoutADriverDomainIsAClearError() {
        assertThatThrownBy(() -> runGuest(platform(1), MS,
                dom("g", DomainType.PV, Guests.ioLoop(IoKind.DISK_READ, 4096, MS))))
                .hasMessageContaining("workload of g/0")
                .hasMessageContaining("no driver domain (dom0)");
    }

    @Test
    void devicesServeOneRequestAtATimeInOrder() {
        // two guests read at once: the second waits for the first on the disk
        List<Run> all = run(platform(3), 4 * MS,
                dom("dom0", DomainType.PV, Guests.backend()),
                dom("g", DomainType.PV, Guests.ioLoop(IoKind.DISK_READ, 4096, 10 * MS)),
                dom("k", DomainType.PV, Guests.ioLoop(IoKind.DISK_READ, 4096, 10 * MS)));
        // the request that reaches blkback first is back after 1053 us; the other is served after it
        // by the disk, one disk service (1 ms) later
        List<Long> resumed = all.stream().filter(s -> s.vcpu().equals("g/0") || s.vcpu().equals("k/0"))
                .filter(s -> s.start() > 0).map(Run::start).sorted().toList();
        assertThat(resumed).containsExactly(1053 * US, 2053 * US);
    }
}
