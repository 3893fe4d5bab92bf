package io.github.vsched.credit2;

/**
 * The exponentially decaying load averages of runqueues and VCPUs: {@code update_runq_load},
 * {@code update_svc_load} and {@code update_load} (4.19 lines 1271-1428). Time is counted in
 * units of 2^10 ns; loads are fixed point with {@code P} fractional bits, so a load of 1.0 (one
 * VCPU always runnable) is {@code 1 << P}. Over a window of {@code W = 2^w} units the average
 * moves towards the instantaneous load in proportion to the time since its last update:
 * {@code avg += delta*load*P/W - delta*avg/W}, and after more than a window it becomes the
 * instantaneous load.
 */
final class LoadTracker {
    private final int w;
    private final int p;

    LoadTracker(Credit2Config config) {
        this.w = config.windowShift();
        this.p = config.loadPrecisionShift();
    }

    /** The fixed-point value of a load of 1.0. */
    long one() {
        return 1L << p;
    }

    /** {@code update_load}: the runqueue's averages, then the VCPU's if given. */
    void update(Credit2Runqueue rqd, Credit2Vcpu svc, int change, long now) {
        updateRunq(rqd, change, now);
        if (svc != null) {
            updateVcpu(svc, change, now);
        }
    }

    /**
     * {@code update_runq_load}: decay both averages of the runqueue towards its present load, then
     * apply {@code change} to the load.
     */
    void updateRunq(Credit2Runqueue rqd, int change, long now) {
        long t = now >> Credit2Config.LOADAVG_GRANULARITY_SHIFT;
        long load = rqd.load;
        if (rqd.loadLastUpdate + (1L << w) < t) {
            rqd.avgload = load << p;
            rqd.bAvgload = load << p;
        } else {
            long delta = t - rqd.loadLastUpdate;
            if (delta < 0) {
                delta = 0;
            }
            rqd.avgload = rqd.avgload + ((delta * (load << p)) >> w) - ((delta * rqd.avgload) >> w);
            rqd.bAvgload = rqd.bAvgload + ((delta * (load << p)) >> w) - ((delta * rqd.bAvgload) >> w);
        }
        rqd.load += change;
        rqd.loadLastUpdate = t;
    }

    /**
     * {@code update_svc_load}: decay the VCPU's average towards 1 if it was runnable since the last
     * update, 0 if not. A change of -1 (it stops being runnable) means it was; +1 means it was not;
     * 0 asks whether it is now.
     */
    void updateVcpu(Credit2Vcpu svc, int change, long now) {
        long load = change == -1 ? 1 : change == 1 ? 0 : svc.runnable() ? 1 : 0;
        long t = now >> Credit2Config.LOADAVG_GRANULARITY_SHIFT;
        if (svc.loadLastUpdate + (1L << w) < t) {
            svc.avgload = load << p;
        } else {
            long delta = t - svc.loadLastUpdate;
            if (delta < 0) {
                delta = 0;
            }
            svc.avgload = svc.avgload + ((delta * (load << p)) >> w) - ((delta * svc.avgload) >> w);
        }
        svc.loadLastUpdate = t;
    }

    /** A new VCPU's average: half a VCPU ({@code csched2_alloc_udata}). */
    void initVcpu(Credit2Vcpu svc, long now) {
        svc.avgload = 1L << (p - 1);
        svc.loadLastUpdate = now >> Credit2Config.LOADAVG_GRANULARITY_SHIFT;
    }
}
