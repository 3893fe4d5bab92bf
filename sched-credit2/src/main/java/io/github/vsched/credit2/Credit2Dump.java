package io.github.vsched.credit2;

import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.VcpuView;

import java.util.List;
import java.util.function.Consumer;

/**
 * Xen's {@code csched2_dump} and {@code dump_pcpu} (4.19): the text of the scheduler's state for
 * the {@code dumpState} hook, and the listing of what waits for each PCPU behind
 * {@code forEachQueued}.
 */
final class Credit2Dump {
    private Credit2Dump() {
    }

    /**
     * What each PCPU runs and its runqueue, then each runqueue with its PCPUs, maximum weight, load
     * and its VCPUs in credit order, each with its credit, weight and flags.
     */
    static void dump(StringBuilder out, SchedulerContext ctx, Credit2Pcpu[] pcpus, List<Credit2Runqueue> runqueues) {
        for (int c = 0; c < pcpus.length; c++) {
            VcpuView cur = ctx.pcpu(c).current();
            out.append("pcpu").append(c).append(" (runqueue ").append(pcpus[c].rqd.id).append("): running ")
                    .append(cur.isIdle() || !(cur.schedulerPrivate() instanceof Credit2Vcpu sv) ? cur.name() : sv.toString())
                    .append('\n');
        }
        for (Credit2Runqueue rqd : runqueues) {
            out.append("runqueue ").append(rqd.id).append(" pcpus ").append(rqd.active).append(" max_weight ")
                    .append(rqd.maxWeight).append(" load ").append(rqd.load).append(':');
            if (rqd.head() == null) {
                out.append(" empty");
            }
            for (Credit2Vcpu s = rqd.head(); s != null; s = s.runqNext) {
                out.append(' ').append(s);
            }
            out.append('\n');
        }
    }

    /**
     * The queued VCPUs of {@code rqd} (the runqueue of {@code pcpu}) whose processor is
     * {@code pcpu}, in runq order, then those being switched out that will be queued (or parked,
     * or moved) once saved.
     */
    static void forEachQueued(SchedulerContext ctx, Credit2Runqueue rqd, int pcpu, Consumer<VcpuView> action) {
        for (Credit2Vcpu s = rqd.head(); s != null; s = s.runqNext) {
            if (s.vcpu.processor() == pcpu) {
                action.accept(s.vcpu);
            }
        }
        List<Credit2Vcpu> all = rqd.assigned;
        for (int i = 0; i < all.size(); i++) {
            Credit2Vcpu s = all.get(i);
            VcpuView v = s.vcpu;
            if (!s.onRunq && s.has(Credit2Vcpu.SCHEDULED) && v.processor() == pcpu && v.isRunnable()
                    && ctx.pcpu(pcpu).current() != v) {
                action.accept(v);
            }
        }
    }
}
