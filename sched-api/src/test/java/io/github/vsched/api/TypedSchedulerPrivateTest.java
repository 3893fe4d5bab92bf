package io.github.vsched.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TypedSchedulerPrivateTest {
    record MyPcpu(int runs) {
    }

    private static PcpuView pcpuWith(Object state) {
        return new PcpuView() {
            @Override
            public int id() {
                return 3;
            }

            @Override
            public VcpuView current() {
                throw new UnsupportedOperationException();
            }

            @Override
            public VcpuView idleVcpu() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Object schedulerPrivate() {
                return state;
            }
        };
    }

    @Test
    void theAttachedStateComesBackAsItsOwnType() {
        MyPcpu mine = new MyPcpu(7);
        assertThat(pcpuWith(mine).schedulerPrivate(MyPcpu.class)).isSameAs(mine);
    }

    @Test
    void anotherTypeOrNothingAttachedIsNamed() {
        assertThatThrownBy(() -> pcpuWith("text").schedulerPrivate(MyPcpu.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("pcpu3 has a java.lang.String attached, not a " + MyPcpu.class.getName());
        assertThatThrownBy(() -> pcpuWith(null).schedulerPrivate(MyPcpu.class))
                .hasMessageStartingWith("pcpu3 has no scheduler state attached, not a " + MyPcpu.class.getName());
    }
}
