package io.github.vsched.cli.trace;

import io.github.vsched.cli.output.OutputDir;
import io.github.vsched.core.observe.SimulationListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * A listener that streams a run's events to a file in the output folder. The file appears
 * under its final name only if the run completes ({@link #commit()}); otherwise it is
 * removed ({@link #abort()}). Write errors are kept and rethrown at commit, so the engine's
 * hot path never sees an exception.
 */
public abstract class TraceSink implements SimulationListener {
    private final OutputDir.PendingFile file;
    /** Where events are written (buffered). */
    protected final Writer out;
    /** Reused for formatting, to avoid allocating per event. */
    protected final StringBuilder line = new StringBuilder(256);
    private IOException error;

    /** @param file the file being written */
    protected TraceSink(OutputDir.PendingFile file) {
        this.file = file;
        this.out = file.writer();
    }

    /** Creates the sink of {@code format} writing {@code name} in {@code dir}. */
    public static TraceSink open(TraceFormat format, OutputDir dir, String name, String title) {
        OutputDir.PendingFile f = dir.open(name);
        return switch (format) {
            case PERFETTO -> new PerfettoTraceSink(f, title);
            case CSV -> new CsvTraceSink(f);
        };
    }

    @Override
    public boolean wantsTrace() {
        return true;
    }

    /** Writes {@link #line} and clears it. */
    protected final void flushLine() {
        if (error == null) {
            try {
                out.append(line);
            } catch (IOException e) {
                error = e;
            }
        }
        line.setLength(0);
    }

    /** Called at commit before the file is closed: write any trailer. */
    protected void finishFile() {
    }

    /** Completes the file and moves it into place. */
    public java.nio.file.Path commit() {
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

    /** Appends nanoseconds as microseconds with three decimals, exactly ({@code 1234.567}). */
    protected static void appendMicros(StringBuilder sb, long ns) {
        if (ns < 0) {
            sb.append('-');
            ns = -ns;
        }
        sb.append(ns / 1000).append('.');
        long r = ns % 1000;
        if (r < 100) {
            sb.append('0');
        }
        if (r < 10) {
            sb.append('0');
        }
        sb.append(r);
    }

    /** Appends a JSON string literal. */
    protected static void appendJsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private String[] names = new String[64];

    /** {@code domain/index} of a guest VCPU, {@code idle} for an idle VCPU; cached per VCPU. */
    protected final String vcpuName(io.github.vsched.api.VcpuView v) {
        int id = v.id();
        if (id >= names.length) {
            names = java.util.Arrays.copyOf(names, Math.max(id + 1, names.length * 2));
        }
        String n = names[id];
        if (n == null) {
            n = v.isIdle() ? "idle" : v.domain().name() + "/" + v.index();
            names[id] = n;
        }
        return n;
    }
}
