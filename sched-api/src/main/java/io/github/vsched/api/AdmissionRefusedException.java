package io.github.vsched.api;

/**
 * A scheduler's admission control refusing one VCPU or one parameter change: a normal outcome,
 * not an error. Throw it from {@link Scheduler#addVcpu} (the VCPU is not admitted: it stays down,
 * never runnable, and the scheduler hears nothing more of it), or from
 * {@link Scheduler#adjustDomain}, {@link Scheduler#adjustVcpu} or {@link Scheduler#adjustGlobal}
 * (the change is undone and the previous parameters stay). The run continues; the refusal is
 * reported with the results ({@code SimulationResult.refusals()}, {@code result.json}, the
 * console). Throw it before changing any state of your own.
 *
 * <p>Xen's counterpart is the {@code -ENOSPC}/{@code -EINVAL} a scheduler with admission
 * control returns from {@code insert_unit} or {@code adjust}, after which the toolstack leaves
 * the VCPU offline or the old parameters in place. Values that are simply out of range are an
 * {@link InvalidParameterException} instead: those are the user's mistake, and stop the run.
 */
public class AdmissionRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param reason why, with the figures (e.g. the utilisation it would reach and the limit) */
    public AdmissionRefusedException(String reason) {
        super(reason);
    }
}
