package io.github.vsched.testkit;

import io.github.vsched.api.CpuMask;
import io.github.vsched.core.guest.Guests;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.vsched.api.Durations.MS;
import static io.github.vsched.api.Durations.S;
import static io.github.vsched.api.Durations.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test kit on round-robin, whose schedule is known by hand: 2 hogs with 10 ms slices on one PCPU. */
class SchedulerTestKitTest {
    static Recording twoHogs() {
        return SchedulerTestKit.scheduler("round-robin").param("slice", "10ms")
                .domain("a", 1, Guests::hog)
                .domain("b", 1, Guests::hog, d -> d.affinity(CpuMask.of(0)))
                .duration(S).run();
    }

    @Test
    void recordsEveryDispatchInOrder() {
        Recording r = twoHogs();
        assertThat(r.endNs()).isEqualTo(S);
        // a slice every 10 ms, a and b in turn, the last one at the end of the run (1 s)
        List<Recording.Event> d = r.events(Recording.Kind.DISPATCH);
        assertThat(d).hasSize(101);
        for (int k = 0; k < d.size(); k++) {
            assertThat(d.get(k)).isEqualTo(new Recording.Event(Recording.Kind.DISPATCH, k * 10 * MS, 0,
                    k % 2 == 0 ? "a/0" : "b/0"));
        }
        assertThat(r.runs("b/0").get(0).start()).isEqualTo(10 * MS);
        assertThat(r.events(Recording.Kind.BLOCK)).isEmpty();
    }

    @Test
    void guaranteesHoldWhereTheScheduleKeepsThem() {
        Guarantees g = Guarantees.of(twoHogs());
        g.share("a", 0.5, 0.01).holds();
        g.share("b/0", 0.5, 0.01).holds();
        g.reservation("a/0", 9 * MS, 20 * MS, 0).holds();
    }

    @Test
    void aBrokenGuaranteeSaysWhereAndByHowMuch() {
        Guarantees g = Guarantees.of(twoHogs());
        Guarantees.Check c = g.reservation("a/0", 15 * MS, 20 * MS, 0);
        assertThat(c.held()).isFalse();
        assertThatThrownBy(c::holds).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected: a/0 gets 15000000 ns every 20000000 ns (tolerance 0 ns); 50 violations:"
                        + " period [0, 20000000) ns: ran ")
                .hasMessageEndingWith("; ...");
        assertThatThrownBy(() -> g.share("c", 0.5, 0.01).holds()).hasMessageContaining("no VCPU or domain named c");
    }

    @Test
    void wakeLatencyIsMeasuredFromEachWakeUpToTheNextDispatch() {
        // one PCPU: a wake-up waits for the hog's 10 ms slice to end, at most
        Recording r = SchedulerTestKit.scheduler("round-robin").param("slice", "10ms")
                .domain("io", 1, () -> Guests.ioWaker(200 * US, 3 * MS))
                .domain("hog", 1, Guests::hog)
                .duration(100 * MS).run();
        assertThat(r.wakeLatencies("io/0")).isNotEmpty().allSatisfy(w -> assertThat(w).isBetween(0L, 10 * MS + 2 * US));
        Guarantees.of(r).wakeLatency("io/0", 10 * MS + 2 * US).holds();
        assertThat(Guarantees.of(r).wakeLatency("io/0", MS).held()).isFalse();
    }
}
