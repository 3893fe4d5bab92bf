package io.github.vsched.api;

/**
 * What one guest VCPU does, as a state machine the engine drives. The engine calls
 * {@link #next} whenever the VCPU is running and has nothing left to do; the model answers by
 * calling exactly one action on the {@link Guest}: {@link Guest#compute}, {@link Guest#block},
 * {@link Guest#yield} or {@link Guest#halt}. CPU work advances only while the VCPU runs.
 */
public interface GuestModel {

    /**
     * The VCPU is running and its previous action is complete (or it has just started, or
     * returned from a block): choose the next action. Events delivered since the last call
     * have already been passed to {@link #onEvent} and are now consumed.
     */
    void next(Guest guest);

    /**
     * An event is delivered to this VCPU ({@link GuestEvent}), at the time it arrives, whether
     * the VCPU is running, runnable or blocked; a blocked VCPU is woken after this returns.
     * Update state only; actions are chosen in {@link #next}.
     *
     * @param kind one of {@link GuestEvent}
     * @param tag  the value given when the event was requested (timer or I/O)
     */
    default void onEvent(Guest guest, int kind, long tag) {
    }

    /**
     * The guest's cache working set in bytes, which decides what a move to a PCPU that shares
     * no cache with the previous one costs ({@link Platform#migrationPenaltyNs}).
     */
    default long workingSetBytes() {
        return 0;
    }
}
