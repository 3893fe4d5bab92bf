package io.github.vsched.cli;

import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.cli.exec.StopSignal;
import io.github.vsched.cli.output.OutputDir;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
    /** Stopped by Ctrl-C or SIGTERM (in-process; the process itself ends with the signal's status). */
    public static final int INTERRUPTED = 130;
    /** How long a stopping command may take to end its runs and say what it left. */
    static final long STOP_GRACE_SECONDS = 10;
    /** Most problems of a scenario listed; a file with thousands of mistakes is not printed whole. */
    static final int MAX_PROBLEMS_LISTED = 100;
    /** Longest message printed. */
    static final int MAX_MESSAGE = 2000;

    private Main() {
    }

    /**
     * Runs the command line and exits with its status. Ctrl-C or SIGTERM asks the command to
     * stop: its runs end at their next dispatch, it says so, and it leaves no partial output;
     * the process then ends with the signal's status (130 or 143).
     */
    public static void main(String[] args) {
        StopSignal stop = new StopSignal();
        CountDownLatch ended = new CountDownLatch(1);
        AtomicBoolean exiting = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (exiting.get()) {
                return;
            }
            stop.request();
            boolean stopped;
            try {
                stopped = ended.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                stopped = false;
            }
            if (!stopped) {
                System.err.println("vsched: interrupted; the command did not stop within " + STOP_GRACE_SECONDS
                        + " s: files it was writing are removed");
            }
            OutputDir.closeForShutdown();
        }, "vsched-stop"));
        int code;
        try {
            code = execute(args, System.out, System.err, stop);
            if (code == OK && stop.requested()) {
                System.err.println("vsched: interrupted as the command finished; its outputs are complete");
            }
        } finally {
            ended.countDown();
        }
        exiting.set(true);
        System.exit(code);
    }

    /**
     * Runs the command line with the given streams (used by tests in-process).
     *
     * @return the exit status
     */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        return execute(args, out, err, new StopSignal());
    }

    /**
     * Runs the command line with the given streams; raising {@code stop} stops it as Ctrl-C
     * does.
     *
     * @return the exit status
     */
    public static int execute(String[] args, PrintStream out, PrintStream err, StopSignal stop) {
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        VschedCommand top = new VschedCommand();
        top.session(new Session(o, e, err, "vsched " + String.join(" ", args), stop));
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
        err.println("vsched: error: " + printable(ex.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return BAD_INPUT;
    }

    /**
     * A message as printed: on one line, control characters escaped, at most
     * {@value #MAX_MESSAGE} characters, whatever text the user gave it (a file name, an option).
     */
    static String printable(String message) {
        return Problem.printable(message == null ? "" : message, MAX_MESSAGE);
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
            err.println("vsched: error: " + printable(ex.getMessage()));
            code = BAD_INPUT;
        } else if (ex instanceof CommandInterruptedException) {
            err.println("vsched: interrupted: " + ex.getMessage());
            code = INTERRUPTED;
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
