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
 * Provider of {@code idle}: a guest that runs nothing but its OS timer. Linux 2.6.31 PV guests
 * are tickless when idle ({@code CONFIG_NO_HZ}, since 2.6.21): they wake only for pending
 * kernel timers, a few times a second, modelled as a Poisson process of rate
 * {@code wakeupsPerSecond}. Windows XP (an HVM guest) keeps a periodic clock interrupt at
 * {@code tickHz}: 64 Hz by default (15.625 ms), 1000 Hz while an application holds
 * {@code timeBeginPeriod(1)}. Each wake-up costs {@code tickCpu}. See {@link IdleWorkload}.
 */
public final class IdleProvider extends ModelProvider {
    static final String OS = "os";
    static final String TICK_HZ = "tickHz";
    static final String WAKEUPS_PER_SECOND = "wakeupsPerSecond";
    static final String TICK_CPU = "tickCpu";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.choice(OS, "auto", List.of("auto", "linux", "windows"),
                    "the guest OS's timer behaviour: linux (dynamic ticks), windows (periodic tick); auto = linux"
                            + " for PV domains, windows for HVM domains, as in the paper"),
            ParameterSpec.decimal(TICK_HZ, "Hz", 64, 1, 10_000,
                    "windows only: clock interrupt rate; default 64 Hz, Windows XP's default 15.625 ms tick"
                            + " (1000 with timeBeginPeriod(1), as media players request)"),
            ParameterSpec.decimal(WAKEUPS_PER_SECOND, "1/s", 5, 0, 10_000,
                    "linux only: mean rate of dynamic-tick wake-ups (Poisson); default 5 (model choice: an idle"
                            + " tickless 2.6.31 guest wakes a few times a second for its kernel timers)"),
            ParameterSpec.duration(TICK_CPU, 5 * Durations.US, 0, Durations.MS,
                    "guest CPU per wake-up (timer interrupt handler, and the emulated timer's VM exits for"
                            + " HVM); default 5 us (model choice, an order of magnitude)"),
            WorkingSet.spec(64, "an interrupt handler's small footprint (model choice)"));
    /** Creates the provider (found through {@link java.util.ServiceLoader}). */
    public IdleProvider() {
        super("idle",
                "an idle guest: only its OS timer (Linux PV dynamic ticks, or Windows XP's 64 Hz / 1 kHz tick)",
                PARAMETERS, Set.of(Capability.QUALITY_METRICS));
    }

    @Override
    public Workload create(WorkloadContext context, Parameters params) {
        return new IdleWorkload(context, params);
    }
}
