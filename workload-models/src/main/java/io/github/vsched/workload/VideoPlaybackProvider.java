package io.github.vsched.workload;

import io.github.vsched.api.Capability;
import io.github.vsched.api.Durations;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Provider of {@code video-playback}: the paper's Windows XP media player in an HVM guest. A
 * decode/render loop wakes on a timer every {@code period} and runs a CPU burst around
 * {@code burst}; the wake-ups falling in one frame interval ({@code 1/fps}) make up that
 * frame's work, which must be done before the frame's display deadline. The file is read
 * through the emulated disk every {@code readEveryFrames} frames, one chunk ahead. See
 * {@link VideoPlaybackWorkload} for the exact rules and metrics.
 *
 * <p>Defaults follow the paper: period 2.3 ms and burst 60 us, its "2,300,000 TSC" and
 * "60,000 TSC" read as nanoseconds as the paper itself does (on the Q6600's real 2.4 GHz TSC
 * they are 0.96 ms and 25 us: write {@code 2300000tsc} and {@code 60000tsc}; the duty cycle,
 * about 2.6%, is the same).
 */
public final class VideoPlaybackProvider extends ModelProvider {
    static final String PERIOD = "period";
    static final String BURST = "burst";
    static final String BURST_DISTRIBUTION = "burstDistribution";
    static final String BURST_CV = "burstCv";
    static final String FPS = "fps";
    static final String DISPLAY_DELAY = "displayDelay";
    static final String DROP_AFTER_FRAMES = "dropAfterFrames";
    static final String READ_EVERY_FRAMES = "readEveryFrames";
    static final String READ_BYTES = "readBytes";
    static final String IO_COMPLETION_CPU = "ioCompletionCpu";
    static final String MULTIMEDIA_TIMER = "multimediaTimer";
    static final String TICK_CPU = "tickCpu";
    static final String TICK_PERIOD = "tickPeriod";
    /** The RTC at rate 6: 2^5 / 32768 s = 976.5625 us, rounded to the nanosecond as Xen's rtc.c does. */
    static final long RTC_1024HZ_NS = 976_563;
    static final String PRESENT_ACCESSES = "presentAccesses";
    static final String SOUND = "sound";
    static final String SOUND_PERIOD = "soundPeriod";
    static final String SOUND_CPU = "soundCpu";
    static final String SOUND_ACCESSES = "soundAccesses";
    static final String SHADOW_FAULTS = "shadowFaultsPerMs";
    static final String SHADOW_FAULT_CPU = "shadowFaultCpu";
    static final String REQUEST_REALTIME = "requestRealtime";
    static final String SBT = "sbt";
    static final String USBT = "usbt";

    private static final List<ParameterSpec> PARAMETERS;

