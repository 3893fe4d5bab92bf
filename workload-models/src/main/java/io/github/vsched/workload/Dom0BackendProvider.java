package io.github.vsched.workload;

import io.github.vsched.api.Capability;
import io.github.vsched.api.Durations;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;

import java.util.List;
import java.util.Set;

/**
 * Provider of {@code dom0-backend}: what the driver domain's VCPUs run. Each VCPU serves the
 * backend work the engine hands it (PV blkback/netback for PV guests, the device model for HVM
 * guests, the device interrupts; the platform says what each costs), before anything else, and
 * optionally runs background CPU work ({@code backgroundLoad} of each VCPU, released every
 * {@code backgroundPeriod}): dom0's own daemons, a management stack, a desktop. Optionally it
 * runs the periodic timers of the HVM guests' device model (qemu-dm's display refresh and audio
 * timer) on one VCPU. See {@link Dom0BackendWorkload}.
 */
public final class Dom0BackendProvider extends ModelProvider {
    static final String BACKGROUND_LOAD = "backgroundLoad";
    static final String BACKGROUND_PERIOD = "backgroundPeriod";
    static final String DISPLAY_REFRESH_CPU = "displayRefreshCpu";
    static final String DISPLAY_REFRESH_PERIOD = "displayRefreshPeriod";
    static final String AUDIO_TIMER_CPU = "audioTimerCpu";
    static final String AUDIO_TIMER_PERIOD = "audioTimerPeriod";
    static final String DEVICE_MODEL_VCPU = "deviceModelVcpu";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.decimal(BACKGROUND_LOAD, "", 0, 0, 0.95,
                    "fraction of each VCPU used by background work besides the backends; default 0 (the"
                            + " paper's dom0 only serves I/O)"),
            ParameterSpec.duration(BACKGROUND_PERIOD, 10 * Durations.MS, 100 * Durations.US, Durations.S,
                    "background work arrives as one batch of backgroundLoad x backgroundPeriod every period;"
                            + " default 10 ms (model choice)"),
            ParameterSpec.duration(DISPLAY_REFRESH_CPU, 0, 0, 100 * Durations.MS,
                    "dom0 CPU of each display refresh of qemu-dm while an HVM guest's screen changes (a video"
                            + " plays): the dirty-VRAM hypercall and redrawing the changed lines for its SDL or VNC"
                            + " display; default 0 (not modelled; see the workload-models README for an estimate)"),
            ParameterSpec.duration(DISPLAY_REFRESH_PERIOD, 30 * Durations.MS, Durations.MS, Durations.S,
                    "interval of qemu-dm's display refresh timer; default 30 ms (GUI_REFRESH_INTERVAL of Xen 4.0's"
                            + " qemu-dm); only with displayRefreshCpu"),
            ParameterSpec.duration(AUDIO_TIMER_CPU, 0, 0, 10 * Durations.MS,
                    "dom0 CPU of each run of qemu-dm's audio timer (pull the emulated card's DMA, mix, write to the"
                            + " host's sound device) while an HVM guest plays sound; default 0 (not modelled)"),
            ParameterSpec.duration(AUDIO_TIMER_PERIOD, 4 * Durations.MS, 100 * Durations.US, Durations.S,
                    "interval of qemu-dm's audio timer; default 4 ms (250 Hz, qemu-dm's audio default); only with"
                            + " audioTimerCpu"),
            ParameterSpec.integer(DEVICE_MODEL_VCPU, "", 0, 0, 4095,
                    "the VCPU that runs qemu-dm's timers (qemu-dm is one process: its timers run one at a time);"
                            + " default 0"),
            WorkingSet.spec(512, "backend rings, grant mappings and driver state (model choice)"));
    /** Creates the provider (found through {@link java.util.ServiceLoader}). */
    public Dom0BackendProvider() {
        super("dom0-backend",
                "the driver domain: backend and device-model work for the guests' I/O, plus optional background"
                + " CPU work",
                PARAMETERS, Set.of(Capability.QUALITY_METRICS, Capability.DRIVER));
    }

    @Override
    public Workload create(WorkloadContext context, Parameters params) {
        return new Dom0BackendWorkload(context, params);
    }
}
