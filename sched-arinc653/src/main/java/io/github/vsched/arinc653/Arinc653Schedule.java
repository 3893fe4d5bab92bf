package io.github.vsched.arinc653;

import io.github.vsched.api.Durations;
import io.github.vsched.api.InvalidParameterException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A validated ARINC 653 schedule (Xen's {@code struct xen_sysctl_arinc653_schedule}): the minor
 * frames in order, each naming a domain, a VCPU number and a run time, and the major frame. The
 * checks are those of Xen 4.14's {@code arinc653_sched_set}: 1 to {@value #MAX_ENTRIES} entries,
 * every run time positive, a positive major frame at least the sum of the run times.
 *
 * @param entries    the minor frames, in the order they run
 * @param majorFrame the length of the major frame in nanoseconds
 */
public record Arinc653Schedule(List<Entry> entries, long majorFrame) {
    /** Xen's {@code ARINC653_MAX_DOMAINS_PER_SCHEDULE}. */
    public static final int MAX_ENTRIES = 64;

    /** What a minor frame looks like, for messages. */
    static final String ENTRY_FORM = "DOMAIN/VCPU:RUNTIME with a VCPU number >= 0 and a run time > 0 with a unit"
            + " (e.g. dom0/0:5ms)";

    /**
     * One minor frame ({@code sched_entry_t}).
     *
     * @param domain    the domain's name (Xen matches the domain handle)
     * @param vcpu      the VCPU number within the domain
     * @param runtimeNs how long the VCPU may run in each major frame, &gt; 0
     */
    public record Entry(String domain, int vcpu, long runtimeNs) {
        /** Checks the values. */
        public Entry {
            Objects.requireNonNull(domain, "domain");
            if (vcpu < 0 || runtimeNs <= 0) {
                throw new IllegalArgumentException("minor frame " + domain + "/" + vcpu + ":" + runtimeNs + "ns");
            }
        }

        @Override
        public String toString() {
            return domain + "/" + vcpu + ":" + Durations.format(runtimeNs);
        }
    }

    /** Copies the list and applies Xen's checks. */
    public Arinc653Schedule {
        entries = List.copyOf(entries);
        if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw new InvalidParameterException(Arinc653SchedulerProvider.SCHEDULE, entries.size()
                    + " minor frames; a schedule has 1 to " + MAX_ENTRIES + " (ARINC653_MAX_DOMAINS_PER_SCHEDULE)");
        }
        long sum = sumOf(entries);
        if (majorFrame <= 0 || majorFrame < sum) {
            throw new InvalidParameterException(Arinc653SchedulerProvider.MAJOR_FRAME, Durations.format(majorFrame),
                    "a major frame at least the sum of the minor frames' run times, " + Durations.format(sum));
        }
    }

    private static long sumOf(List<Entry> entries) {
        long sum = 0;
        for (Entry e : entries) {
            sum += e.runtimeNs();
        }
        return sum;
    }

    /**
     * Parses the {@code schedule} parameter: minor frames {@code DOMAIN/VCPU:RUNTIME} separated
     * by commas, in the order they run.
     *
     * @param text         the parameter's value, not empty
     * @param majorFrameNs the major frame, or 0 for the sum of the run times
     * @param tscHz        the platform's TSC rate, for run times written in {@code tsc}
     * @throws InvalidParameterException naming the bad entry and what is allowed
     */
    public static Arinc653Schedule parse(String text, long majorFrameNs, long tscHz) {
        List<Entry> out = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String item = raw.trim();
            int colon = item.lastIndexOf(':');
            int slash = colon < 0 ? -1 : item.lastIndexOf('/', colon);
            if (slash <= 0 || colon <= slash + 1 || colon == item.length() - 1) {
                throw new InvalidParameterException(Arinc653SchedulerProvider.SCHEDULE, item, ENTRY_FORM);
            }
            String domain = item.substring(0, slash).trim();
            int vcpu;
            long runtime;
            try {
                vcpu = Integer.parseInt(item.substring(slash + 1, colon).trim());
                runtime = Durations.parse(item.substring(colon + 1).trim(), tscHz);
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException(Arinc653SchedulerProvider.SCHEDULE, item, ENTRY_FORM);
            }
            if (domain.isEmpty() || vcpu < 0 || runtime <= 0) {
                throw new InvalidParameterException(Arinc653SchedulerProvider.SCHEDULE, item, ENTRY_FORM);
            }
            out.add(new Entry(domain, vcpu, runtime));
        }
        if (out.size() > MAX_ENTRIES) {
            throw new InvalidParameterException(Arinc653SchedulerProvider.SCHEDULE, out.size()
                    + " minor frames; a schedule has 1 to " + MAX_ENTRIES + " (ARINC653_MAX_DOMAINS_PER_SCHEDULE)");
        }
        return new Arinc653Schedule(out, majorFrameNs == 0 ? sumOf(out) : majorFrameNs);
    }
}
