package io.github.vsched.cli.trace;

import io.github.vsched.core.Simulation;

import java.util.List;

/**
 * The names a scheduler gave the two arguments of each of its trace event types
 * ({@code SchedulerContext.traceEventType(name, argNames...)}), by type number, so every trace
 * file labels a value as the scheduler does ({@code deadline}, {@code budget}) rather than
 * {@code arg0}. An argument without a name (none given, or empty) is unused: files leave it out
 * where they can.
 */
final class TraceArgNames {
    private final String[][] names;

    /** @param types the run's registered types ({@link Simulation#traceEventTypes()}) */
    TraceArgNames(List<Simulation.TraceEventType> types) {
        int max = -1;
        for (Simulation.TraceEventType t : types) {
            max = Math.max(max, t.type());
        }
        names = new String[max + 1][];
        for (Simulation.TraceEventType t : types) {
            String[] n = new String[2];
            for (int i = 0; i < 2 && i < t.argNames().size(); i++) {
                String s = t.argNames().get(i);
                n[i] = s == null || s.isEmpty() ? null : s;
            }
            names[t.type()] = n;
        }
    }

    /** The name of argument {@code arg} (0 or 1) of type {@code type}, or null if it has none. */
    String name(int type, int arg) {
        return type >= 0 && type < names.length && names[type] != null ? names[type][arg] : null;
    }

    /** Whether type {@code type} named any argument (else both are written as {@code arg0}, {@code arg1}). */
    boolean named(int type) {
        return name(type, 0) != null || name(type, 1) != null;
    }
}
