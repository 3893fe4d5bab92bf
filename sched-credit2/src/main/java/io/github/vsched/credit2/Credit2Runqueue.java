package io.github.vsched.credit2;

import java.util.ArrayList;
import java.util.List;

/**
 * One runqueue and the PCPUs sharing it ({@code struct csched2_runqueue_data}, 4.19 lines
 * 493-521): the runq in credit order ({@code runq_insert}, {@code runq_remove}), the VCPUs
 * assigned to it ({@code _runq_assign}, {@code _runq_deassign}, {@code update_max_weight}), its
 * masks and its load.
 */
final class Credit2Runqueue {
    /** {@code id}: its position among the runqueues. */
    final int id;
    /** {@code active}: its PCPUs. */
    final PcpuSet active;
    /** {@code idle}: its PCPUs running their idle VCPU. */
    final PcpuSet idle;
    /** {@code tickled}: its PCPUs asked to schedule that have not yet. */
    final PcpuSet tickled;
    /** {@code smt_idle}: PCPUs whose thread siblings are all idle and untickled. */
    final PcpuSet smtIdle;
    /** {@code svc}: every VCPU assigned here, in assignment order. */
    final List<Credit2Vcpu> assigned = new ArrayList<>();
    /** {@code nr_cpus}; also {@code refcnt}, as PCPUs are never removed. */
    int nrCpus;
    int maxWeight = 1;
    /** The PCPU to start from when picking one of this runqueue ({@code pick_bias}). */
    int pickBias;

    /** Instantaneous load: runnable VCPUs assigned here ({@code load}). */
    int load;
    /** When the averages were last updated, in units of 2^10 ns ({@code load_last_update}). */
    long loadLastUpdate;
    /** Decaying average of {@link #load} ({@code avgload}). */
    long avgload;
    /** The same, adjusted by balancing as VCPUs come and go ({@code b_avgload}). */
    long bAvgload;

    private Credit2Vcpu head;
    private Credit2Vcpu tail;
    private int length;

    Credit2Runqueue(int id, int pcpus, int firstCpu) {
        this.id = id;
        this.active = new PcpuSet(pcpus);
        this.idle = new PcpuSet(pcpus);
        this.tickled = new PcpuSet(pcpus);
        this.smtIdle = new PcpuSet(pcpus);
        this.pickBias = firstCpu;
    }

    /** The first VCPU of the runq, or null. */
    Credit2Vcpu head() {
        return head;
    }

    boolean runqEmpty() {
        return head == null;
    }

    int runqLength() {
        return length;
    }

    /**
     * {@code runq_insert} (4.19 lines 1430-1471): before the first VCPU with strictly less
     * credit, so after every VCPU of equal credit.
     *
     * @return the position it took (0 = head)
     */
    int insert(Credit2Vcpu svc) {
        if (svc.onRunq) {
            throw new IllegalStateException(svc.vcpu.name() + " is already on runqueue " + id);
        }
        int pos = 0;
        Credit2Vcpu at = head;
        while (at != null && svc.credit <= at.credit) {
            at = at.runqNext;
            pos++;
        }
        svc.onRunq = true;
        length++;
        if (at == null) {
            svc.runqPrev = tail;
            svc.runqNext = null;
            if (tail == null) {
                head = svc;
            } else {
                tail.runqNext = svc;
            }
            tail = svc;
        } else {
            svc.runqNext = at;
            svc.runqPrev = at.runqPrev;
            if (at.runqPrev == null) {
                head = svc;
            } else {
                at.runqPrev.runqNext = svc;
            }
            at.runqPrev = svc;
        }
        return pos;
    }

    /** {@code runq_remove}. */
    void remove(Credit2Vcpu svc) {
        if (!svc.onRunq) {
            throw new IllegalStateException(svc.vcpu.name() + " is not on runqueue " + id);
        }
        if (svc.runqPrev == null) {
            head = svc.runqNext;
        } else {
            svc.runqPrev.runqNext = svc.runqNext;
        }
        if (svc.runqNext == null) {
            tail = svc.runqPrev;
        } else {
            svc.runqNext.runqPrev = svc.runqPrev;
        }
        svc.runqPrev = null;
        svc.runqNext = null;
        svc.onRunq = false;
        length--;
    }

    /**
     * {@code _runq_assign} (4.19 lines 1100-1125): join this runqueue's VCPUs, its maximum weight
     * and its balancing load.
     */
    void assign(Credit2Vcpu svc) {
        svc.rqd = this;
        assigned.add(svc);
        updateMaxWeight(svc.weight, 0);
        bAvgload += svc.avgload;
    }

    /** {@code _runq_deassign}: the reverse, the balancing load floored at 0. */
    void deassign(Credit2Vcpu svc) {
        assigned.remove(svc);
        updateMaxWeight(0, svc.weight);
        bAvgload = Math.max(bAvgload - svc.avgload, 0);
        svc.rqd = null;
    }

    /**
     * {@code update_max_weight} (4.19 lines 1054-1097): a larger weight becomes the maximum at once;
     * if the weight that leaves was the maximum, it is recomputed (at least 1).
     */
    void updateMaxWeight(int newWeight, int oldWeight) {
        if (newWeight > maxWeight) {
            maxWeight = newWeight;
        } else if (oldWeight == maxWeight) {
            int max = 1;
            for (int i = 0; i < assigned.size(); i++) {
                max = Math.max(max, assigned.get(i).weight);
            }
            maxWeight = max;
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("runqueue ").append(id).append(' ').append(active).append(" [");
        for (Credit2Vcpu s = head; s != null; s = s.runqNext) {
            sb.append(s.vcpu.name()).append('(').append(s.credit).append(')');
            if (s.runqNext != null) {
                sb.append(", ");
            }
        }
        return sb.append(']').toString();
    }
}
