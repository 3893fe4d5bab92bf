package io.github.vsched.credit2;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Topology;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.guest.Guests;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.vsched.credit2.Credit2Sim.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Parameters and runqueue arrangement (reference sections 1 and 2): Xen 4.19's defaults, what is
 * refused, and which PCPUs share a runqueue under each {@code credit2_runqueue} value. Each test
 * names the section it checks.
 */
class Credit2ParametersTest {

    private static Credit2Config config(Map<String, String> raw) {
        return Credit2Config.from(Parameters.resolve("scheduler credit2", Credit2Config.specs(), raw, 1_000_000_000L));
    }

    /** The runqueues as PCPU sets, in Xen's list order. */
    private static List<String> layout(Topology t, String arrangement, int maxCpus) {
        List<String> out = new ArrayList<>();
        for (Credit2Runqueue rqd : RunqueueLayout.build(t, Credit2Config.Arrangement.of(arrangement), maxCpus)) {
            out.add(rqd.id + ":" + rqd.active);
        }
        return out;
    }

    /** Reference 1.1-1.3: every parameter's default is Xen 4.19's. */
    @Test
    void defaultsAreXen419s() {
        Credit2SchedulerProvider p = new Credit2SchedulerProvider();
        assertThat(p.parameters()).extracting(ParameterSpec::name, ParameterSpec::defaultValue).containsExactly(
                Tuple.tuple("ratelimitUs", "1000"), Tuple.tuple("runqueue", "socket"),
                Tuple.tuple("maxCpusPerRunqueue", "16"), Tuple.tuple("migrateResistUs", "500"),
                Tuple.tuple("loadWindowShift", "30"), Tuple.tuple("loadPrecisionShift", "18"),
                Tuple.tuple("balanceUnder", "0"), Tuple.tuple("balanceOver", "-3"),
                Tuple.tuple("capPeriodMs", "10"), Tuple.tuple("smtPowerSavings", "false"));
        assertThat(p.domainParameters()).extracting(ParameterSpec::name, ParameterSpec::defaultValue)
                .containsExactly(Tuple.tuple("weight", "256"), Tuple.tuple("cap", "0"));
        assertThat(p.vcpuParameters()).extracting(ParameterSpec::name, ParameterSpec::defaultValue)
                .containsExactly(Tuple.tuple("softAffinity", "all"));
        Credit2Config c = config(Map.of());
        assertThat(c.ratelimitNs()).isEqualTo(1 * MS);
        assertThat(c.arrangement()).isEqualTo(Credit2Config.Arrangement.SOCKET);
        assertThat(c.windowShift()).isEqualTo(20);
        assertThat(c.capPeriodNs()).isEqualTo(10 * MS);
        assertThat(c.migrateResistNs()).isEqualTo(500_000);
    }

