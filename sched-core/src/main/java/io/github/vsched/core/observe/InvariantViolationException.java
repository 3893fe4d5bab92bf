package io.github.vsched.core.observe;

/**
 * Checked mode found the simulation in an impossible state, or a plugin made an impossible
 * decision. The message names the event, the PCPU, the VCPU and the decision involved.
 */
public class InvariantViolationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what broke, where, and which decision did it */
    public InvariantViolationException(String message) {
        super(message);
    }
}
