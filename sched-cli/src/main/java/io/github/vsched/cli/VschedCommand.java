package io.github.vsched.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/**
 * {@code vsched}: the top-level command. Without a subcommand it runs the built-in default,
 * the paper's comparison: {@code compare builtin:paper-compile --schedulers credit,srt-credit}.
 */
@Command(name = "vsched", mixinStandardHelpOptions = true, versionProvider = VschedCommand.VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"A laboratory for hypervisor VCPU schedulers: simulate Xen's scheduling of guest VCPUs under"
                + " pluggable schedulers, platforms and workloads.", "",
            "Without a command, runs the built-in default: " + VschedCommand.DEFAULT_TEXT + "."},
        subcommands = {RunCommand.class, CompareCommand.class, SweepCommand.class, MergeCommand.class,
            ListCommand.class, ValidateCommand.class},
        footer = {"", "Exit status: 0 success, 1 a run failed, 2 bad input (usage, scenario, unknown plugin, bad value,"
                + " missing file, output folder not writable, beyond a limit), 130 or 143 stopped by Ctrl-C or SIGTERM"
                + " (no output is left; a sweep started again with the same command resumes).",
            "Shell completion: source <(vsched generate-completion)"})
public final class VschedCommand extends CommandBase {
    /** The default run's arguments. */
    static final List<String> DEFAULT_ARGS = List.of("compare", "builtin:paper-compile", "--schedulers",
            "credit,srt-credit");
    static final String DEFAULT_TEXT = "vsched compare builtin:paper-compile --schedulers credit,srt-credit";

    private Session session;

    /** The session of this invocation. */
    Session session() {
        return session;
    }

    void session(Session s) {
        this.session = s;
    }

    @Override
    public Integer call() {
        Session s = session;
        s.err().println("vsched: no command given; running the built-in default: " + DEFAULT_TEXT
                + " (see vsched --help)");
        s.err().flush();
        // the compare command takes this command's --plugin-path too (CommandBase.session)
        CommandLine compare = spec.subcommands().get("compare");
        return compare.execute(DEFAULT_ARGS.subList(1, DEFAULT_ARGS.size()).toArray(new String[0]));
    }

    /** {@code vsched VERSION}, the Java version and the bundled plugins' count is left to {@code list}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"vsched " + Version.get() + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
