package io.github.vsched.workload;

import io.github.vsched.api.DomainType;
import io.github.vsched.api.Durations;
import io.github.vsched.api.Guest;
import io.github.vsched.api.GuestEvent;
import io.github.vsched.api.GuestModel;
import io.github.vsched.api.Hypercall;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.QualityEvent;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

import static io.github.vsched.workload.VideoPlaybackProvider.*;

/**
 * The {@code video-playback} model. VCPU 0 runs the player; other VCPUs of the domain stay
 * blocked.
 *
 * <h2>Playback</h2>
 * At its first run the player (optionally) makes the soft real-time hypercall, reads the first
 * chunk of the file and waits for it ("buffering"). Playback starts at the player's first run
 * after that read completes, time {@code t0} (at once when {@code readEveryFrames} is 0).
 * Decode wake-up {@code k} is released at {@code t0 + k * period}; the player sleeps on its
 * timer until the next release and, when it wakes, runs every released wake-up in order, one
 * burst each (wake-ups missed while it was not running are caught up back to back, as
 * Windows' periodic multimedia timers do, so delays show up as batched, longer runs).
 *
 * <h2>Frames</h2>
 * Frame {@code f} is made of the wake-ups released in its interval
 * {@code [t0 + f/fps, t0 + (f+1)/fps)}; it is done when the burst of its last wake-up ends.
 * Its deadline is the release of the first wake-up of frame {@code f+1} (the render tick that
 * shows it) plus {@code displayDelay}. Then:
 * <ul>
 *   <li>on time: done by its deadline;</li>
 *   <li>late: done after its deadline but no later than {@code dropAfterFrames} frame intervals
 *       after it (shown late: a visible stutter); its lateness is done time minus deadline;</li>
 *   <li>dropped: not done by then. The player abandons the frame's remaining wake-ups (it skips
 *       them without computing), as a player's quality control does. At the end of a run, a
 *       frame whose drop time has passed unfinished counts as dropped; frames still before
 *       their drop time are not counted at all.</li>
 * </ul>
 * Each frame's fate is also told as it is decided ({@link Guest#report}: {@link QualityEvent#FRAME_ON_TIME},
 * {@link QualityEvent#FRAME_LATE}, {@link QualityEvent#FRAME_DROPPED}), so reports can draw when
 * playback stuttered; frames counted as dropped only at the end of a run are not told.
 *
 * <h2>File reads</h2>
 * With {@code readEveryFrames = N > 0}, chunk {@code c} holds frames {@code [cN, (c+1)N)}. The
 * read of chunk {@code c+1} ({@code readBytes}, {@link IoKind#DISK_READ}: VM exits, then the
 * device model in dom0) is issued when the player starts on chunk {@code c}; one read is
 * outstanding at a time. A wake-up whose chunk has not arrived stalls the player until it does
 * (counted in {@code readStalls}); if dropped frames carried the player past the chunk read
 * ahead, it reads the chunk it needs (a seek). Each completion costs the guest
 * {@code ioCompletionCpu}.
 *
 * <h2>Multimedia timer</h2>
 * With {@code multimediaTimer}, the player programs the guest's clock interrupt to
 * {@code tickPeriod} at its first run ({@code timeBeginPeriod(1)} under an APIC HAL: the emulated
 * RTC as a virtual periodic timer of the hypervisor, {@link Guest#startPeriodicTimer}). Every
 * tick interrupt it receives costs {@code tickCpu}, run before anything else, one interrupt at
 * a time; how many arrive after a preemption is the domain's timer mode's business.
 *
 * <h2>Emulated devices (HVM)</h2>
 * With {@code presentAccesses = n > 0}, showing a frame takes {@code n} register accesses to the
 * emulated display after the decode burst of its last wake-up, one after another, each an
 * {@link IoKind#DEVICE_ACCESS}: the VCPU waits (blocked, doing nothing else) until qemu-dm in
 * dom0 has answered it. The frame is done when the last access is answered. With {@code sound},
 * the sound card's buffer-completion interrupt comes every {@code soundPeriod} from the start of
 * playback; the player handles it before any decode: {@code soundCpu} of CPU, then
 * {@code soundAccesses} accesses in the same way. Interrupts missed while the VCPU did not run
 * are handled as one (one interrupt status read serves them all). With
 * {@code shadowFaultsPerMs}, each decode burst is lengthened by its shadow page faults' cost,
 * {@code burst * shadowFaultsPerMs * shadowFaultCpu} (the expected value, drawn from no stream).
 *
 * <h2>Determinism</h2>
 * The player draws exactly one burst per decode wake-up, run or skipped, from its own stream,
 * so wake-up {@code k} has the same demand under every scheduler.
 */
