package io.github.vsched.testkit;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.GuestModel;
import io.github.vsched.core.DomainSpec;
import io.github.vsched.core.FixedCostPlatform;
import io.github.vsched.core.guest.Guests;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One small scenario of the {@link SchedulerContract} matrix.
 *
 * @param name             shown as the test's name
 * @param platform         the machine
 * @param domains          the guests
 * @param runnablePerPcpu  the most runnable VCPUs that compete for one PCPU, for the
 *                         scheduler's declared starvation bound
 * @param durationNs       simulated time
 * @param hogDomains       the domains whose VCPUs are always runnable: each must make progress
 */
public record ContractScenario(String name, FixedCostPlatform platform, List<DomainSpec> domains,
                               int runnablePerPcpu, long durationNs, java.util.Set<String> hogDomains) {

    /** Copies the collections. */
    public ContractScenario {
        domains = List.copyOf(domains);
        hogDomains = java.util.Set.copyOf(hogDomains);
    }

    /** This scenario with one more domain (not a hog). */
    public ContractScenario with(DomainSpec domain) {
        List<DomainSpec> l = new ArrayList<>(domains);
        l.add(domain);
        return new ContractScenario(name, platform, l, runnablePerPcpu, durationNs, hogDomains);
    }

    /** Starts a scenario on {@code pcpus} PCPUs with small but non-zero costs. */
    public static Builder on(String name, int pcpus) {
        return new Builder(name, pcpus);
    }

    /** Builds a {@link ContractScenario}. */
    public static final class Builder {
        private final String name;
        private final FixedCostPlatform platform;
        private final List<DomainSpec> domains = new ArrayList<>();
        private final java.util.Set<String> hogs = new java.util.LinkedHashSet<>();
        private int runnablePerPcpu = 1;
        private long duration = 1_000_000_000L;

        private Builder(String name, int pcpus) {
            this.name = name;
            this.platform = FixedCostPlatform.ideal(pcpus).withContextSwitch(1_000).withIpi(2_000);
        }

        /** Adds a domain of {@code vcpus} VCPUs each running a fresh model from {@code model}. */
        public Builder domain(String domain, int vcpus, Supplier<GuestModel> model) {
            domains.add(DomainSpec.builder(domain).vcpus(vcpus)
                    .workload("contract", Guests.workload(i -> model.get())).build());
            return this;
        }

        /**
         * Adds a domain of {@code vcpus} VCPUs running {@code model}, configured further by
         * {@code config}: per-domain and per-VCPU scheduler parameters, affinity, type.
         */
        public Builder domain(String domain, int vcpus, Supplier<GuestModel> model,
                              Consumer<DomainSpec.Builder> config) {
            DomainSpec.Builder b = DomainSpec.builder(domain).vcpus(vcpus)
                    .workload("contract", Guests.workload(i -> model.get()));
            config.accept(b);
            domains.add(b.build());
            return this;
        }

        /** Adds a domain of {@code vcpus} CPU hogs, each of which must make progress. */
        public Builder hogs(String domain, int vcpus) {
            hogs.add(domain);
            return domain(domain, vcpus, Guests::hog);
        }

        /**
         * Adds a domain of {@code vcpus} CPU hogs configured by {@code config} (their scheduler
         * parameters, say), each of which must make progress.
         */
        public Builder hogs(String domain, int vcpus, Consumer<DomainSpec.Builder> config) {
            hogs.add(domain);
            return domain(domain, vcpus, Guests::hog, config);
        }

        /** Adds a domain of CPU hogs pinned to {@code mask}, each of which must make progress. */
        public Builder pinnedHogs(String domain, int vcpus, CpuMask mask) {
            hogs.add(domain);
            return pinned(domain, vcpus, mask, Guests::hog);
        }

        /** Adds a domain whose VCPUs are all pinned to {@code mask}. */
        public Builder pinned(String domain, int vcpus, CpuMask mask, Supplier<GuestModel> model) {
            domains.add(DomainSpec.builder(domain).vcpus(vcpus).affinity(mask)
                    .workload("contract", Guests.workload(i -> model.get())).build());
            return this;
        }

        /** The most runnable VCPUs competing for one PCPU (default 1). */
        public Builder runnablePerPcpu(int n) {
            this.runnablePerPcpu = n;
            return this;
        }

        /** Simulated duration (default 1 s). */
        public Builder duration(long ns) {
            this.duration = ns;
            return this;
        }

        /** Builds it. */
        public ContractScenario build() {
            return new ContractScenario(name, platform, domains, runnablePerPcpu, duration, hogs);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
