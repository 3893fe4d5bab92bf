package io.github.vsched.cli.testplugins;

import io.github.vsched.api.Capability;
import io.github.vsched.api.Device;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Platform;
import io.github.vsched.api.PlatformProvider;
import io.github.vsched.api.Topology;

import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/** {@code test-smp}: N flat PCPUs with a fixed context-switch cost and instant I/O. */
public final class TestSmpPlatformProvider implements PlatformProvider {
    @Override
    public String id() {
        return "test-smp";
    }

    @Override
    public String description() {
        return "test platform: N PCPUs, a fixed context-switch cost, instant I/O";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.integer("pcpus", "", 2, 1, 64, "number of PCPUs"),
                ParameterSpec.integer("tscHz", "Hz", 1_000_000_000L, 1_000_000L, 10_000_000_000L, "TSC rate"),
                ParameterSpec.duration("contextSwitch", 1_000, 0, 1_000_000, "cost of a VCPU switch"));
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.PV, Capability.HVM);
    }

    @Override
    public Platform create(Parameters p) {
        int n = (int) p.integer("pcpus");
        long hz = p.integer("tscHz");
        long cs = p.duration("contextSwitch");
        Topology topology = Topology.flat(n);
        Device device = new Device() {
            @Override
            public String name() {
                return "test-device";
            }

            @Override
            public long serviceNs(IoKind kind, long bytes, RandomGenerator random) {
                return 10_000;
            }
        };
        return new Platform() {
            @Override
            public String id() {
                return "test-smp";
            }

            @Override
            public Topology topology() {
                return topology;
            }

            @Override
            public long tscHz() {
                return hz;
            }

            @Override
            public long memoryBytes() {
                return 4L << 30;
            }

            @Override
            public long contextSwitchNs() {
                return cs;
            }

            @Override
            public long ipiLatencyNs(int fromPcpu, int toPcpu) {
                return fromPcpu == toPcpu ? 0 : 1_000;
            }

            @Override
            public long cstateExitNs(int pcpu, long idleNs) {
                return 0;
            }

            @Override
            public boolean usesCstates() {
                return false;
            }

            @Override
            public long timerSlopNs() {
                return 0;
            }

            @Override
            public long migrationPenaltyNs(int fromPcpu, int toPcpu, long workingSetBytes) {
                return 0;
            }

            @Override
            public long vmExitNs() {
                return 1_000;
            }

            @Override
            public long hypercallNs() {
                return 500;
            }

            @Override
            public long eventChannelNotifyNs() {
                return 500;
            }

            @Override
            public Device device(IoKind kind) {
                return device;
            }

            @Override
            public long backendCpuNs(DomainType guestType, IoKind kind, long bytes) {
                return 5_000;
            }

            @Override
            public int vmExitsPerRequest(IoKind kind) {
                return 2;
            }

            @Override
            public long interruptCpuNs() {
                return 1_000;
            }
        };
    }
}
