package io.github.vsched.cli.trace;

import io.github.vsched.api.PcpuView;
import io.github.vsched.api.VcpuView;
import io.github.vsched.cli.output.OutputDir;
import io.github.vsched.core.metrics.PcpuTimeline;

import java.util.Arrays;

/**
 * Chrome trace-event JSON, which ui.perfetto.dev and chrome://tracing open: one track (thread)
 * per PCPU carrying a slice per VCPU run ({@code ph: X}); instant events ({@code ph: i}) for
 * wake-ups, blocks, migrations and every scheduler trace event (boost, tickle ...), with the
 * VCPU and the event's two arguments; and a counter track ({@code ph: C}) per VCPU for the
 * scheduler's {@code credit} trace event. Timestamps are microseconds with nanosecond
 * precision. Written as the run goes: the slices are the guests' segments of a
 * {@link PcpuTimeline} that keeps none, each written when it closes.
 */
public final class PerfettoTraceSink extends TextTraceSink {
    private static final int PID = 1;

    private boolean first = true;
    private boolean[] named = new boolean[8];
    private final PcpuTimeline runs = PcpuTimeline.builder().maxSegments(0).guestsOnly().onSegment(this::slice)
            .build();

    private final TraceArgNames argNames;

    PerfettoTraceSink(OutputDir.PendingFile file, String title, TraceArgNames argNames) {
        super(file);
        this.argNames = argNames;
        line.append("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n");
        flushLine();
        begin();
        line.append("\"name\":\"process_name\",\"ph\":\"M\",\"pid\":").append(PID).append(",\"args\":{\"name\":");
        appendJsonString(line, title);
        line.append("}}");
        flushLine();
    }

    private void begin() {
        if (!first) {
            line.append(",\n");
        }
        first = false;
        line.append('{');
    }

    private void track(int pcpu) {
        if (pcpu >= named.length) {
            int n = Math.max(pcpu + 1, named.length * 2);
            named = Arrays.copyOf(named, n);
        }
        if (!named[pcpu]) {
            named[pcpu] = true;
            begin();
            line.append("\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":").append(PID).append(",\"tid\":").append(pcpu)
                    .append(",\"args\":{\"name\":\"PCPU ").append(pcpu).append("\"}}");
            begin();
            line.append("\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":").append(PID).append(",\"tid\":")
                    .append(pcpu).append(",\"args\":{\"sort_index\":").append(pcpu).append("}}");
            flushLine();
        }
    }

    private void instant(String name, String cat, long now, int pcpu, VcpuView vcpu) {
        track(pcpu);
        begin();
        line.append("\"name\":");
        appendJsonString(line, name);
        line.append(",\"cat\":\"").append(cat).append("\",\"ph\":\"i\",\"s\":\"t\",\"ts\":");
        appendMicros(line, now);
        line.append(",\"pid\":").append(PID).append(",\"tid\":").append(pcpu).append(",\"args\":{");
        if (vcpu != null) {
            line.append("\"vcpu\":");
            appendJsonString(line, vcpuName(vcpu));
        }
    }

    @Override
    public void onDispatch(PcpuView pcpu, VcpuView vcpu, long now, boolean afterWake) {
        track(pcpu.id());
        runs.onDispatch(pcpu, vcpu, now, afterWake);
    }

    @Override
    public void onDeschedule(PcpuView pcpu, VcpuView vcpu, long now) {
        track(pcpu.id());
        runs.onDeschedule(pcpu, vcpu, now);
    }

    @Override
    public void onOverhead(int pcpu, VcpuView vcpu, long ns, long now) {
        runs.onOverhead(pcpu, vcpu, ns, now);
    }

    /** A guest's run on PCPU {@code p}, written as one complete slice. */
    private void slice(int p, VcpuView v, long start, long end, PcpuTimeline.End ended, long overheadNs) {
        begin();
        line.append("\"name\":");
        appendJsonString(line, vcpuName(v));
        line.append(",\"cat\":\"vcpu\",\"ph\":\"X\",\"ts\":");
        appendMicros(line, start);
        line.append(",\"dur\":");
        appendMicros(line, end - start);
        line.append(",\"pid\":").append(PID).append(",\"tid\":").append(p).append(",\"args\":{\"domain\":");
        appendJsonString(line, v.domain().name());
        line.append(",\"vcpu\":").append(v.index()).append("}}");
        flushLine();
    }

    @Override
    public void onWake(VcpuView vcpu, long now) {
        instant("wake", "wake", now, Math.max(0, vcpu.processor()), vcpu);
        line.append("}}");
        flushLine();
    }

    @Override
    public void onBlock(VcpuView vcpu, long now) {
        instant("block", "block", now, Math.max(0, vcpu.processor()), vcpu);
        line.append("}}");
        flushLine();
    }

    @Override
    public void onMigrate(VcpuView vcpu, int fromPcpu, int toPcpu, long now) {
        instant("migrate", "migrate", now, Math.max(0, toPcpu), vcpu);
        line.append(",\"from\":").append(fromPcpu).append(",\"to\":").append(toPcpu).append("}}");
        flushLine();
    }

    @Override
    public void onTrace(long now, int type, String typeName, int pcpu, VcpuView vcpu, long arg0, long arg1) {
        int p = pcpu >= 0 ? pcpu : vcpu != null ? Math.max(0, vcpu.processor()) : 0;
        instant(typeName, "sched", now, p, vcpu);
        if (argNames.named(type)) {
            // the scheduler's names; an unnamed argument is unused
            boolean comma = vcpu != null;
            comma = arg(argNames.name(type, 0), arg0, comma);
            arg(argNames.name(type, 1), arg1, comma);
            line.append("}}");
        } else {
            line.append(vcpu != null ? "," : "").append("\"arg0\":").append(arg0).append(",\"arg1\":").append(arg1)
                    .append("}}");
        }
        if ("credit".equals(typeName) && vcpu != null) {
            begin();
            line.append("\"name\":");
            appendJsonString(line, "credit " + vcpuName(vcpu));
            line.append(",\"ph\":\"C\",\"ts\":");
            appendMicros(line, now);
            line.append(",\"pid\":").append(PID).append(",\"args\":{\"credit\":").append(arg0).append("}}");
        }
        flushLine();
    }

    /** Appends {@code "name":value} if the argument has a name; returns whether a comma is now due. */
    private boolean arg(String name, long value, boolean comma) {
        if (name == null) {
            return comma;
        }
        if (comma) {
            line.append(',');
        }
        appendJsonString(line, name);
        line.append(':').append(value);
        return true;
    }

    @Override
    public void onEnd(long now) {
        runs.onEnd(now);
    }

    @Override
    protected void finishFile() {
        line.append("\n]}\n");
        flushLine();
    }
}