    static {
        List<ParameterSpec> p = new ArrayList<>();
        p.add(ParameterSpec.duration(PERIOD, 2_300 * Durations.US, 100 * Durations.US, Durations.S,
                "interval of the player's decode/render timer; default: the paper's Windows VCPU woke about every"
                        + " 2,300,000 TSC, read as 2.3 ms as the paper does (2300000tsc = 0.96 ms at 2.4 GHz)"));
        p.add(ParameterSpec.duration(BURST, 60 * Durations.US, 1 * Durations.US, 100 * Durations.MS,
                "mean CPU time of one decode wake-up; default: the paper's runs of about 60,000 TSC, read as"
                        + " 60 us (60000tsc = 25 us at 2.4 GHz)"));
        p.addAll(BurstDistribution.specs(BURST_DISTRIBUTION, "fixed", BURST_CV, 0.2, "the decode burst",
                "the paper reports one typical run length"));
        p.add(ParameterSpec.integer(FPS, "frames/s", 25, 1, 240,
                "frame rate of the video; default 25 (PAL material, a model choice: the paper gives no rate)"));
        p.add(ParameterSpec.duration(DISPLAY_DELAY, 0, 0, 10 * Durations.S,
                "how long after the decode wake-up that follows a frame's interval the frame is displayed"
                        + " (decoded frames queued in the renderer); default 0: a frame must be ready by that"
                        + " wake-up"));
        p.add(ParameterSpec.decimal(DROP_AFTER_FRAMES, "frames", 1.0, 0, 100,
                "a frame not done this many frame intervals after its deadline is dropped (never shown; its"
                        + " remaining work abandoned); default 1: by then the next frame is due"));
        p.add(ParameterSpec.integer(READ_EVERY_FRAMES, "frames", 10, 0, 100_000,
                "frames of video per file read through the emulated disk (reads run one chunk ahead); 0 = the"
                        + " file is cached, no reads; default 10 (model choice: with readBytes, about 1.3 Mbit/s)"));
        p.add(ParameterSpec.integer(READ_BYTES, "bytes", 65_536, 512, 16L * 1024 * 1024,
                "size of each file read; default 64 KiB (model choice: a typical read-ahead unit)"));
        p.add(ParameterSpec.duration(IO_COMPLETION_CPU, 20 * Durations.US, 0, 10 * Durations.MS,
                "guest CPU to handle a read's completion interrupt (ISR, DPC, completion); default 20 us"
                        + " (model choice, an order of magnitude)"));
        p.add(ParameterSpec.flag(MULTIMEDIA_TIMER, false,
                "add the 1 kHz guest clock tick media players request with timeBeginPeriod(1), an emulated RTC"
                        + " periodic timer of the hypervisor (HVM only; missed ticks follow the domain's timerMode);"
                        + " default off (the paper's trace shows only the 2.3 ms wake-ups)"));
        p.add(ParameterSpec.duration(TICK_CPU, 5 * Durations.US, 0, Durations.MS,
                "guest CPU per clock tick, the interrupt handler (each tick's VM exit is charged by the engine);"
                        + " default 5 us (model choice); only with multimediaTimer"));
        p.add(ParameterSpec.duration(TICK_PERIOD, RTC_1024HZ_NS, 100 * Durations.US, Durations.S,
                "period of the clock tick; default 976.563 us, the RTC at 1024 Hz that Windows XP's APIC HALs"
                        + " program for timeBeginPeriod(1) (15.625ms is its default 64 Hz); only with"
                        + " multimediaTimer"));
        p.add(ParameterSpec.integer(PRESENT_ACCESSES, "accesses", 0, 0, 10_000,
                "register accesses to the emulated display (HVM) to show each frame, each a round trip through"
                        + " qemu-dm in dom0 during which the VCPU waits; the frame is done when the last is answered;"
                        + " default 0: the pixels go to the linear framebuffer, which traps nothing (see the"
                        + " workload-models README), and no source counts blitter accesses per frame"));
        p.add(ParameterSpec.flag(SOUND, false,
                "the video has sound, played through the emulated AC97 card (HVM): every soundPeriod the card's"
                        + " buffer-completion interrupt costs soundCpu and soundAccesses register accesses, each a"
                        + " round trip through qemu-dm in dom0; default off"));
        p.add(ParameterSpec.duration(SOUND_PERIOD, 10 * Durations.MS, Durations.MS, Durations.S,
                "length of one sound buffer, the interval of the card's completion interrupts; default 10 ms"
                        + " (model choice, a usual audio buffer); only with sound"));
        p.add(ParameterSpec.duration(SOUND_CPU, 50 * Durations.US, 0, 10 * Durations.MS,
                "guest CPU per sound interrupt (ISR, DPC, mixing one buffer); default 50 us (model choice, an"
                        + " order of magnitude); only with sound"));
        p.add(ParameterSpec.integer(SOUND_ACCESSES, "accesses", 5, 0, 1_000,
                "register accesses per sound interrupt; default 5: read the global and PCM-out status, clear"
                        + " the status, read the current index, write the last valid index (AC97 bus-master"
                        + " registers); only with sound"));
        p.add(ParameterSpec.decimal(SHADOW_FAULTS, "faults/ms", 0, 0, 1_000,
                "shadow page faults per ms of decode CPU (HVM without EPT: each is a VM exit that Xen's shadow"
                        + " code handles); default 0 (no source gives a rate for video playback)"));
        p.add(ParameterSpec.duration(SHADOW_FAULT_CPU, 3 * Durations.US, 0, Durations.MS,
                "CPU per shadow page fault (VM exit, shadow walk and fix-up, VM entry); default 3 us (estimate:"
                        + " the platform's 2 us exit round trip plus the shadow code); only with shadowFaultsPerMs"));
        p.add(ParameterSpec.flag(REQUEST_REALTIME, false,
                "at playback start ask for soft real-time treatment with the SCHEDOP_SOFT_REALTIME hypercall"
                        + " (sbt, usbt), as the paper's guest OS may; schedulers without it answer ENOSYS and"
                        + " playback goes on"));
        p.add(ParameterSpec.duration(SBT, 60 * Durations.US, 1 * Durations.US, Durations.S,
                "SBT requested by the hypercall (minimum run per LL-boost); default: the paper's 60,000 TSC"
                        + " read as 60 us"));
        p.add(ParameterSpec.duration(USBT, 2_300 * Durations.US, 1 * Durations.US, 10 * Durations.S,
                "USBT requested by the hypercall (time between LL-boosts); default: the paper's 2.3 ms"));
        p.add(WorkingSet.spec(2048, "decoder state, about three 720x576 YUV 4:2:0 frames of 608 KiB each"
                + " (model choice)"));
        PARAMETERS = List.copyOf(p);
    }

    /** Creates the provider (found through {@link java.util.ServiceLoader}). */
    public VideoPlaybackProvider() {
        super("video-playback",
                "Windows XP media player (HVM): periodic decode wake-ups, frame deadlines, file reads through"
                + " the emulated disk",
                PARAMETERS, Set.of(Capability.QUALITY_METRICS, Capability.QUALITY_EVENTS, Capability.IO));
    }

    @Override
    public Workload create(WorkloadContext context, Parameters params) {
        return new VideoPlaybackWorkload(context, params);
    }
}
