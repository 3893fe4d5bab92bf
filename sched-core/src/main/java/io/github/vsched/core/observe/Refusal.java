package io.github.vsched.core.observe;

/**
 * What a scheduler's admission control refused during a run
 * ({@link io.github.vsched.api.AdmissionRefusedException}): a VCPU it did not admit, which
 * stayed down, or a parameter change it did not take, whose previous values stayed.
 *
 * @param timeNs  when
 * @param subject what it concerned: {@code vcpu NAME/N}, {@code domain NAME} or {@code scheduler}
 * @param change  what was asked: {@code insertion}, or the parameters as given ({@code budget=3ms})
 * @param reason  the scheduler's reason, with its figures
 */
public record Refusal(long timeNs, String subject, String change, String reason) {

    /** One line: {@code t=0 ns: vcpu rt/2: insertion refused: REASON}. */
    @Override
    public String toString() {
        return "t=" + timeNs + " ns: " + subject + ": " + change + " refused: " + reason;
    }
}
