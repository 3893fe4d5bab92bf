package io.github.vsched.testkit;

import io.github.vsched.api.Capability;
import io.github.vsched.api.CpuMask;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.ParametersInForce;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.core.ComponentSpec;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.PluginRegistry;
import io.github.vsched.core.PoolSpec;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.Simulations;
import io.github.vsched.core.VcpuStats;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.metrics.PcpuTimeline;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every scheduler plugin should pass. Extend it in your plugin's tests and name
 * your scheduler:
 *
 * <pre>{@code
 * class MySchedulerContractTest extends SchedulerContract {
 *     protected String schedulerId() { return "my-scheduler"; }
 * }
 * }</pre>
 *
 * <p>The scheduler is looked up by id through {@link java.util.ServiceLoader}, so the test also
 * proves its registration in {@code META-INF/services}. Each scenario of {@link #scenarios()}
 * (1 to 8 PCPUs; CPU hogs, sleepers, I/O-like wakers, yielders, pinned VCPUs) runs in checked
 * mode, where the engine verifies its invariants after every event, and then asserts:
 * <ul>
 *   <li>every VCPU ran only on PCPUs in its affinity;</li>
 *   <li>no runnable VCPU waited longer than the provider's
 *       {@link SchedulerProvider#starvationBoundNs(ParametersInForce, int)} for that load, with
 *       every parameter of the scenario in force (scheduler-wide, per domain, per VCPU);</li>
 *   <li>every CPU hog ({@link ContractScenario#hogDomains()}) made progress;</li>
 *   <li>if the provider declares {@link Capability#WORK_CONSERVING} for those parameters
 *       ({@link SchedulerProvider#capabilities(ParametersInForce)}): no PCPU stayed idle
 *       while a VCPU allowed on it waited, beyond {@link #workConservationToleranceNs()}.</li>
 * </ul>
 * If the provider declares {@link Capability#CPUPOOLS}, two instances of it run one machine
 * split into two cpupools ({@link #keepsToItsCpupoolsPcpus}): in checked mode the engine refuses
 * timers, tickles and private state on another pool's PCPUs, and every VCPU must run only on
 * its pool's PCPUs and every hog make progress.
 */
public abstract class SchedulerContract {

    /** The id of the scheduler under test. */
    protected abstract String schedulerId();

    /** Scheduler parameters for every contract run (default: none, i.e. the defaults). */
    protected Map<String, String> schedulerParameters() {
        return Map.of();
    }

    /** Seed of the contract runs. */
    protected long seed() {
        return 1;
    }

    /**
     * How long an idle PCPU may leave an allowed VCPU waiting (IPI and context-switch latency of
     * the contract platform, with margin).
     */
    protected long workConservationToleranceNs() {
        return 50_000;
    }

    /** The matrix; override to add scenarios of your own ({@code super.scenarios()} plus yours). */
    protected List<ContractScenario> scenarios() {
        long ms = 1_000_000L;
        long us = 1_000L;
        List<ContractScenario> list = new ArrayList<>();
        list.add(ContractScenario.on("1 PCPU, 3 CPU hogs", 1)
                .hogs("hogs", 3).runnablePerPcpu(3).build());
        list.add(ContractScenario.on("2 PCPUs, 3 CPU hogs", 2)
                .hogs("a", 1).hogs("b", 1).hogs("c", 1)
                .runnablePerPcpu(2).build());
        list.add(ContractScenario.on("2 PCPUs, hogs and sleepers", 2)
                .hogs("hog", 2)
                .domain("sleepers", 3, () -> Guests.sleeper(2 * ms, 5 * ms))
                .runnablePerPcpu(3).build());
        list.add(ContractScenario.on("4 PCPUs, I/O wakers and hogs", 4)
                .domain("io", 6, () -> Guests.ioWaker(200 * us, 3 * ms))
                .hogs("hog", 3)
                .runnablePerPcpu(3).build());
        list.add(ContractScenario.on("4 PCPUs, pinned hogs and free wakers", 4)
                .pinnedHogs("pinned0", 2, CpuMask.of(0))
                .pinnedHogs("pinned1", 1, CpuMask.of(1))
                .domain("io", 4, () -> Guests.ioWaker(500 * us, 2 * ms))
                .runnablePerPcpu(4).build());
        list.add(ContractScenario.on("2 PCPUs, yielders and a hog", 2)
                .domain("yield", 2, () -> Guests.yielder(300 * us))
                .hogs("hog", 1)
                .runnablePerPcpu(2).build());
        list.add(ContractScenario.on("8 PCPUs, mixed", 8)
                .hogs("hogs", 6)
                .domain("periodic", 4, () -> Guests.periodic(2_300 * us, 60 * us, 0))
                .domain("io", 6, () -> Guests.ioWaker(300 * us, 2 * ms))
                .domain("sleepers", 2, () -> Guests.sleeper(3 * ms, 7 * ms))
                .runnablePerPcpu(3).build());
        return list;
    }

    private SchedulerProvider provider() {
        return PluginRegistry.load(getClass().getClassLoader()).scheduler(schedulerId());
    }

    @Test
    void isRegisteredWithADescriptionAndDocumentedParameters() {
        SchedulerProvider p = provider();
        assertThat(p.id()).isEqualTo(schedulerId());
        assertThat(p.description()).as("description").isNotBlank();
        Stream.of(p.parameters(), p.domainParameters(), p.vcpuParameters()).flatMap(List::stream).forEach(spec ->
                assertThat(spec.description()).as("description of parameter %s", spec.name()).isNotBlank());
        p.parameters().forEach(spec -> assertThat(spec.inherited())
                .as("scheduler-wide parameter %s is inherited, but nothing is above it", spec.name()).isFalse());
        inheritedHaveAParent(p.domainParameters(), p.parameters(), "per-domain", "scheduler-wide");
        inheritedHaveAParent(p.vcpuParameters(), p.domainParameters(), "per-VCPU", "per-domain");
    }

    /** An inherited parameter needs a parameter of the same name and type one level up. */
    private static void inheritedHaveAParent(List<ParameterSpec> level, List<ParameterSpec> above, String what,
                                             String aboveWhat) {
        for (ParameterSpec spec : level) {
            if (!spec.inherited()) {
                continue;
            }
            assertThat(above.stream().filter(a -> a.name().equals(spec.name())).map(ParameterSpec::type).toList())
                    .as("%s parameter %s is inherited: the %s parameters must have one of that name and type",
                            what, spec.name(), aboveWhat)
                    .containsExactly(spec.type());
        }
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        SchedulerProvider provider = provider();
        return scenarios().stream().map(cs -> DynamicTest.dynamicTest(cs.name(), () -> check(provider, cs)));
    }

    /**
     * Two instances in two cpupools of 4 PCPUs (Pool-0: 0-1, pool {@code p}: 2-3), each with as
     * many VCPUs as PCPUs, so that even a scheduler that assigns VCPUs to PCPUs runs them all.
     */
    @Test
    void keepsToItsCpupoolsPcpus() {
        SchedulerProvider provider = provider();
        Assumptions.assumeTrue(provider.capabilities().contains(Capability.CPUPOOLS),
                "the scheduler does not declare the cpupools capability");
        long ms = 1_000_000L;
        ContractScenario cs = ContractScenario.on("4 PCPUs in two cpupools", 4)
                .hogs("hogs", 2).hogs("hog", 1).domain("io", 1, () -> Guests.ioWaker(300_000L, 2 * ms))
                .runnablePerPcpu(1).build();
        Scenario.Builder b = Scenario.builder(cs.name()).seed(seed()).duration(cs.durationNs()).checked(true)
                .platform(cs.platform()).scheduler(schedulerId(), schedulerParameters())
                .pool(new PoolSpec("p", CpuMask.of(2, 3), ComponentSpec.of(schedulerId(), schedulerParameters())));
        for (DomainSpec d : cs.domains()) {
            b.domain(d.name().equals("hogs") ? d : d.withPool("p"));
        }
        Simulation sim = Simulations.factory(getClass().getClassLoader()).create(b.build());
        PcpuTimeline timeline = PcpuTimeline.builder().guestsOnly().build();
        sim.addListener(timeline);
        SimulationResult r = sim.run();
        for (PcpuTimeline.Segment seg : timeline.segments()) {
            CpuMask pool = seg.domain().equals("hogs") ? CpuMask.of(0, 1) : CpuMask.of(2, 3);
            assertThat(pool.contains(seg.pcpu())).as("%s ran on pcpu%d at %d ns, outside its cpupool's PCPUs %s",
                    seg.vcpu(), seg.pcpu(), seg.start(), pool).isTrue();
        }
        for (VcpuStats v : r.vcpus()) {
            if (cs.hogDomains().contains(v.domain())) {
                assertThat(v.runningNs()).as("CPU time of hog %s", v.name()).isPositive();
            }
        }
    }

    private void check(SchedulerProvider provider, ContractScenario cs) {
        Scenario.Builder b = Scenario.builder(cs.name()).seed(seed()).duration(cs.durationNs()).checked(true)
                .platform(cs.platform()).scheduler(schedulerId(), schedulerParameters());
        cs.domains().forEach(b::domain);
        Simulation sim = Simulations.factory(getClass().getClassLoader()).create(b.build());
        ParametersInForce inForce = sim.parametersInForce();
        ContractProbe probe = new ContractProbe(sim);
        sim.addListener(probe);
        SimulationResult r = sim.run();

        String where = "scenario '" + cs.name() + "': ";
        assertThat(probe.affinityViolations()).as(where + "dispatches outside affinity").isEmpty();
        long bound = provider.starvationBoundNs(inForce, cs.runnablePerPcpu());
        assertThat(probe.maxWaitNs()).as("%slongest wait of a runnable VCPU: %s; declared bound %d ns",
                where, probe.maxWaitVcpu(), bound).isLessThanOrEqualTo(bound);
        for (VcpuStats v : r.vcpus()) {
            if (cs.hogDomains().contains(v.domain())) {
                assertThat(v.runningNs()).as("%sCPU time of hog %s", where, v.name()).isPositive();
            }
        }
        if (provider.capabilities(inForce).contains(Capability.WORK_CONSERVING)) {
            assertThat(probe.maxIdleWhileWaitingNs())
                    .as("%sthe scheduler declares WORK_CONSERVING, but %s; tolerance %d ns (a tickle of an "
                                    + "idle PCPU the VCPU may run on, on wake-up, after a dispatch that leaves "
                                    + "VCPUs queued, and when a context is saved, closes such a gap)",
                            where, probe.maxIdleWhileWaiting(), workConservationToleranceNs())
                    .isLessThanOrEqualTo(workConservationToleranceNs());
        }
    }
}
