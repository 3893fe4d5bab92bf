package io.github.vsched.cli.trace;

import io.github.vsched.cli.output.OutputDir;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.observe.SimulationListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A listener that streams a run's events to a file in the output folder. The file appears
 * under its final name only if the run completes ({@link #commit()}); otherwise it is
 * removed ({@link #abort()}). Write errors are kept and rethrown at commit, so the engine's
 * hot path never sees an exception.
 */
public abstract class TraceSink implements SimulationListener {
    private final OutputDir.PendingFile file;
    private IOException error;

    /** @param file the file being written */
    protected TraceSink(OutputDir.PendingFile file) {
        this.file = file;
    }

    /**
     * Creates the sink of {@code format} writing {@code name} in {@code dir} for the run of
     * {@code sim}, to be added to it as a listener.
     */
    public static TraceSink open(TraceFormat format, OutputDir dir, String name, String title, Simulation sim) {
        OutputDir.PendingFile f = dir.open(name);
        try {
            return switch (format) {
                case PERFETTO -> new PerfettoTraceSink(f, title, new TraceArgNames(sim.traceEventTypes()));
                case CSV -> new CsvTraceSink(f, new TraceArgNames(sim.traceEventTypes()));
                case XENTRACE -> XentraceSink.of(f, sim);
            };
        } catch (RuntimeException e) {
            f.abort();
            throw e;
        }
    }

    @Override
    public boolean wantsTrace() {
        return true;
    }

    /** The file being written. */
    protected final OutputDir.PendingFile file() {
        return file;
    }

    /** Keeps the first write error, to be thrown at {@link #commit()}; later writes should stop. */
    protected final void failed(IOException e) {
        if (error == null) {
            error = e;
        }
    }

    /** Whether a write has failed. */
    protected final boolean hasFailed() {
        return error != null;
    }

    /** Called at commit before the file is closed: write any trailer. */
    protected void finishFile() {
    }

    /** Completes the file and moves it into place. */
    public Path commit() {
        finishFile();
        if (error != null) {
            file.abort();
            throw new UncheckedIOException("cannot write " + file.target() + ": " + error.getMessage(), error);
        }
        try {
            return file.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.target() + ": " + e.getMessage(), e);
        }
    }

    /** Throws the file away (the run failed). */
    public void abort() {
        file.abort();
    }
}
