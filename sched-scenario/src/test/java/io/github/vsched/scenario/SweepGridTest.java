package io.github.vsched.scenario;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SweepGridTest {

    @Test
    void rangesIncludeBothEndsWithoutRoundingDrift() {
        assertThat(SweepParam.parse("srt-credit.usbt=1ms..4ms:0.5ms").values())
                .containsExactly("1ms", "1.5ms", "2ms", "2.5ms", "3ms", "3.5ms", "4ms");
        assertThat(SweepParam.parse("x=0.1..0.3:0.1").values()).containsExactly("0.1", "0.2", "0.3");
        assertThat(SweepParam.parse("w=64..256:64").values()).containsExactly("64", "128", "192", "256");
    }

    @Test
    void durationsInDifferentUnitsAreCountedInTheFirstOnesUnit() {
        assertThat(SweepParam.parse("d=1ms..2000us:250us").values())
                .containsExactly("1ms", "1.25ms", "1.5ms", "1.75ms", "2ms");
    }

    @Test
    void listsAndSingleValuesAreTakenAsWritten() {
        assertThat(SweepParam.parse("scheduler=credit,srt-credit").values()).containsExactly("credit", "srt-credit");
        assertThat(SweepParam.parse("domain.dom1.weight=512").values()).containsExactly("512");
    }

    @Test
    void badSpecsAreExplained() {
        assertThatThrownBy(() -> SweepParam.parse("x=1..4")).hasMessageContaining("needs a step");
        assertThatThrownBy(() -> SweepParam.parse("x=4..1:1")).hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> SweepParam.parse("x=1..4:0")).hasMessageContaining("must be greater than 0");
        assertThatThrownBy(() -> SweepParam.parse("x=1ms..4:1")).hasMessageContaining("same unit");
        assertThatThrownBy(() -> SweepParam.parse("novalue")).hasMessageContaining("expected KEY=FROM..TO:STEP");
    }

    @Test
    void pointsAreNumberedWithTheLastAxisFastest() {
        SweepGrid g = new SweepGrid(List.of(SweepParam.parse("a=1..2:1"), SweepParam.parse("b=x,y,z")));
        assertThat(g.size()).isEqualTo(6);
        assertThat(g.point(0)).containsExactly(Map.entry("a", "1"), Map.entry("b", "x"));
        assertThat(g.point(4)).containsExactly(Map.entry("a", "2"), Map.entry("b", "y"));
        for (int i = 0; i < g.size(); i++) {
            assertThat(g.indexOf(g.point(i))).isEqualTo(i);
        }
    }

    @Test
    void shardsPartitionTheGridForEveryShardCount() {
        SweepGrid g = new SweepGrid(List.of(SweepParam.parse("a=1..7:1"), SweepParam.parse("b=1..3:1")));
        for (int n = 1; n <= 25; n++) {
            Set<Integer> seen = new HashSet<>();
            List<Integer> all = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                List<Integer> s = g.shard(i, n);
                assertThat(s.size()).isBetween(g.size() / n, g.size() / n + 1);
                all.addAll(s);
                seen.addAll(s);
            }
            assertThat(all).hasSize(g.size());
            assertThat(seen).hasSize(g.size());
        }
    }

    @Test
    void aKeySweptTwiceIsRejected() {
        assertThatThrownBy(() -> new SweepGrid(List.of(SweepParam.parse("a=1"), SweepParam.parse("a=2"))))
                .hasMessageContaining("swept twice");
    }
}
