package io.github.vsched.workload;

import io.github.vsched.api.DomainType;
import io.github.vsched.api.Durations;
import io.github.vsched.api.GuestEvent;
import io.github.vsched.api.Guest;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.QualityEvent;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

import static io.github.vsched.workload.AudioPlaybackProvider.*;

/**
 * The {@code audio-playback} model. VCPU 0 runs the player; other VCPUs stay blocked.
 *
 * <h2>Buffer</h2>
 * The device plays audio out of a buffer of capacity {@code B = bufferMs} at one second of audio
 * per second. With {@code randomStart} the player first sleeps a uniformly random part of one
 * period (a player starts at an arbitrary instant relative to the hypervisor's tick). At its
 * first run after that (time {@code t0}) the player fills the whole buffer (a burst of
 * {@code burst * B / period}); the device starts when that write lands. Refill {@code j >= 1}
 * is released at {@code t0 + j * period}: the player wakes, reads the buffer level {@code L},
 * computes {@code burst_j * (B - L) / period} and then writes {@code B - L} of audio at the end
 * of that burst (the device keeps draining meanwhile, so the buffer never overflows). Releases
 * missed while the player was not running are merged into the one refill it then makes (it
 * writes whatever space is free), and their burst draws are discarded, so refill {@code j}
 * always has the same demand.
 *
 * <h2>Underruns</h2>
 * An underrun (glitch) is a maximal interval during which the buffer is empty; the device
 * plays silence and resumes with the next write. {@code underruns} counts them and
 * {@code underrunMs} sums their durations. An underrun still going on at the end of the run
 * counts, with its duration so far. {@code levelMinMs} is the lowest buffer level seen just
 * before a refill's write (0 after an underrun): the margin the scheduler left. Each write and
 * each underrun is also told as it happens ({@link Guest#report}: {@link QualityEvent#AUDIO_WRITE},
 * {@link QualityEvent#AUDIO_UNDERRUN}); an underrun still under way at the end is not told.
 *
 * <h2>Emulated sound card (HVM)</h2>
 * With {@code writeAccesses = n > 0}, a refill's audio lands only after {@code n} register
 * accesses to the emulated card that follow its burst, one at a time, each an
 * {@link IoKind#DEVICE_ACCESS}: the VCPU waits until qemu-dm in dom0 has answered it.
 * {@code deviceAccesses} counts them.
 */
final class AudioPlaybackWorkload implements Workload {
    private final Player player;

    AudioPlaybackWorkload(WorkloadContext context, Parameters p) {
        long buffer = p.integer(BUFFER) * Durations.MS;
        long period = p.duration(PERIOD);
        if (period >= buffer) {
            throw ParameterRules.invalid(p, PERIOD, Durations.format(period),
                    "less than bufferMs (" + Durations.format(buffer) + "), or every refill would find the buffer"
                            + " already empty");
        }
        BurstDistribution burst = BurstDistribution.fromParameters(p, BURST_DISTRIBUTION, BURST, BURST_CV);
        RandomGenerator[] streams = Streams.split(context.random(), 2);
        long startDelay = p.flag(RANDOM_START) ? (long) (streams[1].nextDouble() * period) : 0;
        long accesses = p.integer(WRITE_ACCESSES);
        if (accesses > 0 && context.domain().type() != DomainType.HVM) {
            throw ParameterRules.invalid(p, WRITE_ACCESSES, Long.toString(accesses), "0 in a "
                    + context.domain().type() + " domain: emulated devices belong to an HVM guest");
        }
        this.player = new Player(buffer, period, burst, streams[0], WorkingSet.bytes(p), startDelay, accesses);
    }

    @Override
    public GuestModel vcpu(int index) {
        return index == 0 ? player : new ParkedVcpu();
    }

    @Override
    public Map<String, Double> metrics(long endNs) {
        return player.metrics(endNs);
    }

    /** The player thread on VCPU 0. */
    static final class Player implements GuestModel {
        private final long buffer;
        private final long period;
        private final BurstDistribution burst;
        private final RandomGenerator random;
        private final long workingSet;
        private final long writeAccesses;

        private long startDelay;
        private boolean started;
        private boolean playing;
        private long t0;
        private long nextRefill;
        private long writing;
        private long writingCpu;
        private long lastWrite;
        private long levelAfterWrite;

