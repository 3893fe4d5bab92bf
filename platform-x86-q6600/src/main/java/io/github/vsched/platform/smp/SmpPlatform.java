package io.github.vsched.platform.smp;

import io.github.vsched.api.Platform;
import io.github.vsched.api.PlatformCosts;
import io.github.vsched.api.Topology;

import java.util.Objects;

/**
 * A symmetric multiprocessor running Xen, built from {@link SmpParameters}: the
 * {@code generic-smp} platform, and the base of the Q6600 model. Immutable.
 *
 * <p>The parameters become the SPI's {@link PlatformCosts} once, at construction:
 * <ul>
 *   <li>{@code vmExitNs}: hardware round trip ({@code vmTransitionCycles} at the core clock) +
 *       Xen's exit handler + the TLB refill that follows the flushes of a VT-x without VPID;</li>
 *   <li>{@code eventChannelNotifyNs}: the hypercall + what the send adds;</li>
 *   <li>C-states: C1 ({@code c1Exit}) until the PCPU has been idle {@code c1ePromotion}, then
 *       C1E ({@code c1eExit}); none when {@code cstates} is false;</li>
 *   <li>IPIs: {@code ipiLatency}, plus {@code crossSocketIpiExtra} across sockets;</li>
 *   <li>migration: zero within a shared cache, otherwise {@code migrationFixed} +
 *       {@code min(workingSet, cache size) / cacheRefillBandwidth}, rounded up.</li>
 * </ul>
 * The topology-dependent costs are {@link Platform}'s defaults over that record; devices and
 * backends are {@link SmpIoModel}.
 */
public class SmpPlatform implements Platform {
    /** The provider id of the generic platform. */
    public static final String ID = "generic-smp";

    private final String id;
    private final SmpParameters params;
    private final Topology topology;
    private final PlatformCosts costs;
    private final SmpIoModel io;
    private final TscClock tsc;

    /** A {@code generic-smp} platform. */
    public SmpPlatform(SmpParameters params) {
        this(ID, params);
    }

    /**
     * A platform with another id, for models built on this one.
     *
     * @param id     the provider id reported in results
     * @param params the machine
     */
    protected SmpPlatform(String id, SmpParameters params) {
        this.id = Objects.requireNonNull(id, "id");
        this.params = Objects.requireNonNull(params, "params");
        this.topology = params.topology();
        this.costs = platformCosts(params);
        this.io = new SmpIoModel(params.costs(), params.disk(), params.nic());
        this.tsc = TscClock.of(params.tscHz());
    }

    private static PlatformCosts platformCosts(SmpParameters p) {
        CostModel c = p.costs();
        PlatformCosts.Builder b = PlatformCosts.builder()
                .contextSwitchNs(c.contextSwitchNs())
                .ipiLatencyNs(c.ipiLatencyNs())
                .crossSocketIpiNs(p.crossSocketIpiExtraNs())
                .timerSlopNs(c.timerSlopNs())
                .migrationFixedNs(c.migrationFixedNs())
                .cacheRefillBytesPerSecond(c.cacheRefillBytesPerSecond())
                .cacheBytes(p.cacheBytes())
                .vmExitNs(c.vmExitNs(p.coreHz()))
                .hypercallNs(c.hypercallNs())
                .eventChannelNotifyNs(c.eventChannelNotifyNs())
                .contention(c.sharedCacheSlowdownPpm(), c.memoryBusSlowdownPpm());
        if (c.usesCstates()) {
            b.cstates(c.c1ExitNs(), c.c1eExitNs(), c.c1ePromotionNs());
        }
        return b.build();
    }

    /** The parameter values this platform was built from. */
    public SmpParameters smpParameters() {
        return params;
    }

    /** The CPU and hypervisor cost parameters, from which {@link #costs()} is composed. */
    public CostModel costModel() {
        return params.costs();
    }

    /** The TSC of this platform, for reports that show nanoseconds and cycles. */
    public TscClock tscClock() {
        return tsc;
    }

    /** Size of each last-level cache, bytes. */
    public long cacheBytes() {
        return params.cacheBytes();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public long tscHz() {
        return params.tscHz();
    }

    @Override
    public long memoryBytes() {
        return params.memoryBytes();
    }

    @Override
    public PlatformCosts costs() {
        return costs;
    }

    @Override
    public SmpIoModel io() {
        return io;
    }

    @Override
    public String toString() {
        return id + "[" + params.sockets() + " socket(s) x " + params.coresPerSocket() + " cores x "
                + params.threadsPerCore() + " threads, " + params.coresPerCache() + " cores per "
                + (params.cacheBytes() >> 10) + " KiB cache, TSC " + params.tscHz() + " Hz]";
    }
}
