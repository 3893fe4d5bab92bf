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
 * over an array, no allocation. Each hook has its own array of the listeners that override it,
 * so a listener is never called for a hook it leaves at the interface's empty default (most
 * listeners hear two or three of the twelve).
 */
public final class ListenerBus {
    private static final SimulationListener[] NONE = new SimulationListener[0];

    private SimulationListener[] onWake = NONE;
    private SimulationListener[] onBlock = NONE;
    private SimulationListener[] onSleep = NONE;
    private SimulationListener[] onYield = NONE;
    private SimulationListener[] onRunstateChange = NONE;
    private SimulationListener[] onDispatch = NONE;
    private SimulationListener[] onDeschedule = NONE;
    private SimulationListener[] onMigrate = NONE;
    private SimulationListener[] onOverhead = NONE;
    private SimulationListener[] onQuality = NONE;
    private SimulationListener[] onEnd = NONE;
    private SimulationListener[] traceListeners = NONE;
    private final List<String> traceNames = new ArrayList<>();
    private final List<String[]> traceArgNames = new ArrayList<>();
    private String[] traceNameArray = new String[0];

    /** Adds a listener (recorder, trace sink, test probe). */
    public void add(SimulationListener l) {
        onWake = addIfOverrides(onWake, l, "onWake", VcpuView.class, long.class);
        onBlock = addIfOverrides(onBlock, l, "onBlock", VcpuView.class, long.class);
        onSleep = addIfOverrides(onSleep, l, "onSleep", VcpuView.class, long.class);
        onYield = addIfOverrides(onYield, l, "onYield", VcpuView.class, long.class);
        onRunstateChange = addIfOverrides(onRunstateChange, l, "onRunstateChange", VcpuView.class, RunState.class, RunState.class, long.class);
        onDispatch = addIfOverrides(onDispatch, l, "onDispatch", PcpuView.class, VcpuView.class, long.class, boolean.class);
        onDeschedule = addIfOverrides(onDeschedule, l, "onDeschedule", PcpuView.class, VcpuView.class, long.class);
        onMigrate = addIfOverrides(onMigrate, l, "onMigrate", VcpuView.class, int.class, int.class, long.class);
        onOverhead = addIfOverrides(onOverhead, l, "onOverhead", int.class, VcpuView.class, long.class, long.class);
        onQuality = addIfOverrides(onQuality, l, "onQuality", VcpuView.class, QualityEvent.class, long.class, long.class);
        onEnd = addIfOverrides(onEnd, l, "onEnd", long.class);
        if (l.wantsTrace()) {
            traceListeners = append(traceListeners, l);
        }
    }

    /** {@code a} with {@code l} appended if {@code l}'s class overrides the hook {@code name}. */
    private static SimulationListener[] addIfOverrides(SimulationListener[] a, SimulationListener l, String name,
            Class<?>... params) {
        Class<?> declaring;
        try {
            declaring = l.getClass().getMethod(name, params).getDeclaringClass();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("SimulationListener has no hook " + name, e);
        }
        return declaring == SimulationListener.class ? a : append(a, l);
    }

    private static SimulationListener[] append(SimulationListener[] a, SimulationListener l) {
        SimulationListener[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = l;
        return b;
    }

    public void wake(VcpuView v, long now) {
        for (SimulationListener l : onWake) {
            l.onWake(v, now);
        }
    }

    public void block(VcpuView v, long now) {
        for (SimulationListener l : onBlock) {
            l.onBlock(v, now);
        }
    }

    public void sleep(VcpuView v, long now) {
        for (SimulationListener l : onSleep) {
            l.onSleep(v, now);
        }
    }

    public void yield(VcpuView v, long now) {
        for (SimulationListener l : onYield) {
            l.onYield(v, now);
        }
    }

    public void runstateChange(VcpuView v, RunState from, RunState to, long now) {
        for (SimulationListener l : onRunstateChange) {
            l.onRunstateChange(v, from, to, now);
        }
    }

    public void dispatch(PcpuView p, VcpuView v, long now, boolean afterWake) {
        for (SimulationListener l : onDispatch) {
            l.onDispatch(p, v, now, afterWake);
        }
    }

    public void deschedule(PcpuView p, VcpuView v, long now) {
        for (SimulationListener l : onDeschedule) {
            l.onDeschedule(p, v, now);
        }
    }

    public void migrate(VcpuView v, int from, int to, long now) {
        for (SimulationListener l : onMigrate) {
            l.onMigrate(v, from, to, now);
        }
    }

    /** Hypervisor work of {@code ns} charged to {@code v} on {@code pcpu}; nothing when {@code ns} is 0. */
    public void overhead(int pcpu, VcpuView v, long ns, long now) {
        if (ns > 0) {
            for (SimulationListener l : onOverhead) {
                l.onOverhead(pcpu, v, ns, now);
            }
        }
    }

    /** A guest's quality report. */
    public void quality(VcpuView v, QualityEvent event, long value, long now) {
        for (SimulationListener l : onQuality) {
            l.onQuality(v, event, value, now);
        }
    }

    public void end(long now) {
        for (SimulationListener l : onEnd) {
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
