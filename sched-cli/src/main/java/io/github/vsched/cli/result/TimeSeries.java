package io.github.vsched.cli.result;

import io.github.vsched.core.metrics.DispatchSeries;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The paper's view of the VCPUs of interest over time: for each compared configuration (a
 * scheduler, and a scenario when a comparison has several) the dispatches of its first seed
 * that start in one window, each with the dispatch interval it ends and its run length, and the
 * quality events of the guests. The report's panels, the console's strips and
 * {@code intervals.csv} show it.
 *
 * @param fromNs   window start
 * @param toNs     window end
 * @param periodNs the VCPUs' expected period ({@code report.period}), 0 if none
 * @param chosen   how the window was chosen, in words ({@code the whole run})
 * @param panels   one per configuration, in the comparison's order
 */
public record TimeSeries(long fromNs, long toNs, long periodNs, String chosen, List<Panel> panels) {

    /** Copies the list. */
    public TimeSeries {
        panels = List.copyOf(panels);
    }

    /**
     * One configuration's run.
     *
     * @param label      how the comparison names it ({@code credit}, {@code paper-idle · credit})
     * @param scenario   the scenario's name
     * @param scheduler  the scheduler label
     * @param seed       the run's seed
     * @param durationNs the run's simulated time
     * @param vcpus      per VCPU of interest ({@code domain/number}), what was kept
     */
    public record Panel(String label, String scenario, String scheduler, long seed, long durationNs,
                        Map<String, Track> vcpus) {
        /** Keeps the order; read-only. */
        public Panel {
            vcpus = Collections.unmodifiableMap(new LinkedHashMap<>(vcpus));
        }
    }

    /**
     * One VCPU in one panel.
     *
     * @param dispatches its dispatches in the window, in time order
     * @param events     its guest's quality events in the window, in time order
     * @param truncated  whether some were left out because of the recorder's bounds
     */
    public record Track(List<DispatchSeries.Dispatch> dispatches, List<DispatchSeries.Event> events,
                        boolean truncated) {
        /** Copies the lists. */
        public Track {
            dispatches = List.copyOf(dispatches);
            events = List.copyOf(events);
        }

        /** What {@code series} kept of {@code vcpu}. */
        public static Track of(DispatchSeries series, String vcpu) {
            return new Track(series.dispatches(vcpu), series.events(vcpu), series.truncated(vcpu));
        }
    }

    /** No series: nothing was kept. */
    public static TimeSeries none() {
        return new TimeSeries(0, 0, 0, "", List.of());
    }

    /** Whether nothing was kept. */
    public boolean isEmpty() {
        return panels.isEmpty();
    }

    /** Every VCPU any panel kept, in order of first appearance. */
    public List<String> vcpus() {
        Set<String> out = new LinkedHashSet<>();
        for (Panel p : panels) {
            out.addAll(p.vcpus().keySet());
        }
        return new ArrayList<>(out);
    }
}