final class VideoPlaybackWorkload implements Workload {
    private final Player player;

    VideoPlaybackWorkload(WorkloadContext context, Parameters p) {
        long period = p.duration(PERIOD);
        long fps = p.integer(FPS);
        if (period * fps > Durations.S) {
            throw ParameterRules.invalid(p, PERIOD, Durations.format(period),
                    "at most one frame interval (" + Durations.format(Durations.S / fps) + " at fps " + fps
                            + "), so that every frame has a decode wake-up");
        }
        ParameterRules.onlyWith(p, TICK_CPU, p.flag(MULTIMEDIA_TIMER), "multimediaTimer is false");
        ParameterRules.onlyWith(p, TICK_PERIOD, p.flag(MULTIMEDIA_TIMER), "multimediaTimer is false");
        if (p.flag(MULTIMEDIA_TIMER) && context.domain().type() != DomainType.HVM) {
            throw ParameterRules.invalid(p, MULTIMEDIA_TIMER, "true", "false in a " + context.domain().type()
                    + " domain: the multimedia clock is the emulated RTC of an HVM guest");
        }
        ParameterRules.onlyWith(p, SOUND_PERIOD, p.flag(SOUND), "sound is false");
        ParameterRules.onlyWith(p, SOUND_CPU, p.flag(SOUND), "sound is false");
        ParameterRules.onlyWith(p, SOUND_ACCESSES, p.flag(SOUND), "sound is false");
        ParameterRules.onlyWith(p, SHADOW_FAULT_CPU, p.decimal(SHADOW_FAULTS) > 0, "shadowFaultsPerMs is 0");
        if (context.domain().type() != DomainType.HVM) {
            hvmOnly(p, context, PRESENT_ACCESSES, p.integer(PRESENT_ACCESSES) > 0, p.integer(PRESENT_ACCESSES));
            hvmOnly(p, context, SOUND, p.flag(SOUND), true);
            hvmOnly(p, context, SHADOW_FAULTS, p.decimal(SHADOW_FAULTS) > 0, p.decimal(SHADOW_FAULTS));
        }
        ParameterRules.onlyWith(p, SBT, p.flag(REQUEST_REALTIME), "requestRealtime is false");
        ParameterRules.onlyWith(p, USBT, p.flag(REQUEST_REALTIME), "requestRealtime is false");
        ParameterRules.onlyWith(p, READ_BYTES, p.integer(READ_EVERY_FRAMES) > 0, "readEveryFrames is 0");
        ParameterRules.onlyWith(p, IO_COMPLETION_CPU, p.integer(READ_EVERY_FRAMES) > 0, "readEveryFrames is 0");
        BurstDistribution burst = BurstDistribution.fromParameters(p, BURST_DISTRIBUTION, BURST, BURST_CV);
        RandomGenerator random = Streams.split(context.random(), 1)[0];
        this.player = new Player(p, period, fps, burst, random);
    }

