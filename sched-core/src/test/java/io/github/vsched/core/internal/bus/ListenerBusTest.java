package io.github.vsched.core.internal.bus;

import io.github.vsched.api.RunState;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.observe.SimulationListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bus calls, in the order they were added, exactly the listeners that override a hook. */
class ListenerBusTest {
    private final List<String> calls = new ArrayList<>();

    /** Overrides a hook through an interface of its own, as a listener library might. */
    interface WakeCounting extends SimulationListener {
        List<String> log();

        @Override
        default void onWake(VcpuView vcpu, long now) {
            log().add("mixin wake " + now);
        }
    }

    private class Wakes implements SimulationListener {
        private final String name;

        Wakes(String name) {
            this.name = name;
        }

        @Override
        public void onWake(VcpuView vcpu, long now) {
            calls.add(name + " wake " + now);
        }
    }

    /** Inherits its override from its superclass. */
    private class WakesAndStates extends Wakes {
        WakesAndStates(String name) {
            super(name);
        }

        @Override
        public void onRunstateChange(VcpuView vcpu, RunState from, RunState to, long now) {
            calls.add("states " + from + "->" + to + " " + now);
        }
    }

    @Test
    void eachHookReachesTheListenersThatOverrideItInTheOrderAdded() {
        ListenerBus bus = new ListenerBus();
        bus.add(new Wakes("a"));
        bus.add(new SimulationListener() { });
        bus.add(new WakesAndStates("b"));
        bus.add((WakeCounting) () -> calls);
        bus.add(new SimulationListener() {
            @Override
            public void onEnd(long now) {
                calls.add("end " + now);
            }
        });

        bus.wake(null, 1);
        bus.runstateChange(null, RunState.BLOCKED, RunState.RUNNABLE, 2);
        bus.block(null, 3);
        bus.end(4);

        assertThat(calls).containsExactly("a wake 1", "b wake 1", "mixin wake 1",
                "states BLOCKED->RUNNABLE 2", "end 4");
    }
}
