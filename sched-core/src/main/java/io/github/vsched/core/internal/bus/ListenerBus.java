package io.github.vsched.core.internal.bus;

import io.github.vsched.api.PcpuView;
import io.github.vsched.api.QualityEvent;
import io.github.vsched.api.RunState;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.observe.SimulationListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Hands what happens in the engine to its {@link SimulationListener}s, in the order they were
 * added, and keeps the scheduler's trace event types. Every method is on the hot path: a loop
 * over an array, no allocation.
 */
public final class ListenerBus {
    private SimulationListener[] listeners = new SimulationListener[0];
    private SimulationListener[] traceListeners = new SimulationListener[0];
    private final List<String> traceNames = new ArrayList<>();
    private final List<String[]> traceArgNames = new ArrayList<>();
    private String[] traceNameArray = new String[0];

    /** Adds a listener (recorder, trace sink, test probe). */
    public void add(SimulationListener l) {
        listeners = append(listeners, l);
        if (l.wantsTrace()) {
            traceListeners = append(traceListeners, l);
        }
    }

    private static SimulationListener[] append(SimulationListener[] a, SimulationListener l) {
        SimulationListener[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = l;
        return b;
    }

    public void wake(VcpuView v, long now) {
        for (SimulationListener l : listeners) {
            l.onWake(v, now);
        }
    }

    public void block(VcpuView v, long now) {
        for (SimulationListener l : listeners) {
            l.onBlock(v, now);
        }
    }

    public void sleep(VcpuView v, long now) {
        for (SimulationListener l : listeners) {
            l.onSleep(v, now);
        }
    }

    public void yield(VcpuView v, long now) {
        for (SimulationListener l : listeners) {
            l.onYield(v, now);
        }
    }

    public void runstateChange(VcpuView v, RunState from, RunState to, long now) {
        for (SimulationListener l : listeners) {
            l.onRunstateChange(v, from, to, now);
        }
    }

    public void dispatch(PcpuView p, VcpuView v, long now, boolean afterWake) {
        for (SimulationListener l : listeners) {
            l.onDispatch(p, v, now, afterWake);
        }
    }

    public void deschedule(PcpuView p, VcpuView v, long now) {
        for (SimulationListener l : listeners) {
            l.onDeschedule(p, v, now);
        }
    }

    public void migrate(VcpuView v, int from, int to, long now) {
        for (SimulationListener l : listeners) {
            l.onMigrate(v, from, to, now);
        }
    }

    /** Hypervisor work of {@code ns} charged to {@code v} on {@code pcpu}; nothing when {@code ns} is 0. */
    public void overhead(int pcpu, VcpuView v, long ns, long now) {
        if (ns > 0) {
            for (SimulationListener l : listeners) {
                l.onOverhead(pcpu, v, ns, now);
            }
        }
    }

    /** A guest's quality report. */
    public void quality(VcpuView v, QualityEvent event, long value, long now) {
        for (SimulationListener l : listeners) {
            l.onQuality(v, event, value, now);
        }
    }

    public void end(long now) {
        for (SimulationListener l : listeners) {
            l.onEnd(now);
        }
    }

    /** Registers a trace event type; returns its number. */
    public int traceEventType(String name, String... argNames) {
        traceNames.add(name);
        traceArgNames.add(argNames.clone());
        traceNameArray = traceNames.toArray(new String[0]);
        return traceNames.size() - 1;
    }

    /** The registered trace event types' names, by type number. */
    public List<String> traceEventNames() {
        return Collections.unmodifiableList(traceNames);
    }

    /** The argument names of trace event type {@code type}. */
    public List<String> traceArgumentNames(int type) {
        return List.of(traceArgNames.get(type));
    }

    /** Whether a listener wants scheduler trace events. */
    public boolean tracing() {
        return traceListeners.length > 0;
    }

    public void trace(long now, int type, int pcpu, VcpuView vcpu, long arg0, long arg1) {
        SimulationListener[] ls = traceListeners;
        if (ls.length == 0) {
            return;
        }
        String name = type >= 0 && type < traceNameArray.length ? traceNameArray[type] : "unknown";
        for (SimulationListener l : ls) {
            l.onTrace(now, type, name, pcpu, vcpu, arg0, arg1);
        }
    }
}