    private static void hvmOnly(Parameters p, WorkloadContext context, String name, boolean set, Object value) {
        if (set) {
            throw ParameterRules.invalid(p, name, String.valueOf(value), "its default in a " + context.domain().type()
                    + " domain: emulated devices and shadow paging belong to an HVM guest");
        }
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
        private static final int START = 0;
        private static final int BUFFERING = 1;
        private static final int PLAYING = 2;

        private static final int NONE = 0;
        private static final int DECODE = 1;
        private static final int TICK = 2;
        private static final int IO_CPU = 3;
        private static final int SOUND_ISR = 4;

        /** The tag of a device access's answer (file chunks are tagged with their number, from 0). */
        private static final long ACCESS_TAG = -1;
        /** Width of one emulated register access, bytes. */
        private static final long ACCESS_BYTES = 4;

        // configuration
        private final long period;
        private final long periodFps;
        private final long displayDelay;
        private final long dropAfter;
        private final BurstDistribution burst;
        private final long readEvery;
        private final long readBytes;
        private final long ioCpu;
        private final boolean ticks;
        private final long tickCpu;
        private final long tickPeriod;
        private final boolean requestRealtime;
        private final long sbt;
        private final long usbt;
        private final long workingSet;
        private final RandomGenerator random;
        private final long presentAccesses;
        private final boolean sound;
        private final long soundPeriod;
        private final long soundCpu;
        private final long soundAccesses;
        /** Shadow fault CPU per ns of decode. */
        private final double shadowPerNs;

        // state
        private int state = START;
        private int inFlight = NONE;
        private long t0;
        private long nextJob;
        private long nextRelease;
        private long runningJob;
        private long decidedFrames;
        private int ticksToHandle;
        private long lastRequested = -1;
        private long lastLoaded = -1;
        private long readIssuedAt;
        private int completionsToHandle;
        private boolean stalled;
        private long accessesLeft;
        private boolean accessOutstanding;
        private boolean accessAnswered;
        private long accessIssuedAt;
        private boolean presentPending;
        private long nextSound = Long.MAX_VALUE;

        // metrics
        private long onTime;
        private long late;
        private long dropped;
        private long burstsRun;
        private long burstsSkipped;
        private long readStalls;
        private long ticksHandled;
        private long realtimeResult;
        private boolean realtimeAsked;
        private final DurationHistogram lateness = new DurationHistogram();
        private final DurationHistogram readLatency = new DurationHistogram();
        private final DurationHistogram accessLatency = new DurationHistogram();
        private long soundInterrupts;
        private long soundInterruptsMerged;

        Player(Parameters p, long period, long fps, BurstDistribution burst, RandomGenerator random) {
            this.period = period;
            this.periodFps = period * fps;
            this.displayDelay = p.duration(DISPLAY_DELAY);
            this.dropAfter = Math.round(p.decimal(DROP_AFTER_FRAMES) * Durations.S / fps);
            this.burst = burst;
            this.readEvery = p.integer(READ_EVERY_FRAMES);
            this.readBytes = p.integer(READ_BYTES);
            this.ioCpu = p.duration(IO_COMPLETION_CPU);
            this.ticks = p.flag(MULTIMEDIA_TIMER);
            this.tickCpu = p.duration(TICK_CPU);
            this.tickPeriod = p.duration(TICK_PERIOD);
            this.requestRealtime = p.flag(REQUEST_REALTIME);
            this.sbt = p.duration(SBT);
            this.usbt = p.duration(USBT);
            this.workingSet = WorkingSet.bytes(p);
            this.random = random;
            this.presentAccesses = p.integer(PRESENT_ACCESSES);
            this.sound = p.flag(SOUND);
            this.soundPeriod = p.duration(SOUND_PERIOD);
            this.soundCpu = p.duration(VideoPlaybackProvider.SOUND_CPU);
            this.soundAccesses = p.integer(SOUND_ACCESSES);
            this.shadowPerNs = p.decimal(SHADOW_FAULTS) * p.duration(SHADOW_FAULT_CPU) / Durations.MS;
        }

        // ------------------------------------------------------------ frame arithmetic (exact)

        /** The frame wake-up {@code k} belongs to: k*period*fps / 1 s, rounded down. */
        long frameOf(long k) {
            return Math.multiplyExact(k, periodFps) / Durations.S; // exact: fails loudly rather than wrap
        }

        /** The first wake-up of frame {@code f}: ceil(f * 1 s / (period * fps)). */
        long firstJob(long f) {
            return Math.floorDiv(Math.multiplyExact(f, Durations.S) + periodFps - 1, periodFps);
        }

        /** Display deadline of frame {@code f}: the release of frame f+1's first wake-up, plus the display delay. */
        long deadline(long f) {
            return t0 + firstJob(f + 1) * period + displayDelay;
        }

        long dropTime(long f) {
            return deadline(f) + dropAfter;
        }

        /** Whether wake-up {@code k} is the last of its frame. */
        boolean lastOfFrame(long k) {
            return k + 1 == firstJob(frameOf(k) + 1);
        }

        // ------------------------------------------------------------ the guest

        /**
         * One step of the player, in order of priority: the end of what was in flight, an
         * emulated device access under way, the first run, a file chunk's completion, a clock
         * tick, the first chunk awaited, the sound interrupt, then the next decode wake-up
         * released (or sleep until it). Each step that gives the VCPU something to do ends it.
         */
        @Override
        public void next(Guest g) {
            long now = g.now();
            endInFlight(g, now);
            if (continueDeviceAccess(g, now)) {
                return;
            }
            if (state == START) {
                start(g, now);
            }
            if (handleReadCompletion(g) || handleTick(g) || awaitFirstChunk(g, now) || handleSound(g, now)) {
                return;
            }
            decodeOrSleep(g, now);
        }

        /** What the VCPU was doing is over: a decode burst ends its frame, or starts presenting it. */
        private void endInFlight(Guest g, long now) {
            if (inFlight == DECODE) {
                if (presentAccesses > 0 && lastOfFrame(runningJob)) {
                    accessesLeft = presentAccesses; // the frame is shown through the emulated display
                    presentPending = true;
                } else {
                    finishDecode(g, now);
                }
            }
            inFlight = NONE;
        }

        /**
         * Goes on with the accesses to an emulated device: true while one is awaited or another
         * issued. When the last of a frame's presenting accesses is answered, the frame is done.
         */
        private boolean continueDeviceAccess(Guest g, long now) {
            if (accessOutstanding) {
                if (!accessAnswered) {
                    waitForAccess(g); // blocked in Xen until qemu-dm answers: nothing else runs
                    return true;
                }
                accessOutstanding = false;
            }
            if (accessesLeft > 0) {
                issueAccess(g, now);
                return true;
            }
            if (presentPending) {
                presentPending = false;
                finishDecode(g, now);
            }
            return false;
        }

        /** Handles one file chunk's completion: true if that costs CPU, which is then computed. */
        private boolean handleReadCompletion(Guest g) {
            if (completionsToHandle > 0) {
                completionsToHandle--;
                if (ioCpu > 0) {
                    inFlight = IO_CPU;
                    g.compute(ioCpu);
                    return true;
                }
            }
            return false;
        }

        /** Handles one clock interrupt: true if that costs CPU, which is then computed. */
        private boolean handleTick(Guest g) {
            if (ticksToHandle > 0) {
                ticksToHandle--; // one clock interrupt handled per next(): the next is injected after it
                ticksHandled++;
                if (tickCpu > 0) {
                    inFlight = TICK;
                    g.compute(tickCpu);
                    return true;
                }
            }
            return false;
        }

        /** While buffering: sleeps until the first chunk is read (true), else starts playing. */
        private boolean awaitFirstChunk(Guest g, long now) {
            if (state == BUFFERING) {
                if (lastLoaded < 0) {
                    sleep(g, Long.MAX_VALUE);
                    return true;
                }
                startPlaying(now);
            }
            return false;
        }

        /**
         * The sound card's interrupt, when due (those missed handled as one): true if the VCPU
         * computes its CPU or waits for its first device access.
         */
        private boolean handleSound(Guest g, long now) {
            if (now >= nextSound) {
                long missed = (now - nextSound) / soundPeriod;
                soundInterrupts++;
                soundInterruptsMerged += missed;
                nextSound += (missed + 1) * soundPeriod;
                accessesLeft = soundAccesses;
                if (soundCpu > 0) {
                    inFlight = SOUND_ISR;
                    g.compute(soundCpu);
                    return true;
                }
                if (accessesLeft > 0) {
                    issueAccess(g, now);
                    return true;
                }
            }
            return false;
        }

        /**
         * Runs the next released decode wake-up (dropping the frames past their drop time on the
         * way), or waits for its file chunk, or sleeps until the next release.
         */
        private void decodeOrSleep(Guest g, long now) {
            while (nextRelease <= now) {
                long f = frameOf(nextJob);
                if (now >= dropTime(f)) {
                    dropFrame(g, f, now);
                    continue;
                }
                if (readEvery > 0 && awaitChunk(g, f / readEvery, now)) {
                    return;
                }
                stalled = false;
                long ns = burst.sample(random);
                runningJob = nextJob;
                advance();
                burstsRun++;
                inFlight = DECODE;
                g.compute(ns + Math.round(ns * shadowPerNs));
                return;
            }
            sleep(g, nextRelease);
        }

        /**
         * Whether the player must wait for {@code chunk}, the one the next wake-up decodes from
         * (then it sleeps, reading it if it is not on its way); if not, it reads one chunk ahead.
         */
        private boolean awaitChunk(Guest g, long chunk, long now) {
            boolean outstanding = lastRequested > lastLoaded;
            if (chunk > lastLoaded) {
                if (!stalled) {
                    stalled = true;
                    readStalls++;
                }
                if (!outstanding) {
                    issueRead(g, chunk, now); // frames were dropped past the read-ahead: seek
                }
                sleep(g, Long.MAX_VALUE);
                return true;
            }
            if (!outstanding && lastRequested == chunk) {
                issueRead(g, chunk + 1, now); // read one chunk ahead
            }
            return false;
        }

        private void start(Guest g, long now) {
            if (requestRealtime) {
                realtimeAsked = true;
                realtimeResult = g.hypercall(Hypercall.SCHEDOP_SOFT_REALTIME, sbt, usbt);
            }
            if (ticks) {
                g.startPeriodicTimer(tickPeriod, 0);
            }
            if (readEvery > 0) {
                state = BUFFERING;
                issueRead(g, 0, now);
            } else {
                startPlaying(now);
            }
        }

        private void startPlaying(long now) {
            state = PLAYING;
            t0 = now;
            nextJob = 0;
            nextRelease = now;
            if (sound) {
                nextSound = now + soundPeriod;
            }
        }

        private void issueAccess(Guest g, long now) {
            accessesLeft--;
            accessOutstanding = true;
            accessAnswered = false;
            accessIssuedAt = now;
            g.io(IoKind.DEVICE_ACCESS, ACCESS_BYTES, ACCESS_TAG);
            waitForAccess(g);
        }

        private void waitForAccess(Guest g) {
            g.cancelTimer();
            g.block();
        }

        private void advance() {
            nextJob++;
            nextRelease = t0 + nextJob * period;
        }

        /** Frame {@code f} missed its drop time: skip its remaining wake-ups, drawing their bursts. */
        private void dropFrame(Guest g, long f, long now) {
            long end = firstJob(f + 1);
            while (nextJob < end) {
                burst.sample(random);
                burstsSkipped++;
                advance();
            }
            dropped++;
            decidedFrames = f + 1;
            g.report(QualityEvent.FRAME_DROPPED, now - deadline(f));
        }

        private void finishDecode(Guest g, long now) {
            if (!lastOfFrame(runningJob)) {
                return;
            }
            long f = frameOf(runningJob);
            long d = deadline(f);
            if (now > d + dropAfter) {
                dropped++;
                g.report(QualityEvent.FRAME_DROPPED, now - d);
            } else if (now > d) {
                late++;
                lateness.record(now - d);
                g.report(QualityEvent.FRAME_LATE, now - d);
            } else {
                onTime++;
                g.report(QualityEvent.FRAME_ON_TIME, d - now);
            }
            decidedFrames = f + 1;
        }

        private void issueRead(Guest g, long chunk, long now) {
            readIssuedAt = now;
            lastRequested = chunk;
            g.io(IoKind.DISK_READ, readBytes, chunk);
        }

        /** Blocks until {@code wakeAt} or the next sound interrupt (or a clock tick, or an event). */
        private void sleep(Guest g, long until) {
            long wakeAt = Math.min(until, nextSound);
            if (wakeAt == Long.MAX_VALUE) {
                g.cancelTimer();
            } else {
                g.setTimer(wakeAt, 0);
            }
            g.block();
        }

        @Override
        public void onEvent(Guest g, int kind, long tag) {
            if (kind == GuestEvent.PERIODIC_TIMER) {
                ticksToHandle++;
            } else if (kind == GuestEvent.IO_COMPLETE && tag == ACCESS_TAG) {
                accessAnswered = true;
                accessLatency.record(g.now() - accessIssuedAt);
            } else if (kind == GuestEvent.IO_COMPLETE) {
                lastLoaded = Math.max(lastLoaded, tag);
                readLatency.record(g.now() - readIssuedAt);
                completionsToHandle++;
            }
        }

        @Override
        public long workingSetBytes() {
            return workingSet;
        }

        Map<String, Double> metrics(long end) {
            long pendingDropped = 0;
            if (state == PLAYING) {
                // frames whose drop time passed unfinished (the player may not have run since)
                for (long f = decidedFrames; dropTime(f) < end; f++) {
                    pendingDropped++;
                }
            }
            long drop = dropped + pendingDropped;
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("frames", (double) (onTime + late + drop));
            m.put("framesOnTime", (double) onTime);
            m.put("framesLate", (double) late);
            m.put("framesDropped", (double) drop);
            m.put("latenessP50Ms", lateness.percentile(50) / 1e6);
            m.put("latenessP90Ms", lateness.percentile(90) / 1e6);
            m.put("latenessP99Ms", lateness.percentile(99) / 1e6);
            m.put("latenessMaxMs", lateness.max() / 1e6);
            m.put("decodeBursts", (double) burstsRun);
            m.put("decodeBurstsSkipped", (double) burstsSkipped);
            m.put("reads", (double) readLatency.count());
            m.put("readStalls", (double) readStalls);
            m.put("readLatencyP99Ms", readLatency.percentile(99) / 1e6);
            m.put("ticks", (double) ticksHandled);
            m.put("deviceAccesses", (double) accessLatency.count());
            m.put("deviceAccessP99Us", accessLatency.percentile(99) / 1e3);
            m.put("deviceAccessMaxUs", accessLatency.max() / 1e3);
            m.put("soundInterrupts", (double) soundInterrupts);
            m.put("soundInterruptsMerged", (double) soundInterruptsMerged);
            m.put("realtimeRequested", realtimeAsked ? 1.0 : 0.0);
            m.put("realtimeGranted", realtimeAsked && realtimeResult >= 0 ? 1.0 : 0.0);
            m.put("realtimeResult", (double) (realtimeAsked ? realtimeResult : 0));
            return m;
        }
    }
}
