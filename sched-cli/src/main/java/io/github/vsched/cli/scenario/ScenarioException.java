package io.github.vsched.cli.scenario;

import io.github.vsched.cli.UserInputException;

import java.util.List;

/** A scenario that cannot be read or does not validate; lists every problem found. */
public class ScenarioException extends UserInputException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    /** @param problems at least one problem */
    public ScenarioException(List<Problem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    /** A single problem. */
    public ScenarioException(Problem problem) {
        this(List.of(problem));
    }

    /** The problems, in the order they were found. */
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
