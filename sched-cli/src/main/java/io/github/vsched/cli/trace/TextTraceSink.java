package io.github.vsched.cli.trace;

import io.github.vsched.api.VcpuView;
import io.github.vsched.cli.output.OutputDir;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/** A trace sink that writes text, a line at a time, through a reused {@link StringBuilder}. */
public abstract class TextTraceSink extends TraceSink {
    /** Where events are written (buffered). */
    protected final Writer out;
    /** Reused for formatting, to avoid allocating per event. */
    protected final StringBuilder line = new StringBuilder(256);
    private String[] names = new String[64];

    /** @param file the file being written */
    protected TextTraceSink(OutputDir.PendingFile file) {
        super(file);
        this.out = file.writer();
    }

    /** Writes {@link #line} and clears it. */
    protected final void flushLine() {
        if (!hasFailed()) {
            try {
                out.append(line);
            } catch (IOException e) {
                failed(e);
            }
        }
        line.setLength(0);
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

    /** {@code domain/index} of a guest VCPU, {@code idle} for an idle VCPU; cached per VCPU. */
    protected final String vcpuName(VcpuView v) {
        int id = v.id();
        if (id >= names.length) {
            names = Arrays.copyOf(names, Math.max(id + 1, names.length * 2));
        }
        String n = names[id];
        if (n == null) {
            n = v.isIdle() ? "idle" : v.domain().name() + "/" + v.index();
            names[id] = n;
        }
        return n;
    }
}
