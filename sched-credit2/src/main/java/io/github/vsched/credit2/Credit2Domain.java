package io.github.vsched.credit2;

import io.github.vsched.api.DomainView;
import io.github.vsched.api.Timer;

import java.util.ArrayList;
import java.util.List;

/**
 * A domain's credit2 state ({@code struct csched2_dom}, 4.19 lines 580-595): its weight, its cap
 * and the budget pool the cap is enforced with.
 */
final class Credit2Domain {
    final DomainView domain;
    final List<Credit2Vcpu> vcpus = new ArrayList<>();
    int weight;
    /** Percent of one PCPU; 0 = no cap. */
    int cap;
    /** Budget per replenishment period ({@code tot_budget}). */
    long totBudget;
    /** The pool VCPUs grab budget from ({@code budget}). */
    long budget;
    long nextRepl;
    /** The periodic replenishment timer ({@code repl_timer}); created with the domain. */
    Timer replTimer;
    /** VCPUs waiting for budget ({@code parked_units}), most recently parked first. */
    final List<Credit2Vcpu> parkedVcpus = new ArrayList<>();
    /** VCPUs the scheduler knows ({@code nr_units}). */
    int nrVcpus;

    Credit2Domain(DomainView domain, int weight) {
        this.domain = domain;
        this.weight = weight;
    }
}
