package io.github.vsched.scenario;

import io.github.vsched.api.Durations;
import io.github.vsched.api.Parameters;
import io.github.vsched.core.DomainSpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scenario's {@code report} settings: the VCPUs of interest ({@code report.vcpus}, at most
 * {@link ScenarioResolver#MAX_FOCUS_VCPUS}), the timeline window ({@code report.window}), the
 * expected period ({@code report.period}) and the wait threshold ({@code report.waitThreshold}).
 */
final class ReportResolver {
    private final List<Problem> problems;
    private final Set<String> warnings;
    private final ScenarioDocument doc;
    private final Origin fileOrigin;
    private final ValueParser values;

    /** @param fileOrigin the top of the scenario file, where problems without a value of their own are reported */
    ReportResolver(List<Problem> problems, Set<String> warnings, ScenarioDocument doc, Origin fileOrigin,
                   ValueParser values) {
        this.problems = problems;
        this.warnings = warnings;
        this.doc = doc;
        this.fileOrigin = fileOrigin;
        this.values = values;
    }

    /**
     * The report settings as given.
     *
     * @param focus           the VCPUs of interest ({@code domain/number})
     * @param windowStartNs   the start of the timeline window, -1 for the middle of the run
     * @param windowLengthNs  its length
     * @param periodNs        the expected period, 0 if none
     * @param waitThresholdNs waits after a wake-up longer than this are attributed to their cause
     */
    record Settings(List<String> focus, long windowStartNs, long windowLengthNs, long periodNs,
                    long waitThresholdNs) {
    }

    /**
     * The report settings of the scenario.
     *
     * @param vcpuCounts the VCPU count of each domain that resolved
     * @param domains    the domains that resolved
     */
    Settings resolve(Map<String, Integer> vcpuCounts, List<DomainSpec> domains) {
        List<String> focus = focus(vcpuCounts, domains);
        long windowStart = doc.windowStart == null ? -1 : values.duration(doc.windowStart, false);
        long windowLength = doc.windowLength == null ? ScenarioResolver.DEFAULT_WINDOW_NS
                : values.duration(doc.windowLength, true);
        Value periodValue = doc.get(ScenarioKey.REPORT_PERIOD);
        long period = periodValue == null ? 0 : values.duration(periodValue, true);
        Value waitValue = doc.get(ScenarioKey.REPORT_WAIT_THRESHOLD);
        long waitThreshold = waitValue != null ? values.duration(waitValue, false)
                : period > 0 ? period / 10 : ScenarioResolver.DEFAULT_WAIT_THRESHOLD_NS;
        return new Settings(focus, windowStart, windowLength, period, waitThreshold);
    }

    /**
     * Where the timeline window starts in a run of {@code durationNs}: where given, or the middle
     * of the run when not given or at or after its end (with a warning, unless it is the file's
     * window of a run the command line shortened).
     *
     * @param durationValue where the run's duration was given
     */
    long windowStart(Settings s, long durationNs, Value durationValue) {
        long windowStart = s.windowStartNs();
        if (windowStart >= durationNs && !windowOfAShortenedRun(doc.windowStart, durationValue)) {
            warnings.add(doc.windowStart.origin() + ": " + doc.windowStart.path() + ": the timeline window starts at "
                    + Durations.format(windowStart) + ", at or after the end of the run (" + Durations.format(durationNs)
                    + "); the report shows the middle of the run instead");
        }
        if (windowStart >= durationNs) {
            windowStart = -1;
        }
        if (windowStart < 0) {
            windowStart = Math.max(0, durationNs / 2 - s.windowLengthNs() / 2);
        }
        return windowStart;
    }

    /**
     * Whether a timeline window that starts after the end of the run is the file's window of
     * a run the command line shortened ({@code --duration}, {@code --set duration}): moving it
     * to the middle of the run is then what the user expects, not worth a warning. A window
     * given on the command line, or a file whose own duration ends before its window, is.
     */
    private static boolean windowOfAShortenedRun(Value windowStart, Value duration) {
        return windowStart.origin().inFile() && duration != null && !duration.origin().inFile();
    }

    /** The VCPUs of interest: those {@code report.vcpus} names, else every VCPU of the non-driver domains. */
    private List<String> focus(Map<String, Integer> vcpuCounts, List<DomainSpec> domains) {
        if (doc.reportVcpus != null) {
            return named(vcpuCounts);
        }
        List<String> out = new ArrayList<>();
        for (DomainSpec d : domains) {
            if (!d.driverDomain()) {
                for (int i = 0; i < d.vcpus(); i++) {
                    out.add(d.name() + "/" + i);
                }
            }
        }
        if (out.isEmpty()) {
            for (DomainSpec d : domains) {
                for (int i = 0; i < d.vcpus(); i++) {
                    out.add(d.name() + "/" + i);
                }
            }
        }
        if (out.size() > ScenarioResolver.MAX_FOCUS_VCPUS) {
            warnings.add(fileOrigin.source() + ": report.vcpus: the first " + ScenarioResolver.MAX_FOCUS_VCPUS
                    + " of its " + out.size() + " VCPUs are of interest (tables, charts, waits); name others with"
                    + " report.vcpus or --vcpus");
            return new ArrayList<>(out.subList(0, ScenarioResolver.MAX_FOCUS_VCPUS));
        }
        return out;
    }

    /** The VCPUs {@code report.vcpus} names, each once: {@code domain/number}, or a domain for all of its VCPUs. */
    private List<String> named(Map<String, Integer> vcpuCounts) {
        List<String> out = new ArrayList<>();
        if (doc.reportVcpus.isEmpty()) {
            problems.add(new Problem(doc.reportVcpusOrigin != null ? doc.reportVcpusOrigin : fileOrigin,
                    "report.vcpus", "names no VCPU; allowed: VCPUs ('domain/number') or domain names, for"
                    + " example winxp/0,dom1 (without report.vcpus: every VCPU of the non-driver domains)"));
        }
        for (Value v : doc.reportVcpus) {
            String t = v.text();
            int slash = t.indexOf('/');
            String dom = slash < 0 ? t : t.substring(0, slash);
            Integer n = vcpuCounts.get(dom);
            if (n == null) {
                if (doc.domains.stream().noneMatch(d -> d.name != null && d.name.text().equals(dom))) {
                    String hint = Parameters.closest(dom, new ArrayList<>(doc.domainNames()));
                    problems.add(v.problem("no domain " + Problem.quote(dom) + (hint == null ? "" : " (did you mean '"
                            + hint + "'?)") + "; domains: " + String.join(", ", doc.domainNames())));
                }
                continue;
            }
            if (slash < 0) {
                for (int i = 0; i < n; i++) {
                    out.add(dom + "/" + i);
                }
                continue;
            }
            try {
                int i = Integer.parseInt(t.substring(slash + 1));
                if (i < 0 || i >= n) {
                    throw new NumberFormatException();
                }
                out.add(dom + "/" + i);
            } catch (NumberFormatException e) {
                problems.add(v.problem("invalid VCPU " + Problem.quote(t) + "; allowed: " + dom + "/0 .. " + dom + "/"
                        + (n - 1) + ", or " + dom + " for all of them"));
            }
        }
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(out));
        if (distinct.size() > ScenarioResolver.MAX_FOCUS_VCPUS && !doc.reportVcpus.isEmpty()) {
            problems.add(doc.reportVcpus.get(0).problem("names " + distinct.size() + " VCPUs; allowed: at most "
                    + ScenarioResolver.MAX_FOCUS_VCPUS + " VCPUs of interest"));
        }
        return distinct;
    }
}
