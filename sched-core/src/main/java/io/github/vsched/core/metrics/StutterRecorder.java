package io.github.vsched.core.metrics;

import io.github.vsched.api.QualityEvent;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.observe.SimulationListener;

import java.util.Arrays;

/**
 * How soft real-time guests stuttered, from the quality events they report
 * ({@link QualityEvent}), per VCPU: frames on time, late and dropped, the longest run of
 * consecutive frames that were not on time, audio writes, underruns and how long the buffer
 * stayed empty, and when the first stutter (a late or dropped frame, an underrun) happened.
 * A few counters per VCPU that reports; nothing is allocated per event once a VCPU has been
 * seen.
 */
public final class StutterRecorder implements SimulationListener {

    /**
     * One VCPU's stutter over a run.
     *
     * @param framesOnTime   frames done by their deadline
     * @param framesLate     frames shown late
     * @param framesDropped  frames given up
     * @param longestLateRun the most frames in a row that were late or dropped
     * @param audioWrites    writes to an audio buffer
     * @param underruns      times the audio buffer ran empty
     * @param underrunNs     how long it stayed empty, summed
     * @param firstStutterNs when the first late or dropped frame or underrun was reported, or -1
     */
    public record Stutter(long framesOnTime, long framesLate, long framesDropped, long longestLateRun,
                          long audioWrites, long underruns, long underrunNs, long firstStutterNs) {
        /** Nothing reported. */
        public static final Stutter NONE = new Stutter(0, 0, 0, 0, 0, 0, 0, -1);

        /** Frames decided, on time or not. */
        public long frames() {
            return framesOnTime + framesLate + framesDropped;
        }

        /** Whether the guest reported video frames. */
        public boolean video() {
            return frames() > 0;
        }

        /** Whether the guest reported audio writes or underruns. */
        public boolean audio() {
            return audioWrites > 0 || underruns > 0;
        }
    }

    private static final int ON_TIME = 0;
    private static final int LATE = 1;
    private static final int DROPPED = 2;
    private static final int STREAK = 3;
    private static final int LONGEST = 4;
    private static final int WRITES = 5;
    private static final int UNDERRUNS = 6;
    private static final int UNDERRUN_NS = 7;
    private static final int FIRST = 8;
    private static final int FIELDS = 9;

    /** {@link #FIELDS} counters per VCPU id, made at a VCPU's first report. */
    private long[][] counters = new long[0][];

    private long[] of(VcpuView v) {
        int id = v.id();
        if (id >= counters.length) {
            counters = Arrays.copyOf(counters, Math.max(id + 1, 2 * counters.length));
        }
        long[] c = counters[id];
        if (c == null) {
            c = new long[FIELDS];
            c[FIRST] = -1;
            counters[id] = c;
        }
        return c;
    }

    @Override
    public void onQuality(VcpuView vcpu, QualityEvent event, long value, long now) {
        long[] c = of(vcpu);
        switch (event) {
            case FRAME_ON_TIME -> {
                c[ON_TIME]++;
                c[STREAK] = 0;
            }
            case FRAME_LATE, FRAME_DROPPED -> {
                c[event == QualityEvent.FRAME_LATE ? LATE : DROPPED]++;
                c[STREAK]++;
                c[LONGEST] = Math.max(c[LONGEST], c[STREAK]);
                first(c, now);
            }
            case AUDIO_WRITE -> c[WRITES]++;
            case AUDIO_UNDERRUN -> {
                c[UNDERRUNS]++;
                c[UNDERRUN_NS] += value;
                first(c, now);
            }
            default -> {
            }
        }
    }

    private static void first(long[] c, long now) {
        if (c[FIRST] < 0) {
            c[FIRST] = now;
        }
    }

    /** The stutter of {@code vcpu}: {@link Stutter#NONE} when its guest reported nothing. */
    public Stutter stutter(VcpuView vcpu) {
        int id = vcpu.id();
        long[] c = id < counters.length ? counters[id] : null;
        if (c == null) {
            return Stutter.NONE;
        }
        return new Stutter(c[ON_TIME], c[LATE], c[DROPPED], c[LONGEST], c[WRITES], c[UNDERRUNS], c[UNDERRUN_NS],
                c[FIRST]);
    }
}
