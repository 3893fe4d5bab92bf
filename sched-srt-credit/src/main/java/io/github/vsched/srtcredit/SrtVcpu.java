package io.github.vsched.srtcredit;

import io.github.vsched.api.Timer;
import io.github.vsched.api.VcpuView;

/** srt-credit's state of one VCPU, beside credit's. */
final class SrtVcpu {
    final VcpuView view;
    /** Soft real-time: by the administrator's {@code llBoost} or an admitted guest request. */
    boolean enabled;
    boolean byGuest;
    /** SBT as CPU time. */
    long sbtNs;
    long usbtNs;
    boolean borrow;

    /** Currently LL-boosted. */
    boolean ll;
    /** The priority plain credit gives it (what it falls back to when the LL-boost ends). */
    int plainPri;
    /** SBT left in the current LL-boost. */
    long budgetNs;
    /** When it was last given the PCPU by schedule (start of the current charge). */
    long runStart = -1;
    /** Start of the last LL-boost, or {@link Long#MIN_VALUE}. */
    long grantAt = Long.MIN_VALUE;
    /** End of the last LL-boost, or {@link Long#MIN_VALUE}. */
    long endAt = Long.MIN_VALUE;
    /** Credits owed (mechanism 3). */
    int debt;
    /** Promotes the VCPU when its USBT expires. */
    Timer usbtTimer;

    // counters for reports and tests
    long grants;
    long exhausted;
    long promotions;
    long borrowed;
    long repaid;

    SrtVcpu(VcpuView view) {
        this.view = view;
    }
}
