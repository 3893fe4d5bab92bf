package io.github.vsched.core.metrics;

import io.github.vsched.api.VcpuView;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.VcpuStats;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline.End;
import io.github.vsched.core.metrics.PcpuTimeline.Segment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The PCPU timeline on a small run: 2 PCPUs with a 20 us context switch, two hogs sharing
 * them with a sleeper (1 ms of work, 3 ms asleep) and an I/O-like waker, under round-robin.
 */
class PcpuTimelineTest {
    private static final long DURATION = 60 * MS;

    private static Simulation simulation() {
        return Simulations.create(Scenario.builder("timeline")
                .platform(FixedCostPlatform.ideal(2).withContextSwitch(20 * US)).duration(DURATION).checked(true)
                .scheduler("round-robin", Map.of())
                .domain(DomainSpec.builder("h").vcpus(2).workload("hog", Guests.workload(i -> Guests.hog())).build())
                .domain(DomainSpec.builder("s").workload("sleeper", Guests.workload(i -> Guests.sleeper(MS, 3 * MS)))
                        .build())
                .domain(DomainSpec.builder("w").workload("waker", Guests.workload(i -> Guests.ioWaker(300 * US, 2 * MS)))
                        .build())
                .build());
    }

    private record Closed(int pcpu, String vcpu, long start, long end, End ended, long overheadNs) {
        static Closed of(Segment s) {
            return new Closed(s.pcpu(), s.vcpu(), s.start(), s.end(), s.ended(), s.overheadNs());
        }
    }

    private static List<Closed> closed(List<Segment> segments) {
        return segments.stream().map(Closed::of).toList();
    }

    @Test
    void guestSegmentsAddUpToEachPcpusBusyTimeAndIdleOnesFillTheRest() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = simulation();
        sim.addListener(t);
        SimulationResult r = sim.run();

        assertThat(t.pcpus()).isEqualTo(2);
        assertThat(t.truncated()).isFalse();
        for (int p = 0; p < 2; p++) {
            long busy = 0;
            for (Segment s : t.busySegments(p)) {
                busy += s.lengthNs();
            }
            assertThat(busy).as("busy time of PCPU %d", p).isEqualTo(r.pcpuBusyNs()[p]).isGreaterThan(DURATION / 2);
            // every PCPU's segments, idle ones included, tile the run without gaps or overlaps
            int pcpu = p;
            List<Segment> all = t.segments().stream().filter(s -> s.pcpu() == pcpu).sorted(
                    (a, b) -> Long.compare(a.start(), b.start())).toList();
            long at = 0;
            for (Segment s : all) {
                assertThat(s.start()).as("PCPU %d segment %s", p, s).isEqualTo(at);
                at = s.end();
            }
            assertThat(at).isEqualTo(DURATION);
        }
    }

    @Test
    void segmentsSayWhyTheyEndedAndCarryTheOverheadChargedDuringThem() {
        PcpuTimeline t = new PcpuTimeline();
        Simulation sim = simulation();
        sim.addListener(t);
        SimulationResult r = sim.run();

        List<Segment> sleeper = t.segments().stream().filter(s -> s.vcpu().equals("s/0")).toList();
        assertThat(sleeper).extracting(Segment::ended).contains(End.BLOCKED);
        assertThat(t.segments().stream().filter(s -> s.vcpu().startsWith("h/") && s.ended() != End.RUN_END))
                .extracting(Segment::ended).containsOnly(End.RUNNABLE);
        // the run's end closes what is running on each PCPU
        assertThat(t.segments().stream().filter(s -> s.ended() == End.RUN_END)).hasSize(2)
                .allMatch(s -> s.end() == DURATION);
        assertThat(t.segments()).filteredOn(Segment::idle).allMatch(s -> s.vcpu().startsWith("idle")
                && s.overheadNs() == 0);
        for (VcpuStats v : r.vcpus()) {
            long overhead = 0;
            for (Segment s : t.segments()) {
                if (s.vcpu().equals(v.name())) {
                    overhead += s.overheadNs();
                }
            }
            assertThat(overhead).as("overhead of %s", v.name()).isEqualTo(v.overheadNs()).isPositive();
        }
    }

    @Test
    void aWindowKeepsExactlyTheSegmentsThatOverlapIt() {
        PcpuTimeline whole = new PcpuTimeline();
        PcpuTimeline window = PcpuTimeline.builder().window(20 * MS, 30 * MS).guestsOnly().build();
        Simulation sim = simulation();
        sim.addListener(whole);
        sim.addListener(window);
        sim.run();

        List<Segment> expected = whole.segments().stream()
                .filter(s -> !s.idle() && s.end() >= 20 * MS && s.start() <= 30 * MS).toList();
        assertThat(expected.size()).isLessThan(whole.segments().size()).isGreaterThan(4);
        assertThat(window.segments()).containsExactlyElementsOf(expected);
        assertThat(window.from()).isEqualTo(20 * MS);
        assertThat(window.to()).isEqualTo(30 * MS);
    }

    @Test
    void theBoundKeepsTheFirstSegmentsAndSaysSomeWereDropped() {
        PcpuTimeline whole = new PcpuTimeline();
        PcpuTimeline bounded = PcpuTimeline.builder().maxSegments(7).build();
        Simulation sim = simulation();
        sim.addListener(whole);
        sim.addListener(bounded);
        sim.run();

        assertThat(whole.segments().size()).isGreaterThan(7);
        assertThat(bounded.segments()).containsExactlyElementsOf(whole.segments().subList(0, 7));
        assertThat(bounded.truncated()).isTrue();
        assertThat(whole.truncated()).isFalse();
    }

    @Test
    void aStreamingConsumerReceivesEverySegmentAsItClosesWhileNoneAreKept() {
        PcpuTimeline whole = PcpuTimeline.builder().window(10 * MS, 40 * MS).build();
        List<Closed> streamed = new ArrayList<>();
        List<Long> closedAt = new ArrayList<>();
        Simulation sim = simulation();
        PcpuTimeline streaming = PcpuTimeline.builder().window(10 * MS, 40 * MS).maxSegments(0)
                .onSegment((int pcpu, VcpuView v, long start, long end, End ended, long overheadNs) -> {
                    streamed.add(new Closed(pcpu, v.name(), start, end, ended, overheadNs));
                    closedAt.add(sim.now());
                })
                .build();
        sim.addListener(whole);
        sim.addListener(streaming);
        sim.run();

        assertThat(streamed).containsExactlyElementsOf(closed(whole.segments()));
        // handed on when the segment closes, not at the end of the run
        for (int i = 0; i < streamed.size(); i++) {
            assertThat(closedAt.get(i)).isEqualTo(streamed.get(i).end());
        }
        assertThat(streaming.segments()).isEmpty();
    }

    @Test
    void badBoundsAreRefusedWithTheValue() {
        assertThatThrownBy(() -> PcpuTimeline.builder().window(5, 4)).hasMessageContaining("5 ns");
        assertThatThrownBy(() -> PcpuTimeline.builder().maxSegments(-1)).hasMessageContaining("-1");
    }
}
