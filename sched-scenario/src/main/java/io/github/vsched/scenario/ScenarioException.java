package io.github.vsched.scenario;

import java.util.List;

/** A scenario that cannot be read or does not validate; lists every problem found. */
public class ScenarioException extends ScenarioInputException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    /** @param problems at least one problem; listed by file, line and column, options last */
    public ScenarioException(List<Problem> problems) {
        super(render(sorted(problems)));
        this.problems = sorted(problems);
    }

    private static List<Problem> sorted(List<Problem> problems) {
        List<Problem> s = new java.util.ArrayList<>(problems);
        s.sort(java.util.Comparator.comparing((Problem p) -> !p.origin().inFile())
                .thenComparing(p -> p.origin().inFile() ? p.origin().source() : "")
                .thenComparingInt(p -> p.origin().line()).thenComparingInt(p -> p.origin().column()));
        return List.copyOf(s);
    }

    /** A single problem. */
    public ScenarioException(Problem problem) {
        this(List.of(problem));
    }

    /** The problems, by file, line and column; problems of command-line options last. */
    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a scenario exception needs a problem");
        }
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(p);
        }
        return sb.toString();
    }
}
