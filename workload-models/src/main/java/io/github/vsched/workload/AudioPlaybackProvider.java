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
 * Provider of {@code audio-playback}: a sound device drains a buffer of {@code bufferMs} in real
 * time; the player wakes every {@code period} and tops the buffer up, spending CPU in
 * proportion to the audio it writes ({@code burst} per {@code period} of audio). By default it
 * uses 5% of a CPU, the audio VM of the Xen Summit Asia 2009 case that the paper cites. It
 * counts underruns (glitches: intervals with the buffer empty) and their total duration; see
 * {@link AudioPlaybackWorkload}.
 */
public final class AudioPlaybackProvider extends ModelProvider {
    static final String BUFFER = "bufferMs";
    static final String PERIOD = "period";
    static final String BURST = "burst";
    static final String BURST_DISTRIBUTION = "burstDistribution";
    static final String BURST_CV = "burstCv";
    static final String RANDOM_START = "randomStart";
    static final String WRITE_ACCESSES = "writeAccesses";

    private static final List<ParameterSpec> PARAMETERS;

    static {
        List<ParameterSpec> p = new ArrayList<>();
        p.add(ParameterSpec.integer(BUFFER, "ms", 40, 1, 10_000,
                "milliseconds of audio the device buffer holds; default 40 ms (model choice: the order of the Windows XP"
                        + " kernel mixer's roughly 30 ms of buffering plus one period)"));
        p.add(ParameterSpec.duration(PERIOD, 10 * Durations.MS, 100 * Durations.US, Durations.S,
                "interval of the player's refill timer (shorter than bufferMs); default 10 ms (model choice: a"
                        + " common audio period)"));
        p.add(ParameterSpec.duration(BURST, 500 * Durations.US, Durations.US, Durations.S,
                "mean CPU to produce one period of audio (a refill costs this times the audio it writes over"
                        + " period); default 0.5 ms: 5% of a CPU, the audio VM of the Xen Summit Asia 2009 case"));
        p.addAll(BurstDistribution.specs(BURST_DISTRIBUTION, "fixed", BURST_CV, 0.2, "the refill burst",
                "the case gives a mean only"));
        p.add(ParameterSpec.flag(RANDOM_START, true,
                "start playback at a uniformly random instant of the first period (from the workload's stream) rather"
                        + " than at the VCPU's first run; default true (model choice: a player starts at an arbitrary"
                        + " time relative to the hypervisor's 10 ms tick, which credit's accounting samples)"));
        p.add(ParameterSpec.integer(WRITE_ACCESSES, "accesses", 0, 0, 1_000,
                "register accesses to the emulated sound card (HVM) to hand over each refill (status reads and"
                        + " clears, the last valid index), each a round trip through qemu-dm in dom0 during which the"
                        + " VCPU waits; the audio lands when the last is answered; default 0 (a PV or passed-through"
                        + " sound path; 5 models an HVM guest's AC97 card)"));
        p.add(WorkingSet.spec(256, "codec state and mixing buffers (model choice)"));
        PARAMETERS = List.copyOf(p);
    }

    /** Creates the provider (found through {@link java.util.ServiceLoader}). */
    public AudioPlaybackProvider() {
        super("audio-playback",
                "audio player: a device buffer refilled by periodic bursts (about 5% of a CPU); counts underruns",
                PARAMETERS, Set.of(Capability.QUALITY_METRICS, Capability.QUALITY_EVENTS));
    }

    @Override
    public Workload create(WorkloadContext context, Parameters params) {
        return new AudioPlaybackWorkload(context, params);
    }
}
