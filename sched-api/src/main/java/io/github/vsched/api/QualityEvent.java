package io.github.vsched.api;

/**
 * What a soft real-time guest tells about the quality it delivers, as it happens
 * ({@link Guest#report}): a video frame shown on time, late or not at all, an audio buffer
 * refilled or run empty. Reports, charts and recorders read these to show when playback
 * stuttered; they change nothing in the simulation.
 */
public enum QualityEvent {
    /** A video frame was done by its display deadline; the value is its margin (deadline minus done time, ns). */
    FRAME_ON_TIME,
    /** A video frame was done after its display deadline and shown late; the value is its lateness (ns). */
    FRAME_LATE,
    /**
     * A video frame was given up: not done by its drop time, so the player skipped it; the value
     * is how far past its display deadline the player was when it gave up (ns).
     */
    FRAME_DROPPED,
    /** Audio was written to the device's buffer; the value is the buffer's level just before the write (ns of audio). */
    AUDIO_WRITE,
    /**
     * The audio buffer had run empty and the device played silence until this write (a
     * glitch); the value is how long it was empty (ns), ending now.
     */
    AUDIO_UNDERRUN
}
