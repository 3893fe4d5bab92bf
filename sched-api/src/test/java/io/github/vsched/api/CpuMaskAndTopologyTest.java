package io.github.vsched.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CpuMaskAndTopologyTest {

    @Test
    void masksIterateCycleAndCombine() {
        CpuMask m = CpuMask.of(1, 3, 70);
        assertThat(m.size()).isEqualTo(3);
        assertThat(m.next(0)).isEqualTo(1);
        assertThat(m.next(4)).isEqualTo(70);
        assertThat(m.cycle(70)).isEqualTo(1);
        assertThat(m.cycle(1)).isEqualTo(3);
        assertThat(m.and(CpuMask.all(4))).isEqualTo(CpuMask.of(1, 3));
        assertThat(m.andNot(CpuMask.of(3))).isEqualTo(CpuMask.of(1, 70));
        assertThat(CpuMask.of(0, 1, 2, 5).toString()).isEqualTo("0-2,5");
        assertThat(m.within(71)).isTrue();
        assertThat(m.within(70)).isFalse();
    }

    @Test
    void regularTopologyGroupsThreadsCoresAndCaches() {
        // 2 sockets x 2 cores x 2 threads, one cache per socket
        Topology t = Topology.regular(2, 2, 2, 2);
        assertThat(t.pcpus()).isEqualTo(8);
        assertThat(t.threadSiblings(0)).isEqualTo(CpuMask.of(0, 1));
        assertThat(t.socketMates(5)).isEqualTo(CpuMask.of(4, 5, 6, 7));
        assertThat(t.sharesCache(0, 3)).isTrue();
        assertThat(t.sharesCache(3, 4)).isFalse();
        assertThat(t.sockets()).isEqualTo(2);
    }
}
