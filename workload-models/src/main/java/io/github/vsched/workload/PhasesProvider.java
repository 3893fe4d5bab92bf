package io.github.vsched.workload;

import io.github.vsched.api.Capability;
import io.github.vsched.api.Durations;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.function.Function;

/**
 * Provider of {@code phases}: each VCPU runs a cyclic list of run, sleep, timer, I/O and yield
 * phases (rt-app style), so a scenario file can describe any periodic or bursty guest without
 * Java. Two ways to write it:
 * <ul>
 *   <li>the {@code phases} text, e.g. {@code run:1ms,sleep:9ms} (grammar in
 *       {@link PhaseProgram}), a free-text parameter;</li>
 *   <li>the structured parameters {@code run} (with {@code runDistribution}, {@code runCv}),
 *       {@code io}, {@code ioBytes}, then {@code sleep} or {@code period}: the cycle
 *       "run, optionally one blocking I/O, then sleep or wait for the next period".</li>
 * </ul>
 * See {@link PhasesWorkload} for the metrics.
 */
public final class PhasesProvider extends ModelProvider {
    static final String PHASES = "phases";
    static final String RUN = "run";
    static final String RUN_DISTRIBUTION = "runDistribution";
    static final String RUN_CV = "runCv";
    static final String SLEEP = "sleep";
    static final String PERIOD = "period";
    static final String IO = "io";
    static final String IO_BYTES = "ioBytes";

    private static final List<ParameterSpec> PARAMETERS;

    static {
        List<ParameterSpec> p = new ArrayList<>();
        p.add(ParameterSpec.text(PHASES, null,
                "the cyclic phase list, e.g. run:1ms,sleep:9ms; lists for several VCPUs separated by ';'"
                        + " (see README); when given, the structured parameters must be left out"));
        p.add(ParameterSpec.duration(RUN, Durations.MS, 1, 3600 * Durations.S,
                "CPU time per cycle (mean when runDistribution is not fixed); default 1 ms, as in rt-app's"
                        + " run:1ms,sleep:9ms example task"));
        p.addAll(BurstDistribution.specs(RUN_DISTRIBUTION, "fixed", RUN_CV, 0.2, "the run phase",
                "rt-app's run phases are fixed"));
        p.add(ParameterSpec.choice(IO, "none", List.of("none", "read", "write", "net"),
                "a blocking I/O after the run: none, a disk read, a disk write, or a network exchange"));
        p.add(ParameterSpec.integer(IO_BYTES, "bytes", 4096, 1, 1L << 30,
                "size of that I/O; default 4096 (one page)"));
        p.add(ParameterSpec.duration(SLEEP, 9 * Durations.MS, 0, 3600 * Durations.S,
                "sleep after the run (and I/O); default 9 ms (with run: 1 ms of every 10 ms or so)"));
        p.add(ParameterSpec.duration(PERIOD, 0, 0, 3600 * Durations.S,
                "instead of sleeping, wait for the next multiple of period since the VCPU started (a periodic"
                        + " task without drift, rt-app's timer); 0 = sleep instead"));
        p.add(WorkingSet.spec(256, "a small task (model choice)"));
        PARAMETERS = List.copyOf(p);
    }

    /** A read, write or net phase in a phase list ({@code read:4KiB}), as the grammar writes them. */
    private static final Pattern IO_PHASE = Pattern.compile("(^|[,;])\\s*(read|write|net)\\s*:",
            Pattern.CASE_INSENSITIVE);

    /** Creates the provider (found through {@link java.util.ServiceLoader}). */
    public PhasesProvider() {
        super("phases",
                "a cyclic list of run/sleep/timer/I/O phases per VCPU (rt-app style)",
                PARAMETERS, Set.of(Capability.QUALITY_METRICS, Capability.IO));
    }

    /** I/O only when a phase issues it: {@code io} is set, or the phase lists have a read, write or net phase. */
    @Override
    public Set<Capability> capabilities(Parameters params) {
        Object text = params.values().get(PHASES);
        boolean io = text != null ? IO_PHASE.matcher(text.toString()).find() : !params.choice(IO).equals("none");
        return io ? capabilities() : Set.of(Capability.QUALITY_METRICS);
    }

    @Override
    public Workload create(WorkloadContext context, Parameters params) {
        Object text = params.values().get(PHASES);
        return PhasesWorkload.create(context, params, text == null ? null : text.toString());
    }

    /**
     * A {@code phases} workload from its text form, for use from Java (tests, embedding) whatever
     * the SPI's parameter types: {@code PhasesProvider.fromText("run:1ms,sleep:9ms")} gives a
     * factory for {@code DomainSpec.Builder.workload(id, factory)}.
     *
     * @param phases the phase lists (grammar in the module README)
     * @return a factory that validates the text against the domain's VCPU count and the
     *         platform's TSC rate, throwing {@link io.github.vsched.api.InvalidParameterException}
     *         with the reason
     */
    public static Function<WorkloadContext, Workload> fromText(String phases) {
        return context -> PhasesWorkload.create(context, Parameters.resolve("workload phases of domain "
                + context.domain().name(), PARAMETERS, Map.of(), context.platform().tscHz()), phases);
    }
}