    /**
     * Reference 1.4: what Xen refuses (a rate limit of 1-99 us, a cap above 100 per VCPU, a
     * malformed soft affinity) or silently resets at boot (a window of 10 bits or less, a
     * precision below 4 bits) is refused, with the parameter, the value and what is allowed.
     */
    @Test
    void refusesWhatXenRefusesOrResets() {
        assertThatThrownBy(() -> config(Map.of("ratelimitUs", "50")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("ratelimitUs").hasMessageContaining("'50'").hasMessageContaining("[100, 500000]");
        assertThat(config(Map.of("ratelimitUs", "0")).ratelimitNs()).isZero();
        assertThatThrownBy(() -> config(Map.of("loadWindowShift", "10")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("loadWindowShift");
        assertThatThrownBy(() -> config(Map.of("loadPrecisionShift", "3")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("loadPrecisionShift");
        assertThatThrownBy(() -> config(Map.of("balanceUnder", "-20")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("balanceUnder")
                .hasMessageContaining("[-18, 44]");
        assertThatThrownBy(() -> config(Map.of("loadWindowShift", "40", "loadPrecisionShift", "30")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("overflow");
        assertThatThrownBy(() -> config(Map.of("runqueue", "cache")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("cpu, core, socket, node, all");

        for (String bad : new String[] {"4", "2-1", "x", "", "0,,1"}) {
            assertThatThrownBy(() -> Credit2Sim.on("soft", 4).duration(MS)
                    .domain("a", Guests.hog()).build().adjustVcpu("a", 0, Map.of("softAffinity", bad)))
                    .as("soft affinity '%s'", bad)
                    .isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("softAffinity").hasMessageContaining("0-3");
        }
        Simulation ok = Credit2Sim.on("soft", 4).duration(MS).domain("a", Guests.hog()).build();
        ok.adjustVcpu("a", 0, Map.of("softAffinity", "0-1, 3"));
        assertThat(Credit2Sim.credit2(ok).state(ok.vcpu("a", 0)).soft.toString()).isEqualTo("0-1,3");
    }

    /**
     * Reference 2.1 and 2.2: the paper's Q6600 (one socket of four cores, no SMT, an L2 per pair of
     * cores): {@code cpu} and {@code core} give four runqueues, {@code socket} (the default),
     * {@code node} and {@code all} one; the L2 pairs play no part.
     */
    @Test
    void q6600RunqueuesByArrangement() {
        Topology q6600 = Topology.regular(1, 4, 1, 2);
        assertThat(layout(q6600, "cpu", 16)).containsExactly("0:{0}", "1:{1}", "2:{2}", "3:{3}");
        assertThat(layout(q6600, "core", 16)).containsExactly("0:{0}", "1:{1}", "2:{2}", "3:{3}");
        assertThat(layout(q6600, "socket", 16)).containsExactly("0:{0,1,2,3}");
        assertThat(layout(q6600, "node", 16)).containsExactly("0:{0,1,2,3}");
        assertThat(layout(q6600, "all", 16)).containsExactly("0:{0,1,2,3}");
    }

    /**
     * Reference 2.1 (cpu_add_to_runqueue): on two sockets of two cores of two threads, runqueues
     * follow the arrangement, thread siblings always together; sched_credit2_max_cpus_runqueue
     * splits them into at least ceil(n / max) runqueues of at most n / that many PCPUs each, never
     * separating siblings, and credit2_runqueue=all is split the same way (4.18+).
     */
    @Test
    void runqueueArrangementFollowsTopologyAndTheLimitPerRunqueue() {
        Topology t = Topology.regular(2, 2, 2, 2);
        assertThat(layout(t, "cpu", 16)).hasSize(8);
        assertThat(layout(t, "core", 16)).containsExactly("0:{0,1}", "1:{2,3}", "2:{4,5}", "3:{6,7}");
        assertThat(layout(t, "socket", 16)).containsExactly("0:{0,1,2,3}", "1:{4,5,6,7}");
        assertThat(layout(t, "all", 16)).containsExactly("0:{0,1,2,3,4,5,6,7}");
        assertThat(layout(t, "all", 4)).containsExactly("0:{0,1,2,3}", "1:{4,5,6,7}");
        // max 3 of 8: at least 3 runqueues of at most 2 PCPUs; siblings pair up
        assertThat(layout(t, "socket", 3)).containsExactly("0:{0,1}", "1:{2,3}", "2:{4,5}", "3:{6,7}");
        // four threads of one core stay together beyond the limit
        assertThat(layout(Topology.regular(1, 1, 4, 1), "socket", 2)).containsExactly("0:{0,1,2,3}");
    }

    /**
     * Reference 2.1 in a cpupool: csched2_alloc_pdata runs for the pool's PCPUs only, in number
     * order, so its runqueues hold only them; the spread still counts every online PCPU
     * (num_online_cpus() in 4.19's cpu_add_to_runqueue), so a pool of 4 of 8 PCPUs with a limit of
     * 3 gets runqueues of at most 2.
     */
    @Test
    void aPoolsRunqueuesHoldOnlyItsPcpus() {
        Topology t = Topology.regular(2, 2, 2, 2);
        List<String> out = new ArrayList<>();
        for (Credit2Runqueue rqd : RunqueueLayout.build(t, CpuMask.of(2, 3, 4, 5),
                Credit2Config.Arrangement.of("all"), 3)) {
            out.add(rqd.id + ":" + rqd.active);
        }
        assertThat(out).containsExactly("0:{2,3}", "1:{4,5}");
        out.clear();
        for (Credit2Runqueue rqd : RunqueueLayout.build(t, CpuMask.of(4, 5, 6, 7),
                Credit2Config.Arrangement.of("socket"), 16)) {
            out.add(rqd.id + ":" + rqd.active);
        }
        assertThat(out).containsExactly("0:{4,5,6,7}");
    }

    /**
     * Reference 2.3 and 2.4: each VCPU joins the runqueue of the PCPU it was created on; a PCPU
     * runs the VCPUs of its whole runqueue, and each queued VCPU is reported under its own
     * processor (checked mode verifies this after every event).
     */
    @Test
    void vcpusJoinTheRunqueueOfTheirPcpuAndAnyPcpuOfItRunsThem() {
        Credit2Sim.Driven d = new Credit2Sim.Driven(FixedCostPlatform.ideal(4), Map.of("runqueue", "core"));
        assertThat(d.sched.runqueues()).hasSize(4);
        for (int cpu = 0; cpu < 4; cpu++) {
            assertThat(d.svc(d.vcpu("v" + cpu, cpu)).rqd.id).isEqualTo(cpu);
        }
        Simulation sim = Credit2Sim.on("shared", 2).duration(50 * MS)
                .domain("a", Guests.hog()).domain("b", Guests.hog()).domain("c", Guests.hog()).build();
        var r = sim.run();
        assertThat(Credit2Sim.credit2(sim).runqueues()).hasSize(1);
        assertThat(r.vcpu("a", 0).runningNs() + r.vcpu("b", 0).runningNs() + r.vcpu("c", 0).runningNs())
                .isEqualTo(100 * MS);
    }
}
