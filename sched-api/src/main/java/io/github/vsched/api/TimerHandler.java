package io.github.vsched.api;

/** What a {@link Timer} runs when it fires. */
@FunctionalInterface
public interface TimerHandler {

    /** Called at the timer's expiry, on the timer's PCPU. */
    void onTimer(long now);
}
