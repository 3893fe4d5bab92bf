package io.github.vsched.cli;

import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.core.PluginLoadException;
import io.github.vsched.core.UnknownPluginException;
import io.github.vsched.scenario.Problem;
import io.github.vsched.scenario.ScenarioException;
import io.github.vsched.scenario.ScenarioInputException;
import picocli.AutoComplete;
import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The entry point of {@code vsched}. Exit status: 0 on success, 1 when a run fails, 2 for bad
 * input (usage errors, scenarios that do not validate, unknown plugins, bad values, missing
 * files, an output folder that cannot be written).
 */
public final class Main {
    /** Success. */
    public static final int OK = 0;
    /** A simulation failed while running. */
    public static final int RUN_FAILED = 1;
    /** Bad input. */
    public static final int BAD_INPUT = 2;
    /** Most problems of a scenario listed; a file with thousands of mistakes is not printed whole. */
    static final int MAX_PROBLEMS_LISTED = 100;

    private Main() {
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /**
     * Runs the command line with the given streams (used by tests in-process).
     *
     * @return the exit status
     */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        VschedCommand top = new VschedCommand();
        top.session(new Session(o, e, err, "vsched " + String.join(" ", args)));
        CommandLine cmd = commandLine(top);
        cmd.setOut(o);
        cmd.setErr(e);
        try {
            return cmd.execute(args);
        } finally {
            o.flush();
            e.flush();
        }
    }

    /** The command tree with vsched's exception handling and exit codes. */
    static CommandLine commandLine(VschedCommand top) {
        CommandLine cmd = new CommandLine(top);
        CommandLine gen = new CommandLine(new AutoComplete.GenerateCompletion());
        gen.getCommandSpec().usageMessage().hidden(false);
        cmd.addSubcommand("generate-completion", gen);
        cmd.setExecutionExceptionHandler(Main::handle);
        cmd.setParameterExceptionHandler(Main::usage);
        return cmd;
    }

    private static int usage(CommandLine.ParameterException ex, String[] args) {
        CommandLine c = ex.getCommandLine();
        PrintWriter err = c.getErr();
        err.println("vsched: error: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return BAD_INPUT;
    }

    private static int handle(Exception ex, CommandLine c, CommandLine.ParseResult parsed) {
        PrintWriter err = c.getErr();
        int code;
        if (ex instanceof ScenarioException se) {
            int n = se.problems().size();
            if (n > 1) {
                err.println("vsched: error: " + n + " problems" + (n > MAX_PROBLEMS_LISTED ? " (the first "
                        + MAX_PROBLEMS_LISTED + " by line)" : "") + ":");
            }
            for (Problem p : se.problems().subList(0, Math.min(n, MAX_PROBLEMS_LISTED))) {
                err.println((n > 1 ? "  " : "vsched: error: ") + p);
            }
            if (n > MAX_PROBLEMS_LISTED) {
                err.println("  ... and " + (n - MAX_PROBLEMS_LISTED) + " more problems");
            }
            code = BAD_INPUT;
        } else if (ex instanceof UserInputException || ex instanceof ScenarioInputException
                || ex instanceof UnknownPluginException
                || ex instanceof InvalidParameterException || ex instanceof PluginLoadException) {
            err.println("vsched: error: " + ex.getMessage());
            code = BAD_INPUT;
        } else if (ex instanceof RunFailedException) {
            err.println("vsched: " + ex.getMessage());
            if (ex.getCause() != null) {
                ex.getCause().printStackTrace(err);
            }
            code = RUN_FAILED;
        } else {
            err.println("vsched: internal error: " + ex);
            ex.printStackTrace(err);
            code = RUN_FAILED;
        }
        err.flush();
        return code;
    }
}
