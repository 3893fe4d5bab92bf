package io.github.vsched.core;

import io.github.vsched.api.DomainView;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.rr.RoundRobinProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.vsched.api.Durations.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulerDriverTest {

    @Test
    void drivesWakeBlockAndSliceStepByStep() {
        SchedulerDriver d = SchedulerDriver.create(FixedCostPlatform.ideal(1), new RoundRobinProvider(), Map.of(), 1, true);
        DomainView dom = d.addDomain("d", 3, Map.of());
        VcpuView a = dom.vcpus().get(0);
        VcpuView b = dom.vcpus().get(1);
        VcpuView c = dom.vcpus().get(2);
        assertThat(a.isRunnable()).isFalse();
        d.wake(a);
        assertThat(d.pcpu(0).current()).isSameAs(a);
        d.wake(b);
        d.wake(c);
        assertThat(d.pcpu(0).current()).isSameAs(a); // round-robin does not preempt on wake
        d.block(a);
        assertThat(d.pcpu(0).current()).isSameAs(b);
        d.advanceTo(10 * MS); // b's slice ends: c's turn
        assertThat(d.pcpu(0).current()).isSameAs(c);
        d.schedule(0); // c goes behind b
        assertThat(d.pcpu(0).current()).isSameAs(b);
        assertThatThrownBy(() -> d.block(a)).hasMessageContaining("d/0 is not running");
    }
}
