package io.github.vsched.cli.testplugins;

import io.github.vsched.api.Capability;
import io.github.vsched.api.Device;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.IoModel;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Platform;
import io.github.vsched.api.PlatformCosts;
import io.github.vsched.api.PlatformProvider;
import io.github.vsched.api.Topology;

import java.util.List;
import java.util.Set;

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
        PlatformCosts costs = PlatformCosts.builder().contextSwitchNs(cs).ipiLatencyNs(1_000).vmExitNs(1_000)
                .hypercallNs(500).eventChannelNotifyNs(500).build();
        Device device = Device.fixed("test-device", 10_000);
        IoModel io = new IoModel() {
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
            public PlatformCosts costs() {
                return costs;
            }

            @Override
            public IoModel io() {
                return io;
            }
        };
    }
}
