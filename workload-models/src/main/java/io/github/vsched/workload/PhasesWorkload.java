package io.github.vsched.workload;

import io.github.vsched.api.Guest;
import io.github.vsched.api.GuestEvent;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import static io.github.vsched.workload.PhasesProvider.*;

/**
 * The {@code phases} model: each VCPU runs its {@link PhaseProgram} over and over, from its
 * first run. Phases take effect in order: {@code run} computes; {@code sleep} arms the timer
 * for now plus the drawn time and blocks; {@code timer} advances the VCPU's release time by
 * its period and blocks until then (or goes straight on, counting an overrun, if that time has
 * passed); I/O phases issue the request and block until its completion arrives; {@code yield}
 * yields; {@code halt} takes the VCPU offline. A run or sleep phase draws its time when it
 * starts, one draw per phase executed.
 *
 * <p>Metrics, over all VCPUs: {@code cycles} completed; {@code timerOverruns}, timer phases
 * reached after their release time (the cycle overran its period); {@code cycleP50Us},
 * {@code cycleP99Us}, {@code cycleMaxUs}: the time from the start of one cycle to the start
 * of the next; {@code ioRequests} completed.
 */
final class PhasesWorkload implements Workload {
    private final List<PhaseProgram> programs;
    private final RandomGenerator[] streams;
    private final long workingSet;
    private final DurationHistogram cycle = new DurationHistogram();
    private long overruns;
    private long ioDone;

    private PhasesWorkload(List<PhaseProgram> programs, RandomGenerator[] streams, long workingSet) {
        this.programs = programs;
        this.streams = streams;
        this.workingSet = workingSet;
    }

    /** Validates and builds: from {@code text} if given, else from the structured parameters. */
    static PhasesWorkload create(WorkloadContext context, Parameters p, String text) {
        int vcpus = context.domain().vcpus().size();
        List<PhaseProgram> programs;
        if (text != null) {
            for (String structured : List.of(RUN, RUN_DISTRIBUTION, RUN_CV, IO, IO_BYTES, SLEEP, PERIOD)) {
                if (p.isGiven(structured)) {
                    throw new InvalidParameterException(p.owner() + "." + structured,
                            "cannot be combined with phases; write the whole cycle in phases");
                }
            }
            try {
                programs = PhaseProgram.parse(text, context.platform().tscHz());
            } catch (PhaseProgram.SyntaxException e) {
                throw new InvalidParameterException(p.owner() + "." + PHASES, "'" + text + "': " + e.getMessage());
            }
            if (programs.size() != 1 && programs.size() != vcpus) {
                throw new InvalidParameterException(p.owner() + "." + PHASES, "'" + text + "': " + programs.size()
                        + " phase lists for " + vcpus + " VCPU" + (vcpus == 1 ? "" : "s")
                        + "; give one list for all VCPUs or one per VCPU, separated by ';'");
            }
        } else {
            if (p.isGiven(SLEEP) && p.isGiven(PERIOD)) {
                throw new InvalidParameterException(p.owner() + "." + PERIOD,
                        "cannot be combined with sleep: a cycle either sleeps or waits for its period");
            }
            String io = p.choice(IO);
            ParameterRules.onlyWith(p, IO_BYTES, !io.equals("none"), "io is none");
            IoKind kind = switch (io) {
                case "read" -> IoKind.DISK_READ;
                case "write" -> IoKind.DISK_WRITE;
                case "net" -> IoKind.NET_EXCHANGE;
                default -> null;
            };
            long period = p.duration(PERIOD);
            BurstDistribution run = BurstDistribution.fromParameters(p, RUN_DISTRIBUTION, RUN, RUN_CV);
            programs = List.of(PhaseProgram.of(run, kind, p.integer(IO_BYTES), period > 0 ? 0 : p.duration(SLEEP),
                    period));
        }
        return new PhasesWorkload(programs, Streams.split(context.random(), vcpus), WorkingSet.bytes(p));
    }

    @Override
    public GuestModel vcpu(int index) {
        return new PhasesVcpu(programs.get(programs.size() == 1 ? 0 : index), streams[index]);
    }

    /** One VCPU running its program. */
    final class PhasesVcpu implements GuestModel {
        private final PhaseProgram program;
        private final RandomGenerator random;
        private boolean started;
        private int phase;
        private boolean inPhase;
        private long wakeAt;
        private long release;
        private long cycleStart;
        private boolean ioComplete;

        PhasesVcpu(PhaseProgram program, RandomGenerator random) {
            this.program = program;
            this.random = random;
        }

        @Override
        public void next(Guest g) {
            long now = g.now();
            if (!started) {
                started = true;
                release = now;
                cycleStart = now;
            }
            while (true) {
                switch (program.kind[phase]) {
                    case PhaseProgram.RUN -> {
                        if (!inPhase) {
                            inPhase = true;
                            g.compute(program.sample(phase, random));
                            return;
                        }
                    }
                    case PhaseProgram.SLEEP -> {
                        if (!inPhase) {
                            inPhase = true;
                            wakeAt = now + program.sample(phase, random);
                        }
                        if (now < wakeAt) {
                            g.setTimer(wakeAt, 0);
                            g.block();
                            return;
                        }
                    }
                    case PhaseProgram.TIMER -> {
                        if (!inPhase) {
                            inPhase = true;
                            release += program.amount[phase];
                            if (release <= now) {
                                overruns++;
                            }
                        }
                        if (now < release) {
                            g.setTimer(release, 0);
                            g.block();
                            return;
                        }
                    }
                    case PhaseProgram.IO -> {
                        if (!inPhase) {
                            inPhase = true;
                            ioComplete = false;
                            g.io(program.io[phase], program.amount[phase], 0);
                            g.block();
                            return;
                        }
                        if (!ioComplete) {
                            g.block();
                            return;
                        }
                        ioDone++;
                    }
                    case PhaseProgram.YIELD -> {
                        if (!inPhase) {
                            inPhase = true;
                            g.yield();
                            return;
                        }
                    }
                    default -> {
                        g.halt();
                        return;
                    }
                }
                // the phase is over
                inPhase = false;
                if (++phase == program.size()) {
                    phase = 0;
                    cycle.record(now - cycleStart);
                    cycleStart = now;
                }
            }
        }

        @Override
        public void onEvent(Guest g, int kind, long tag) {
            if (kind == GuestEvent.IO_COMPLETE) {
                ioComplete = true;
            }
        }

        @Override
        public long workingSetBytes() {
            return workingSet;
        }
    }

    @Override
    public Map<String, Double> metrics(long endNs) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("cycles", (double) cycle.count());
        m.put("timerOverruns", (double) overruns);
        m.put("cycleP50Us", cycle.percentile(50) / 1e3);
        m.put("cycleP99Us", cycle.percentile(99) / 1e3);
        m.put("cycleMaxUs", cycle.max() / 1e3);
        m.put("ioRequests", (double) ioDone);
        return m;
    }
}
