package io.github.vsched.credit2;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.Topology;

import java.util.ArrayList;
import java.util.List;

/**
 * Which runqueue each PCPU joins at boot: {@code cpu_add_to_runqueue} with
 * {@code cpu_runqueue_match} and {@code cpu_runqueue_siblings_match} (4.19 lines 859-1051), for
 * PCPUs brought up one after another in number order, every one of them online, with the default
 * {@code sched-gran=cpu}.
 *
 * <p>How the SPI's topology maps: a Xen socket is {@link Topology#socket}, a core
 * {@link Topology#core} (globally numbered, so "same core" implies "same socket" as in Xen),
 * thread siblings {@link Topology#threadSiblings}. The topology has no NUMA nodes, so
 * {@code node} groups by socket. Shared caches ({@link Topology#cacheGroup}) play no part: Xen
 * offers no cache-level arrangement.
 */
final class RunqueueLayout {
    private RunqueueLayout() {
    }

    /** The runqueues of a scheduler of every PCPU, in Xen's list order (by id), each with its PCPUs active. */
    static List<Credit2Runqueue> build(Topology t, Credit2Config.Arrangement arrangement, int maxCpusPerRunqueue) {
        return build(t, CpuMask.all(t.pcpus()), arrangement, maxCpusPerRunqueue);
    }

    /**
     * The runqueues of a scheduler of the PCPUs {@code cpus} (a cpupool's, added in number order
     * as {@code xl cpupool-create cpus=...} adds them). The spread still counts every online PCPU
     * ({@code num_online_cpus()} in 4.19's {@code cpu_add_to_runqueue}, not the pool's), and a
     * runqueue's room for siblings counts siblings in other pools too, as Xen does.
     */
    static List<Credit2Runqueue> build(Topology t, CpuMask cpus, Credit2Config.Arrangement arrangement,
                                       int maxCpusPerRunqueue) {
        int n = t.pcpus();
        int minRqs = (n - 1) / maxCpusPerRunqueue + 1;
        int maxCpusRunq = n / minRqs;
        List<Credit2Runqueue> rql = new ArrayList<>();
        for (int cpu = cpus.next(0); cpu >= 0 && cpu < n; cpu = cpus.next(cpu + 1)) {
            Credit2Runqueue valid = null;
            int rqi = 0;
            boolean rqiUnused = false;
            int insertAt = 0;
            for (int i = 0; i < rql.size(); i++) {
                Credit2Runqueue rqd = rql.get(i);
                if (!rqiUnused && rqd.id > rqi) {
                    rqiUnused = true;
                }
                if (matches(t, arrangement, rqd, cpu)) {
                    if (intersects(rqd.active, t.threadSiblings(cpu))) {
                        valid = rqd; // siblings stay together, whatever the limit
                        break;
                    }
                    if (rqd.nrCpus < maxCpusRunq && (siblingsFit(t, rqd, cpu, maxCpusRunq)
                            || arrangement == Credit2Config.Arrangement.ALL)) {
                        if (valid == null || rqd.nrCpus < valid.nrCpus) {
                            valid = rqd; // the least full of the matching runqueues
                        }
                    }
                }
                if (!rqiUnused) {
                    rqi++;
                    insertAt = i + 1;
                }
            }
            if (valid == null) {
                valid = new Credit2Runqueue(rqi, n, cpu);
                rql.add(insertAt, valid);
            }
            valid.active.set(cpu);
            valid.nrCpus++;
        }
        return rql;
    }

    /** {@code cpu_runqueue_match}: against the runqueue's first PCPU, its pick bias at boot. */
    private static boolean matches(Topology t, Credit2Config.Arrangement a, Credit2Runqueue rqd, int cpu) {
        int peer = rqd.pickBias;
        return switch (a) {
            case CPU -> false;
            case CORE -> t.socket(peer) == t.socket(cpu) && t.core(peer) == t.core(cpu);
            case SOCKET, NODE -> t.socket(peer) == t.socket(cpu);
            case ALL -> true;
        };
    }

    /**
     * {@code cpu_runqueue_siblings_match}: the runqueue's PCPUs counted with all their siblings,
     * plus this PCPU's siblings, fit the limit.
     */
    private static boolean siblingsFit(Topology t, Credit2Runqueue rqd, int cpu, int maxCpusRunq) {
        PcpuSet counted = new PcpuSet(t.pcpus());
        int total = 0;
        for (int r = rqd.active.next(0); r >= 0; r = rqd.active.next(r + 1)) {
            CpuMask sib = t.threadSiblings(r);
            if (!counted.intersects(sib)) {
                for (int s = sib.next(0); s >= 0; s = sib.next(s + 1)) {
                    counted.set(s);
                }
                total += sib.size();
            }
        }
        return total + t.threadSiblings(cpu).size() <= maxCpusRunq;
    }

    private static boolean intersects(PcpuSet set, CpuMask mask) {
        return set.intersects(mask);
    }
}
