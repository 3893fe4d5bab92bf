package io.github.vsched.arinc653;

import io.github.vsched.api.Capability;
import io.github.vsched.api.Durations;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.SchedulerProvider;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code arinc653} scheduler plugin: Xen's ARINC 653 scheduler ({@code sched=arinc653},
 * registered as {@code sched_arinc653_def}) with the semantics of Xen 4.14. The schedule, which
 * Xen's toolstack sets through {@code XEN_SYSCTL_SCHEDOP_putinfo}, is a scheduler parameter here.
 */
public final class Arinc653SchedulerProvider implements SchedulerProvider {
    /** The provider id. */
    public static final String ID = "arinc653";
    /** The schedule parameter's name. */
    public static final String SCHEDULE = "schedule";
    /** The major frame parameter's name. */
    public static final String MAJOR_FRAME = "majorFrame";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.text(SCHEDULE, "",
                    "the minor frames in order, DOMAIN/VCPU:RUNTIME separated by commas (e.g."
                            + " dom0/0:5ms,winxp/0:2ms), 1 to 64 of them, as xl/libxl would set them at boot;"
                            + " empty = Xen's default: a 10 ms frame for each VCPU of the first domain (dom0)"),
            ParameterSpec.duration(MAJOR_FRAME, 0, 0, 3_600 * Durations.S,
                    "the major frame, after which the schedule repeats; at least the sum of the run times,"
                            + " the rest of it idle; 0 = exactly the sum"));

    /** Creates the provider (found through {@link java.util.ServiceLoader}). */
    public Arinc653SchedulerProvider() {
    }

    /** {@value #ID}. */
    @Override
    public String id() {
        return ID;
    }

    /** One line for listings. */
    @Override
    public String description() {
        return "Xen ARINC 653 scheduler (4.14): a fixed cyclic schedule of minor frames in a major frame";
    }

    /** {@value #SCHEDULE} and {@value #MAJOR_FRAME}. */
    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    /**
     * Hard affinity (a VCPU runs only on its own PCPU) and run-time adjustment: the schedule can
     * be replaced during a run ({@code arinc653_sched_set}). Not work conserving: a minor frame
     * whose VCPU is blocked idles, and so does the end of the major frame.
     */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.AFFINITY, Capability.RUNTIME_ADJUST, Capability.CPUPOOLS);
    }

    /** The schedule given, checked as {@code arinc653_sched_set} checks it, or null for Xen's default. */
    static Arinc653Schedule schedule(Parameters params, long tscHz) {
        String text = params.text(SCHEDULE);
        if (text != null && !text.isBlank()) {
            return Arinc653Schedule.parse(text, params.duration(MAJOR_FRAME), tscHz);
        }
        if (params.isGiven(MAJOR_FRAME)) {
            throw new io.github.vsched.api.InvalidParameterException(MAJOR_FRAME,
                    "applies to a given schedule; Xen's default schedule has a major frame of 10 ms per dom0 VCPU");
        }
        return null;
    }

    /**
     * An {@link Arinc653Scheduler} with the given schedule, or Xen's default one.
     *
     * @throws io.github.vsched.api.InvalidParameterException for a malformed schedule, more than
     *         64 minor frames, or a major frame shorter than their sum
     */
    @Override
    public Scheduler create(SchedulerContext context, Parameters params) {
        return new Arinc653Scheduler(context, schedule(params, context.platform().tscHz()));
    }

    /**
     * No promise: a VCPU without a minor frame never runs, whatever the load.
     */
    @Override
    public long starvationBoundNs(Parameters params, int runnablePerPcpu) {
        return Long.MAX_VALUE;
    }
}
