package io.github.vsched.cli.trace;

import io.github.vsched.api.PcpuView;
import io.github.vsched.api.VcpuView;
import io.github.vsched.cli.output.OutputDir;

/**
 * Every event of a run as CSV, in the order it happened: {@code time_ns, event, pcpu, vcpu,
 * arg0, arg1, arg0_name, arg1_name}. Events: {@code wake}, {@code block}, {@code dispatch}
 * (arg0 {@code after_wake} = 1 if first dispatch after a wake-up), {@code deschedule},
 * {@code migrate} ({@code from}, {@code to}), {@code overhead} ({@code ns} charged), and each
 * scheduler trace event by its name ({@code boost}, {@code tickle} ...) with its two arguments,
 * named as the scheduler named them ({@code SchedulerContext.traceEventType}); a name column is
 * empty for an argument without a name. {@code vcpu} is {@code domain/number} or {@code idle};
 * {@code pcpu} is -1 when unknown.
 */
public final class CsvTraceSink extends TextTraceSink {
    private final TraceArgNames argNames;

    CsvTraceSink(OutputDir.PendingFile file, TraceArgNames argNames) {
        super(file);
        this.argNames = argNames;
        line.append("time_ns,event,pcpu,vcpu,arg0,arg1,arg0_name,arg1_name\n");
        flushLine();
    }

    private void row(long now, String event, int pcpu, VcpuView vcpu, long a0, long a1, String n0, String n1) {
        line.append(now).append(',').append(event).append(',').append(pcpu).append(',');
        if (vcpu != null) {
            line.append(vcpuName(vcpu));
        }
        line.append(',').append(a0).append(',').append(a1).append(',');
        if (n0 != null) {
            line.append(n0);
        }
        line.append(',');
        if (n1 != null) {
            line.append(n1);
        }
        line.append('\n');
        flushLine();
    }

    @Override
    public void onWake(VcpuView vcpu, long now) {
        row(now, "wake", vcpu.processor(), vcpu, 0, 0, null, null);
    }

    @Override
    public void onBlock(VcpuView vcpu, long now) {
        row(now, "block", vcpu.processor(), vcpu, 0, 0, null, null);
    }

    @Override
    public void onDispatch(PcpuView pcpu, VcpuView vcpu, long now, boolean afterWake) {
        row(now, "dispatch", pcpu.id(), vcpu, afterWake ? 1 : 0, 0, "after_wake", null);
    }

    @Override
    public void onDeschedule(PcpuView pcpu, VcpuView vcpu, long now) {
        row(now, "deschedule", pcpu.id(), vcpu, 0, 0, null, null);
    }

    @Override
    public void onMigrate(VcpuView vcpu, int fromPcpu, int toPcpu, long now) {
        row(now, "migrate", toPcpu, vcpu, fromPcpu, toPcpu, "from", "to");
    }

    @Override
    public void onOverhead(int pcpu, VcpuView vcpu, long ns, long now) {
        row(now, "overhead", pcpu, vcpu, ns, 0, "ns", null);
    }

    @Override
    public void onTrace(long now, int type, String typeName, int pcpu, VcpuView vcpu, long arg0, long arg1) {
        row(now, typeName, pcpu, vcpu, arg0, arg1, argNames.name(type, 0), argNames.name(type, 1));
    }
}
