package io.github.vsched.cli.result;

import io.github.vsched.core.metrics.StutterRecorder;

/**
 * How a soft real-time guest stuttered in one run, from the quality events it reported as they
 * happened (frames decided while the run went on; a frame dropped or an underrun still under way
 * when the run ended is counted by the workload's own metrics only).
 *
 * @param framesOnTime   frames done by their deadline
 * @param framesLate     frames shown late
 * @param framesDropped  frames given up
 * @param longestLateRun the most frames in a row that were late or dropped
 * @param audioWrites    writes to the audio buffer
 * @param underruns      times the audio buffer ran empty
 * @param underrunNs     how long it stayed empty, summed (ns)
 * @param firstStutterNs when the first late or dropped frame or underrun happened, or -1
 * @param durationNs     the run's simulated time, which the rates are per
 */
public record Stutter(long framesOnTime, long framesLate, long framesDropped, long longestLateRun, long audioWrites,
                      long underruns, long underrunNs, long firstStutterNs, long durationNs) {

    /** A guest that reported nothing in a run of {@code durationNs}. */
    public static Stutter none(long durationNs) {
        return of(StutterRecorder.Stutter.NONE, durationNs);
    }

    /** Converts the recorder's counts. */
    public static Stutter of(StutterRecorder.Stutter s, long durationNs) {
        return new Stutter(s.framesOnTime(), s.framesLate(), s.framesDropped(), s.longestLateRun(), s.audioWrites(),
                s.underruns(), s.underrunNs(), s.firstStutterNs(), durationNs);
    }

    /** Whether the guest reported video frames. */
    public boolean video() {
        return framesOnTime + framesLate + framesDropped > 0;
    }

    /** Whether the guest reported writing audio (or running out of it). */
    public boolean audio() {
        return audioWrites > 0 || underruns > 0;
    }

    /** Whether the guest reported anything: a video or audio player. */
    public boolean reported() {
        return video() || audio();
    }

    /** Late frames per second of the run. */
    public double lateFramesPerSecond() {
        return perSecond(framesLate);
    }

    /** Dropped frames per second of the run. */
    public double droppedFramesPerSecond() {
        return perSecond(framesDropped);
    }

    private double perSecond(long n) {
        return durationNs > 0 ? n / (durationNs / 1e9) : 0;
    }
}