        private long refills;
        private long underruns;
        private long underrunNs;
        private long levelMin = Long.MAX_VALUE;
        private long cpuNs;
        private long accessesLeft;
        private boolean accessOutstanding;
        private boolean accessAnswered;
        private long accesses;

        Player(long buffer, long period, BurstDistribution burst, RandomGenerator random, long workingSet,
               long startDelay, long writeAccesses) {
            this.writeAccesses = writeAccesses;
            this.startDelay = startDelay;
            this.buffer = buffer;
            this.period = period;
            this.burst = burst;
            this.random = random;
            this.workingSet = workingSet;
        }

        @Override
        public void next(Guest g) {
            long now = g.now();
            if (writing > 0) {
                if (accessOutstanding && !accessAnswered) {
                    waitForAccess(g); // blocked in Xen until qemu-dm answers
                    return;
                }
                accessOutstanding = false;
                if (accessesLeft > 0) {
                    accessesLeft--;
                    accesses++;
                    accessOutstanding = true;
                    accessAnswered = false;
                    g.io(IoKind.DEVICE_ACCESS, 4, 0);
                    waitForAccess(g);
                    return;
                }
                write(g, now, writing);
                cpuNs += writingCpu;
                writing = 0;
            }
            if (!started && startDelay > 0) {
                g.setTimer(now + startDelay, 0);
                startDelay = 0;
                g.block();
                return;
            }
            if (!started) {
                started = true;
                t0 = now;
                nextRefill = 1;
                refill(g, buffer, burst.sample(random));
                return;
            }
            long release = t0 + nextRefill * period;
            if (release <= now) {
                long due = (now - t0) / period;
                long ns = burst.sample(random);
                for (long j = nextRefill + 1; j <= due; j++) {
                    burst.sample(random); // merged releases: keep refill j's draw its own
                }
                nextRefill = due + 1;
                long free = buffer - level(now);
                if (free > 0) {
                    refill(g, free, ns);
                    return;
                }
                release = t0 + nextRefill * period;
            }
            g.setTimer(release, 0);
            g.block();
        }

        private void refill(Guest g, long amount, long perPeriod) {
            long ns = Math.max(1, Math.round((double) perPeriod * amount / period));
            writing = amount;
            writingCpu = ns;
            accessesLeft = writeAccesses;
            refills++;
            g.compute(ns);
        }

        private static void waitForAccess(Guest g) {
            g.cancelTimer();
            g.block();
        }

        @Override
        public void onEvent(Guest g, int kind, long tag) {
            if (kind == GuestEvent.IO_COMPLETE) {
                accessAnswered = true;
            }
        }

        /** Buffer level at {@code t} (before any write at {@code t}). */
        private long level(long t) {
            return playing ? Math.max(0, levelAfterWrite - (t - lastWrite)) : 0;
        }

        private void write(Guest g, long now, long amount) {
            if (!playing) {
                playing = true; // the prefill landed: the device starts
                levelAfterWrite = amount;
                lastWrite = now;
                g.report(QualityEvent.AUDIO_WRITE, 0);
                return;
            }
            long drained = now - lastWrite;
            long before;
            if (drained > levelAfterWrite) {
                underruns++;
                underrunNs += drained - levelAfterWrite;
                before = 0;
                g.report(QualityEvent.AUDIO_UNDERRUN, drained - levelAfterWrite);
            } else {
                before = levelAfterWrite - drained;
            }
            g.report(QualityEvent.AUDIO_WRITE, before);
            levelMin = Math.min(levelMin, before);
            levelAfterWrite = Math.min(buffer, before + amount);
            lastWrite = now;
        }

        @Override
        public long workingSetBytes() {
            return workingSet;
        }

        Map<String, Double> metrics(long end) {
            long u = underruns;
            long uNs = underrunNs;
            if (playing && end - lastWrite > levelAfterWrite) {
                u++; // under way at the end
                uNs += end - lastWrite - levelAfterWrite;
            }
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("underruns", (double) u);
            m.put("underrunMs", uNs / 1e6);
            m.put("refills", (double) refills);
            m.put("levelMinMs", levelMin == Long.MAX_VALUE ? 0 : levelMin / 1e6);
            m.put("cpuMs", cpuNs / 1e6);
            m.put("deviceAccesses", (double) accesses);
            return m;
        }
    }
}
