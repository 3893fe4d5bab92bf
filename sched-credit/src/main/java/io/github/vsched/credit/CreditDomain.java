package io.github.vsched.credit;

import io.github.vsched.api.DomainView;

/**
 * Credit's state of one domain: Xen 4.0 {@code struct csched_dom} (sched_credit.c:144-151).
 * It heads the intrusive list of its active VCPUs and is itself a node of the global
 * active-domain list.
 */
final class CreditDomain {
    /** The engine's view. */
    final DomainView view;
    /** {@code weight}, 1..65535. */
    int weight;
    /** {@code cap} in percent of one PCPU; 0 means uncapped. */
    int cap;

    /** Head of {@code active_vcpu}; new members are added at the head ({@code list_add}). */
    CreditVcpu activeHead;
    /** {@code active_vcpu_count}. */
    int activeCount;

    /** Whether on the global {@code active_sdom} list. */
    boolean active;
    CreditDomain activePrev;
    CreditDomain activeNext;

    CreditDomain(DomainView view, int weight, int cap) {
        this.view = view;
        this.weight = weight;
        this.cap = cap;
    }

    @Override
    public String toString() {
        return view.name() + "[w=" + weight + " cap=" + cap + " active=" + activeCount + "]";
    }
}
