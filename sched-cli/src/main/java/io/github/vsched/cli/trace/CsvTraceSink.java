package io.github.vsched.cli.trace;

import io.github.vsched.api.PcpuView;
import io.github.vsched.api.VcpuView;
import io.github.vsched.cli.output.OutputDir;

/**
 * Every event of a run as CSV, in the order it happened: {@code time_ns, event, pcpu, vcpu,
 * arg0, arg1}. Events: {@code wake}, {@code block}, {@code dispatch} (arg0 = 1 if first
 * dispatch after a wake-up), {@code deschedule}, {@code migrate} (arg0 = from, arg1 = to),
 * {@code overhead} (arg0 = ns charged), and each scheduler trace event by its name
 * ({@code boost}, {@code tickle} ...) with its two arguments. {@code vcpu} is
 * {@code domain/number} or {@code idle}; {@code pcpu} is -1 when unknown.
 */
public final class CsvTraceSink extends TextTraceSink {

    CsvTraceSink(OutputDir.PendingFile file) {
        super(file);
        line.append("time_ns,event,pcpu,vcpu,arg0,arg1\n");
        flushLine();
    }

    private void row(long now, String event, int pcpu, VcpuView vcpu, long a0, long a1) {
        line.append(now).append(',').append(event).append(',').append(pcpu).append(',');
        if (vcpu != null) {
            line.append(vcpuName(vcpu));
        }
        line.append(',').append(a0).append(',').append(a1).append('\n');
        flushLine();
    }

    @Override
    public void onWake(VcpuView vcpu, long now) {
        row(now, "wake", vcpu.processor(), vcpu, 0, 0);
    }

    @Override
    public void onBlock(VcpuView vcpu, long now) {
        row(now, "block", vcpu.processor(), vcpu, 0, 0);
    }

    @Override
    public void onDispatch(PcpuView pcpu, VcpuView vcpu, long now, boolean afterWake) {
        row(now, "dispatch", pcpu.id(), vcpu, afterWake ? 1 : 0, 0);
    }

    @Override
    public void onDeschedule(PcpuView pcpu, VcpuView vcpu, long now) {
        row(now, "deschedule", pcpu.id(), vcpu, 0, 0);
    }

    @Override
    public void onMigrate(VcpuView vcpu, int fromPcpu, int toPcpu, long now) {
        row(now, "migrate", toPcpu, vcpu, fromPcpu, toPcpu);
    }

    @Override
    public void onOverhead(int pcpu, VcpuView vcpu, long ns, long now) {
        row(now, "overhead", pcpu, vcpu, ns, 0);
    }

    @Override
    public void onTrace(long now, int type, String typeName, int pcpu, VcpuView vcpu, long arg0, long arg1) {
        row(now, typeName, pcpu, vcpu, arg0, arg1);
    }
}
