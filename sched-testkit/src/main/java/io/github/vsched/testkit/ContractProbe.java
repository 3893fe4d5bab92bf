package io.github.vsched.testkit;

import io.github.vsched.api.PcpuView;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.observe.SimulationListener;

import java.util.ArrayList;
import java.util.List;

/**
 * Watches a run for the contract's properties: every dispatch inside the VCPU's affinity, the
 * longest wait of a runnable VCPU for a PCPU, and the longest stretch during which some PCPU
 * idled while a VCPU allowed on it waited (a work-conservation gap).
 */
public final class ContractProbe implements SimulationListener {
    private final Simulation sim;
    private final List<VcpuView> guests = new ArrayList<>();
    private long[] waitingSince;
    private long maxWait;
    private String maxWaitVcpu = "none";
    private long gapSince = -1;
    private String gapStart;
    private int lastIdlePcpu;
    private VcpuView lastWaiting;
    private long maxGap;
    private long maxGapAt = -1;
    private String maxGapWho = "none";
    private final List<String> affinityViolations = new ArrayList<>();

    /** Attaches to {@code sim}; add it with {@link Simulation#addListener}. */
    public ContractProbe(Simulation sim) {
        this.sim = sim;
    }

    private void init() {
        if (waitingSince != null) {
            return;
        }
        int max = 0;
        for (String name : sim.scenario().domains().stream().map(d -> d.name()).toList()) {
            for (VcpuView v : sim.domain(name).vcpus()) {
                guests.add(v);
                max = Math.max(max, v.id());
            }
        }
        waitingSince = new long[max + 1];
        java.util.Arrays.fill(waitingSince, -1);
    }

    @Override
    public void onWake(VcpuView vcpu, long now) {
        init();
        waitingSince[vcpu.id()] = now;
        checkGap(now);
    }

    @Override
    public void onDispatch(PcpuView pcpu, VcpuView vcpu, long now, boolean afterWake) {
        init();
        if (!vcpu.isIdle()) {
            if (!vcpu.affinity().contains(pcpu.id())) {
                affinityViolations.add(vcpu.name() + " ran on pcpu" + pcpu.id() + " at " + now
                        + " ns outside its affinity " + vcpu.affinity());
            }
            long since = waitingSince[vcpu.id()];
            if (since >= 0 && now - since > maxWait) {
                maxWait = now - since;
                maxWaitVcpu = vcpu.name() + " (waited from " + since + " ns to " + now + " ns)";
            }
            waitingSince[vcpu.id()] = -1;
        }
        checkGap(now);
    }

    @Override
    public void onDeschedule(PcpuView pcpu, VcpuView vcpu, long now) {
        init();
        if (!vcpu.isIdle() && vcpu.isRunnable()) {
            waitingSince[vcpu.id()] = now;
        } else if (!vcpu.isIdle()) {
            waitingSince[vcpu.id()] = -1;
        }
        checkGap(now);
    }

    @Override
    public void onBlock(VcpuView vcpu, long now) {
        init();
        checkGap(now);
    }

    @Override
    public void onEnd(long now) {
        init();
        for (VcpuView v : guests) {
            long since = waitingSince[v.id()];
            if (since >= 0 && v.isRunnable() && now - since > maxWait) {
                maxWait = now - since;
                maxWaitVcpu = v.name() + " (waiting since " + since + " ns at the end)";
            }
        }
        checkGap(now);
        closeGap(now);
    }

    private void checkGap(long now) {
        VcpuView waiting = null;
        int idle = -1;
        for (int c = 0; c < sim.pcpuCount() && waiting == null; c++) {
            if (!sim.pcpu(c).isIdle()) {
                continue;
            }
            for (VcpuView v : guests) {
                if (v.isRunnable() && waitingSince[v.id()] >= 0 && v.affinity().contains(c)) {
                    waiting = v;
                    idle = c;
                    break;
                }
            }
        }
        if (waiting == null) {
            closeGap(now);
            return;
        }
        if (gapSince < 0) {
            gapSince = now;
            gapStart = "pcpu" + idle + " idle while " + waiting.name() + " waited";
        }
        lastIdlePcpu = idle;
        lastWaiting = waiting;
    }

    private void closeGap(long now) {
        if (gapSince >= 0) {
            if (now - gapSince > maxGap) {
                maxGap = now - gapSince;
                maxGapAt = gapSince;
                String last = "pcpu" + lastIdlePcpu + " idle while " + lastWaiting.name() + " waited";
                maxGapWho = "a PCPU idled while a VCPU allowed on it waited from " + gapSince + " ns to " + now
                        + " ns (at first " + gapStart + (last.equals(gapStart) ? "" : "; last " + last) + ")";
            }
            gapSince = -1;
        }
    }

    /** The longest a runnable VCPU waited for a PCPU. */
    public long maxWaitNs() {
        return maxWait;
    }

    /** Which VCPU waited longest, and when. */
    public String maxWaitVcpu() {
        return maxWaitVcpu;
    }

    /** The longest work-conservation gap. */
    public long maxIdleWhileWaitingNs() {
        return maxGap;
    }

    /** When the longest gap began, or -1. */
    public long maxIdleWhileWaitingAt() {
        return maxGapAt;
    }

    /** When the longest gap began and ended, and which PCPU idled while which VCPU waited. */
    public String maxIdleWhileWaiting() {
        return maxGapWho;
    }

    /** Dispatches outside a VCPU's affinity. */
    public List<String> affinityViolations() {
        return affinityViolations;
    }
}
