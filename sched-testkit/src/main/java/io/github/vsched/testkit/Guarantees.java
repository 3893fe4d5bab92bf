package io.github.vsched.testkit;

import io.github.vsched.core.VcpuStats;

import java.util.ArrayList;
import java.util.List;

/**
 * Promises a scheduler makes, checked against a {@link Recording}. Each check returns a
 * {@link Check} whose {@link Check#holds()} fails with every violation found (the first ten in
 * the message), so a test reads as the promise it verifies:
 *
 * <pre>{@code
 * Guarantees g = Guarantees.of(recording);
 * g.reservation("rt/0", 2 * MS, 10 * MS, 0).holds();     // budget B in every period P
 * g.share("a", 0.5, 0.01).holds();                       // half the machine, within 1 point
 * g.wakeLatency("io/0", 100 * US).holds();               // every wake-up served within 100 us
 * }</pre>
 */
public final class Guarantees {
    private final Recording r;

    private Guarantees(Recording r) {
        this.r = r;
    }

    /** The checks of one recording. */
    public static Guarantees of(Recording r) {
        return new Guarantees(r);
    }

    /**
     * A reservation: {@code vcpu} ran at least {@code budgetNs - toleranceNs} in every whole
     * period {@code [k * periodNs, (k + 1) * periodNs)} of the run. Meaningful for a VCPU that
     * always has work (a hog); a VCPU that blocks uses less than its budget by its own choice.
     */
    public Check reservation(String vcpu, long budgetNs, long periodNs, long toleranceNs) {
        if (budgetNs <= 0 || periodNs <= 0 || budgetNs > periodNs || toleranceNs < 0) {
            throw new IllegalArgumentException("need 0 < budget <= period and tolerance >= 0, got budget " + budgetNs
                    + ", period " + periodNs + ", tolerance " + toleranceNs);
        }
        List<String> bad = new ArrayList<>();
        for (long start = 0; start + periodNs <= r.endNs(); start += periodNs) {
            long ran = r.runningNs(vcpu, start, start + periodNs);
            if (ran < budgetNs - toleranceNs) {
                bad.add("period [" + start + ", " + (start + periodNs) + ") ns: ran " + ran + " ns");
            }
        }
        return new Check(vcpu + " gets " + budgetNs + " ns every " + periodNs + " ns (tolerance " + toleranceNs
                + " ns)", bad);
    }

    /**
     * A share: the VCPUs of {@code vcpuOrDomain} (a VCPU {@code domain/index}, or a domain's
     * name for all its VCPUs) ran {@code fraction} of one PCPU's time, within {@code tolerance}
     * (both as fractions, e.g. 0.5 and 0.01).
     */
    public Check share(String vcpuOrDomain, double fraction, double tolerance) {
        double sum = 0;
        boolean any = false;
        for (VcpuStats v : r.result().vcpus()) {
            if (v.name().equals(vcpuOrDomain) || v.domain().equals(vcpuOrDomain)) {
                sum += v.cpuShare();
                any = true;
            }
        }
        if (!any) {
            throw new IllegalArgumentException("no VCPU or domain named " + vcpuOrDomain);
        }
        List<String> bad = Math.abs(sum - fraction) > tolerance ? List.of("ran " + sum + " of a PCPU") : List.of();
        return new Check(vcpuOrDomain + " runs " + fraction + " of a PCPU within " + tolerance, bad);
    }

    /** A latency bound: every wake-up of {@code vcpu} was dispatched within {@code boundNs}. */
    public Check wakeLatency(String vcpu, long boundNs) {
        List<String> bad = new ArrayList<>();
        List<Long> waits = r.wakeLatencies(vcpu);
        for (int i = 0; i < waits.size(); i++) {
            if (waits.get(i) > boundNs) {
                bad.add("wake-up " + i + " waited " + waits.get(i) + " ns");
            }
        }
        return new Check(vcpu + " is dispatched within " + boundNs + " ns of every wake-up (" + waits.size()
                + " wake-ups)", bad);
    }

    /**
     * The outcome of one check.
     *
     * @param promise    what was checked, in words
     * @param violations each place it did not hold, empty if it held
     */
    public record Check(String promise, List<String> violations) {
        /** Copies the list. */
        public Check {
            violations = List.copyOf(violations);
        }

        /** Whether the promise held everywhere. */
        public boolean held() {
            return violations.isEmpty();
        }

        /**
         * Fails with the promise and the violations (the first ten, and how many there were) if
         * it did not hold.
         */
        public void holds() {
            if (!violations.isEmpty()) {
                throw new AssertionError("expected: " + promise + "; " + violations.size() + " violation"
                        + (violations.size() == 1 ? "" : "s") + ": "
                        + String.join("; ", violations.subList(0, Math.min(10, violations.size())))
                        + (violations.size() > 10 ? "; ..." : ""));
            }
        }
    }
}
