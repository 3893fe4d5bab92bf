package io.github.vsched.srtcredit;

import io.github.vsched.api.Durations;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;

import java.util.List;

/**
 * The machine-wide settings of srt-credit: which of the paper's four mechanisms are on, and
 * the choices the paper leaves open.
 *
 * @param llBoost            mechanism 1: LL-BOOST, a priority above BOOST
 * @param sbtUsbt            mechanism 2: SBT limits an LL-boost, USBT spaces them
 * @param borrowing          mechanism 3: OVER-state support (credit borrowed from the future)
 * @param llMigration        mechanism 4: load balancing steals LL-boosted VCPUs first
 * @param sbtInCredits       SBT is given in credits (1 credit = 100 us of CPU) instead of time
 * @param usbtFromEnd        USBT counts from the end of the previous LL-boost, not its grant
 * @param promoteOnUsbtExpiry a VCPU runnable when its USBT expires is LL-boosted at that instant
 * @param borrowLimit        most credits a VCPU may owe
 * @param maxRealtimeShare   admission limit per PCPU: the sum of SBT/USBT of its soft real-time
 *                           VCPUs
 */
public record SrtConfig(boolean llBoost, boolean sbtUsbt, boolean borrowing, boolean llMigration,
                        boolean sbtInCredits, boolean usbtFromEnd, boolean promoteOnUsbtExpiry,
                        int borrowLimit, double maxRealtimeShare) {

    /** Validates. */
    public SrtConfig {
        if (borrowLimit < 0) {
            throw new InvalidParameterException("borrowLimit", Integer.toString(borrowLimit), "a value >= 0 credits");
        }
        if (!(maxRealtimeShare > 0 && maxRealtimeShare <= 1)) {
            throw new InvalidParameterException("maxRealtimeShare", Double.toString(maxRealtimeShare), "(0, 1]");
        }
    }

    /** Nanoseconds of CPU per credit ({@code CSCHED_CREDITS_PER_MSEC} = 10). */
    public static final long NS_PER_CREDIT = 100 * Durations.US;

    /** The machine-wide parameters srt-credit adds to credit's. */
    static List<ParameterSpec> specs() {
        return List.of(
                ParameterSpec.flag("mechanismLlBoost", true,
                        "mechanism 1: soft real-time VCPUs get LL-BOOST, a priority above BOOST (paper section 1)"),
                ParameterSpec.flag("mechanismSbtUsbt", true,
                        "mechanism 2: an LL-boost lasts at most SBT and the next one waits until USBT has passed;"
                                + " off: LL-boost on every wake-up until the VCPU blocks"),
                ParameterSpec.flag("mechanismBorrowing", true,
                        "mechanism 3: soft real-time VCPUs with borrow=true borrow credit instead of becoming OVER"),
                ParameterSpec.flag("mechanismLlMigration", true,
                        "mechanism 4: load balancing first steals LL-boosted VCPUs from any peer"),
                ParameterSpec.choice("sbtUnit", "time", List.of("time", "credits"),
                        "SBT in time (per-VCPU sbt) or in credits (per-VCPU sbtCredits, 1 credit = 100 us)"),
                ParameterSpec.choice("usbtFrom", "grant", List.of("grant", "end"),
                        "USBT counts from the start (grant) or the end of the previous LL-boost"),
                ParameterSpec.flag("promoteOnUsbtExpiry", true,
                        "a VCPU runnable when its USBT expires is LL-boosted at that instant (periodic behaviour)"),
                ParameterSpec.integer("borrowLimit", "credits", 300, 0, 100_000,
                        "most credits a VCPU may owe (default one accounting period's worth: 300)"),
                ParameterSpec.decimal("maxRealtimeShare", "", 0.5, 0.01, 1.0,
                        "admission limit for guest requests: sum of SBT/USBT of the soft real-time VCPUs of a PCPU"));
    }

    /** The per-VCPU parameters: the administrator's way to make a VCPU soft real-time. */
    static List<ParameterSpec> vcpuSpecs() {
        return List.of(
                ParameterSpec.flag("llBoost", false, "this VCPU is soft real-time (eligible for LL-BOOST)"),
                ParameterSpec.duration("sbt", 0, 0, Durations.S,
                        "SBT: CPU time an LL-boost may use (sbtUnit=time); required > 0 with llBoost"),
                ParameterSpec.integer("sbtCredits", "credits", 0, 0, 10_000,
                        "SBT in credits (sbtUnit=credits); required > 0 with llBoost"),
                ParameterSpec.duration("usbt", 0, 0, 10 * Durations.S,
                        "USBT: time between LL-boosts; required > 0 and >= SBT with llBoost"),
                ParameterSpec.flag("borrow", false,
                        "may borrow credit to stay UNDER (mechanism 3; off by default as it costs fairness)"));
    }

    /** Reads the machine-wide settings. */
    static SrtConfig from(Parameters p) {
        return new SrtConfig(p.flag("mechanismLlBoost"), p.flag("mechanismSbtUsbt"), p.flag("mechanismBorrowing"),
                p.flag("mechanismLlMigration"),
                p.choice("sbtUnit").equals("credits"), p.choice("usbtFrom").equals("end"),
                p.flag("promoteOnUsbtExpiry"), (int) p.integer("borrowLimit"), p.decimal("maxRealtimeShare"));
    }
}
