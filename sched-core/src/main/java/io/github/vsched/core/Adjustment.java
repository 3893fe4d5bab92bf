package io.github.vsched.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A change of scheduler parameters at a given time of a scenario: what the toolstack does
 * during a run with {@code xl sched-credit -s -t 10} (scheduler-wide, Xen's
 * {@code adjust_global}), {@code xl sched-credit -d D -w 512} (one domain, {@code adjust}) or
 * {@code xl sched-rtds -d D -v 0 -b 3000} (one VCPU). Values not given keep their setting. A
 * refusal of the scheduler's admission control is reported with the results and the run goes on.
 *
 * @param atNs   when, from the start of the run
 * @param level  what it changes
 * @param domain the domain, for {@link Level#DOMAIN} and {@link Level#VCPU} (else null)
 * @param vcpu   the VCPU number, for {@link Level#VCPU} (else -1)
 * @param params the new values as text, by parameter name
 */
public record Adjustment(long atNs, Level level, String domain, int vcpu, Map<String, String> params) {

    /** What an adjustment changes. */
    public enum Level {
        /** The scheduler-wide parameters ({@code adjust_global}). */
        SCHEDULER,
        /** One domain's parameters ({@code adjust}). */
        DOMAIN,
        /** One VCPU's parameters. */
        VCPU
    }

    /** Validates and copies. */
    public Adjustment {
        Objects.requireNonNull(level, "level");
        if (atNs < 0) {
            throw new IllegalArgumentException("an adjustment's time must be >= 0, got " + atNs + " ns");
        }
        if ((level == Level.SCHEDULER) != (domain == null)) {
            throw new IllegalArgumentException("a " + level + " adjustment " + (domain == null ? "needs" : "has no")
                    + " domain");
        }
        if ((level == Level.VCPU) != (vcpu >= 0)) {
            throw new IllegalArgumentException("a " + level + " adjustment " + (vcpu < 0 ? "needs" : "has no") + " VCPU");
        }
        if (params.isEmpty()) {
            throw new IllegalArgumentException("an adjustment needs at least one parameter");
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The scheduler-wide parameters at {@code atNs} ({@code xl sched-credit -s ...}). */
    public static Adjustment scheduler(long atNs, Map<String, String> params) {
        return new Adjustment(atNs, Level.SCHEDULER, null, -1, params);
    }

    /** Domain {@code domain}'s parameters at {@code atNs} ({@code xl sched-credit -d D ...}). */
    public static Adjustment domain(long atNs, String domain, Map<String, String> params) {
        return new Adjustment(atNs, Level.DOMAIN, Objects.requireNonNull(domain, "domain"), -1, params);
    }

    /** VCPU {@code domain/vcpu}'s parameters at {@code atNs} ({@code xl sched-rtds -d D -v N ...}). */
    public static Adjustment vcpu(long atNs, String domain, int vcpu, Map<String, String> params) {
        return new Adjustment(atNs, Level.VCPU, Objects.requireNonNull(domain, "domain"), vcpu, params);
    }

    /** {@code scheduler}, {@code domain D} or {@code vcpu D/N}. */
    public String subject() {
        return switch (level) {
            case SCHEDULER -> "scheduler";
            case DOMAIN -> "domain " + domain;
            case VCPU -> "vcpu " + domain + "/" + vcpu;
        };
    }
}
