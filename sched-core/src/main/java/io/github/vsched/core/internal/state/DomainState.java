package io.github.vsched.core.internal.state;

import io.github.vsched.api.DomainType;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.Parameters;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The engine's state of a domain (Xen's {@code struct domain}). */
public final class DomainState implements DomainView {
    public final int id;
    public final String name;
    public final DomainType type;
    public final List<VcpuState> vcpus = new ArrayList<>();
    private final List<VcpuState> vcpusView = Collections.unmodifiableList(vcpus);
    public Parameters schedParams;
    public Object schedPriv;
    /** Its cpupool: its VCPUs run only on the pool's PCPUs, under the pool's scheduler. */
    public Cpupool pool;
    public long memoryMb;
    /**
     * HVM: {@code HVM_PARAM_TIMER_MODE}, how its virtual periodic timers treat ticks missed
     * while a VCPU was preempted: one of the {@code TIMER_MODE_} values; xend's default for HVM.
     */
    public int timerMode = TIMER_MODE_NO_DELAY_FOR_MISSED_TICKS;

    /** {@code HVMPTM_delay_for_missed_ticks} (Xen's own default, and xl's). */
    public static final int TIMER_MODE_DELAY_FOR_MISSED_TICKS = 0;
    /** {@code HVMPTM_no_delay_for_missed_ticks} (xend's default for HVM guests). */
    public static final int TIMER_MODE_NO_DELAY_FOR_MISSED_TICKS = 1;
    /** {@code HVMPTM_no_missed_ticks_pending}. */
    public static final int TIMER_MODE_NO_MISSED_TICKS_PENDING = 2;
    /** {@code HVMPTM_one_missed_tick_pending}. */
    public static final int TIMER_MODE_ONE_MISSED_TICK_PENDING = 3;

    public DomainState(int id, String name, DomainType type, Parameters schedParams) {
        this.id = id;
        this.name = name;
        this.type = type;
        this.schedParams = schedParams;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DomainType type() {
        return type;
    }

    @Override
    public List<VcpuState> vcpus() {
        return vcpusView;
    }

    @Override
    public Parameters schedulerParameters() {
        return schedParams;
    }

    @Override
    public Object schedulerPrivate() {
        return schedPriv;
    }

    @Override
    public String toString() {
        return name;
    }
}
