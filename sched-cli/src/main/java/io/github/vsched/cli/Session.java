package io.github.vsched.cli;

import io.github.vsched.cli.exec.PluginPath;
import io.github.vsched.cli.exec.StopSignal;
import io.github.vsched.core.PluginLoadException;
import io.github.vsched.core.PluginRegistry;
import io.github.vsched.core.SimulationFactory;
import io.github.vsched.core.Simulations;
import io.github.vsched.scenario.ScenarioResolver;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one command invocation shares: its output streams, the command line as typed, and the
 * plugins (loaded once, through {@link Simulations#factory(ClassLoader, com.google.inject.Module...)}
 * with the {@code --plugin-path} class loader).
 */
public final class Session {
    private final PrintWriter out;
    private final PrintWriter err;
    private final PrintStream errStream;
    private final String commandLine;
    private final Set<String> warned = new LinkedHashSet<>();
    private List<Path> pluginEntries = List.of();
    private PluginPath plugins;
    private SimulationFactory factory;
    private long maxDurationNs = ScenarioResolver.DEFAULT_MAX_DURATION_NS;
    private boolean allowFilesOutside;
    private final StopSignal stop;

    /**
     * @param out         standard output
     * @param err         standard error
     * @param errStream   standard error as a stream (for the progress bar)
     * @param commandLine the command as typed, for report footers
     * @param stop        raised when the command is asked to stop (Ctrl-C, SIGTERM)
     */
    public Session(PrintWriter out, PrintWriter err, PrintStream errStream, String commandLine, StopSignal stop) {
        this.out = out;
        this.err = err;
        this.errStream = errStream;
        this.commandLine = commandLine;
        this.stop = stop;
    }

    /** Raised when the command is asked to stop. */
    public StopSignal stop() {
        return stop;
    }

    /** Standard output. */
    public PrintWriter out() {
        return out;
    }

    /** Standard error. */
    public PrintWriter err() {
        return err;
    }

    /** Standard error as a stream. */
    public PrintStream errStream() {
        return errStream;
    }

    /** The command as typed ({@code vsched compare ...}). */
    public String commandLine() {
        return commandLine;
    }

    /** Sets the plugin folders and jars; call before the first use of the plugins. */
    public void pluginPath(List<Path> entries) {
        if (factory != null) {
            throw new IllegalStateException("plugins are already loaded");
        }
        this.pluginEntries = List.copyOf(entries);
    }

    /** The plugin jars loaded from {@code --plugin-path}. */
    public PluginPath plugins() {
        if (plugins == null) {
            plugins = PluginPath.of(pluginEntries);
            plugins.warnings().forEach(this::warn);
        }
        return plugins;
    }

    /**
     * The simulation factory over every installed plugin.
     *
     * @throws UserInputException if the plugins cannot be loaded (two share an id, a jar is broken)
     */
    public SimulationFactory factory() {
        if (factory == null) {
            ClassLoader loader = plugins().loader();
            try {
                factory = Simulations.factory(loader);
            } catch (PluginLoadException e) {
                throw new UserInputException("plugins: " + e.getMessage(), e);
            }
        }
        return factory;
    }

    /** The installed plugins. */
    public PluginRegistry registry() {
        return factory().registry();
    }

    /** A resolver that checks scenarios against the installed plugins. */
    public ScenarioResolver resolver() {
        return new ScenarioResolver(registry(), factory(), maxDurationNs).allowingFilesOutside(allowFilesOutside);
    }

    /** Lets scenario files name files outside their folder ({@code --allow-files-outside}). */
    public void allowFilesOutside(boolean allow) {
        this.allowFilesOutside = allow;
    }

    /** Sets the limit of simulated time per run ({@code --max-duration}). */
    public void maxDurationNs(long ns) {
        this.maxDurationNs = ns;
    }

    /** Prints a warning once. */
    public void warn(String message) {
        if (warned.add(message)) {
            err.println("vsched: warning: " + Main.printable(message));
            err.flush();
        }
    }
}
