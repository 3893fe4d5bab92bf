package io.github.vsched.core.observe;

/**
 * Checked mode found the simulation in an impossible state, or a plugin made an impossible
 * decision. The message names the event, the PCPU, the VCPU and the decision involved, and
 * ends with the scheduler's own account of its state ({@code Scheduler.dumpState}) when it
 * gives one.
 */
public class InvariantViolationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The scheduler's dump, or empty. */
    private final String schedulerState;

    /** @param message what broke, where, and which decision did it */
    public InvariantViolationException(String message) {
        this(message, "");
    }

    /**
     * @param message        what broke, where, and which decision did it
     * @param schedulerState the scheduler's dump of its state at that moment (may be empty);
     *                       appended to the message
     */
    public InvariantViolationException(String message, String schedulerState) {
        super(schedulerState == null || schedulerState.isEmpty() ? message
                : message + "\nscheduler state:\n" + schedulerState.indent(2).stripTrailing());
        this.schedulerState = schedulerState == null ? "" : schedulerState;
    }

    /** The scheduler's dump of its state when the violation was found, or empty if it gives none. */
    public String schedulerState() {
        return schedulerState;
    }
}
