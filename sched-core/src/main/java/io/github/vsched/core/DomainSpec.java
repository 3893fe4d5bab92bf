package io.github.vsched.core;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;
import io.github.vsched.api.WorkloadProvider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A guest domain of a scenario.
 *
 * @param name                 unique name ({@code dom0}, {@code winxp})
 * @param type                 PV or HVM
 * @param vcpus                number of VCPUs (&gt;= 1)
 * @param memoryMb             memory in MiB
 * @param schedulerParams      the scheduler's per-domain parameters as text (e.g. weight)
 * @param vcpuSchedulerParams  the scheduler's per-VCPU parameters as text, by VCPU number
 * @param affinity             hard affinity per VCPU (null entries: all PCPUs)
 * @param workload             what the domain runs
 * @param driverDomain         whether it serves the other domains' I/O (dom0)
 * @param irqVcpu              driver domain: the VCPU that receives physical interrupts and
 *                             frontend notifications
 * @param timerMode            HVM: {@code HVM_PARAM_TIMER_MODE}, how its virtual periodic
 *                             timers deliver ticks missed during a preemption (xend's default,
 *                             mode 1, unless set); no effect on a PV domain
 * @param pool                 the name of its cpupool: {@link PoolSpec#POOL0} (the default) or
 *                             a pool of the scenario
 */
public record DomainSpec(String name, DomainType type, int vcpus, long memoryMb,
                         Map<String, String> schedulerParams,
                         Map<Integer, Map<String, String>> vcpuSchedulerParams,
                         List<CpuMask> affinity,
                         ComponentSpec<WorkloadProvider> workload, boolean driverDomain, int irqVcpu,
                         HvmTimerMode timerMode, String pool) {

    /** Validates and copies. */
    public DomainSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(workload, "workload of domain " + name);
        Objects.requireNonNull(timerMode, "timer mode of domain " + name);
        Objects.requireNonNull(pool, "cpupool of domain " + name);
        if (type == DomainType.IDLE) {
            throw new IllegalArgumentException("domain " + name + ": type must be pv or hvm");
        }
        if (vcpus < 1 || vcpus > 4096) {
            throw new IllegalArgumentException("domain " + name + ": vcpus " + vcpus + " not in [1, 4096]");
        }
        if (memoryMb < 0) {
            throw new IllegalArgumentException("domain " + name + ": memory " + memoryMb + " MiB is negative");
        }
        schedulerParams = Collections.unmodifiableMap(new LinkedHashMap<>(schedulerParams));
        Map<Integer, Map<String, String>> v = new LinkedHashMap<>();
        vcpuSchedulerParams.forEach((k, m) -> v.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        vcpuSchedulerParams = Collections.unmodifiableMap(v);
        List<CpuMask> a = new ArrayList<>(affinity);
        while (a.size() < vcpus) {
            a.add(null);
        }
        if (a.size() > vcpus) {
            throw new IllegalArgumentException("domain " + name + ": affinity given for " + a.size()
                    + " VCPUs but it has " + vcpus);
        }
        affinity = Collections.unmodifiableList(a);
        if (irqVcpu < 0 || irqVcpu >= vcpus) {
            throw new IllegalArgumentException("domain " + name + ": irqVcpu " + irqVcpu + " not in [0, " + (vcpus - 1) + "]");
        }
        for (Integer k : vcpuSchedulerParams.keySet()) {
            if (k < 0 || k >= vcpus) {
                throw new IllegalArgumentException("domain " + name + ": VCPU " + k
                        + " has scheduler parameters but VCPUs are 0.." + (vcpus - 1));
            }
        }
    }

    /** A domain of Pool-0. */
    public DomainSpec(String name, DomainType type, int vcpus, long memoryMb, Map<String, String> schedulerParams,
                      Map<Integer, Map<String, String>> vcpuSchedulerParams, List<CpuMask> affinity,
                      ComponentSpec<WorkloadProvider> workload, boolean driverDomain, int irqVcpu,
                      HvmTimerMode timerMode) {
        this(name, type, vcpus, memoryMb, schedulerParams, vcpuSchedulerParams, affinity, workload, driverDomain,
                irqVcpu, timerMode, PoolSpec.POOL0);
    }

    /** This domain in another cpupool. */
    public DomainSpec withPool(String poolName) {
        return new DomainSpec(name, type, vcpus, memoryMb, schedulerParams, vcpuSchedulerParams, affinity, workload,
                driverDomain, irqVcpu, timerMode, poolName);
    }

    /** Starts a domain description. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link DomainSpec}. */
    public static final class Builder {
        private final String name;
        private DomainType type = DomainType.PV;
        private int vcpus = 1;
        private long memoryMb = 256;
        private final Map<String, String> sched = new LinkedHashMap<>();
        private final Map<Integer, Map<String, String>> vcpuSched = new LinkedHashMap<>();
        private final List<CpuMask> affinity = new ArrayList<>();
        private ComponentSpec<WorkloadProvider> workload;
        private Boolean driverDomain;
        private int irqVcpu;
        private HvmTimerMode timerMode = HvmTimerMode.XEND_DEFAULT;
        private String pool = PoolSpec.POOL0;

        private Builder(String name) {
            this.name = name;
        }

        /** PV (default) or HVM. */
        public Builder type(DomainType t) {
            this.type = t;
            return this;
        }

        /** Number of VCPUs (default 1). */
        public Builder vcpus(int n) {
            this.vcpus = n;
            return this;
        }

        /** Memory in MiB (default 256). */
        public Builder memoryMb(long mb) {
            this.memoryMb = mb;
            return this;
        }

        /** A per-domain scheduler parameter, e.g. {@code weight}. */
        public Builder schedulerParam(String key, String value) {
            sched.put(key, value);
            return this;
        }

        /** A per-VCPU scheduler parameter. */
        public Builder vcpuSchedulerParam(int vcpu, String key, String value) {
            vcpuSched.computeIfAbsent(vcpu, k -> new LinkedHashMap<>()).put(key, value);
            return this;
        }

        /** The same hard affinity for every VCPU. */
        public Builder affinity(CpuMask mask) {
            affinity.clear();
            for (int i = 0; i < vcpus; i++) {
                affinity.add(mask);
            }
            return this;
        }

        /** Hard affinity of one VCPU (call after {@link #vcpus}). */
        public Builder vcpuAffinity(int vcpu, CpuMask mask) {
            while (affinity.size() <= vcpu) {
                affinity.add(null);
            }
            affinity.set(vcpu, mask);
            return this;
        }

        /** A workload plugin by id. */
        public Builder workload(String id, Map<String, String> params) {
            this.workload = ComponentSpec.of(id, params);
            return this;
        }

        /** A workload given directly (tests, embedding), without parameters. */
        public Builder workload(String id, Function<WorkloadContext, Workload> factory) {
            this.workload = new ComponentSpec<>(id, Map.of(), InlineWorkloads.provider(id, factory));
            return this;
        }

        /** A workload provider given directly (e.g. one not registered as a service). */
        public Builder workload(WorkloadProvider provider, Map<String, String> params) {
            this.workload = new ComponentSpec<>(provider.id(), params, provider);
            return this;
        }

        /** Whether it is the driver domain (default: when it is named {@code dom0}). */
        public Builder driverDomain(boolean on) {
            this.driverDomain = on;
            return this;
        }

        /** The driver domain's VCPU for physical interrupts and notifications (default 0). */
        public Builder irqVcpu(int vcpu) {
            this.irqVcpu = vcpu;
            return this;
        }

        /** HVM: the timer mode of its virtual periodic timers (default: xend's, mode 1). */
        public Builder timerMode(HvmTimerMode mode) {
            this.timerMode = mode;
            return this;
        }

        /** Its cpupool, by name (default {@link PoolSpec#POOL0}). */
        public Builder pool(String poolName) {
            this.pool = poolName;
            return this;
        }

        /** Builds the spec. */
        public DomainSpec build() {
            return new DomainSpec(name, type, vcpus, memoryMb, sched, vcpuSched, affinity, workload,
                    driverDomain != null ? driverDomain : name.equals("dom0"), irqVcpu, timerMode, pool);
        }
    }
}
