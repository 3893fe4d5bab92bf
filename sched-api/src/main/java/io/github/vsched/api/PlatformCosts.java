package io.github.vsched.api;

import java.math.BigInteger;

/**
 * The CPU and hypervisor costs of a {@link Platform}: one field per scalar cost, all in
 * nanoseconds of simulated time unless the name says otherwise. Every cost is charged as CPU
 * time on the PCPU where it happens and recorded as overhead, never as guest progress.
 *
 * <p>Every field has a default, the value of {@link #DEFAULTS}: zero for every cost (the cost
 * is not modelled), no C-states, and no limit on what a cache refill brings in. A platform sets
 * the costs it models with {@link #builder()} and leaves the rest; a cost added to this record
 * later starts at its default, so platforms written before it keep their behaviour.
 *
 * <p>The costs that depend on where something happens (which PCPUs, how long idle, how large
 * a working set) are {@link Platform}'s methods {@link Platform#ipiLatencyNs},
 * {@link Platform#cstateExitNs} and {@link Platform#migrationPenaltyNs}, derived from these
 * fields unless a platform overrides them.
 *
 * @param contextSwitchNs           switching a PCPU from one VCPU to another (Xen's
 *                                  {@code schedule()} and {@code context_switch()}); default 0
 * @param ipiLatencyNs              from raising a softirq on another PCPU (an IPI) until that PCPU
 *                                  handles it; default 0
 * @param crossSocketIpiNs          what an IPI to a PCPU of another socket adds to
 *                                  {@code ipiLatencyNs}; default 0
 * @param usesCstates               whether an idle PCPU enters an ACPI C-state (Xen's cpuidle),
 *                                  suspending the scheduler tick there
 *                                  ({@link Scheduler#tickSuspend}); default false
 * @param cstateExitNs              leaving the shallow C-state (C1) after an idle period shorter
 *                                  than {@code deepCstateAfterNs}; default 0
 * @param deepCstateExitNs          leaving the deep C-state (for example C1E) after a longer idle
 *                                  period; at least {@code cstateExitNs}; default 0
 * @param deepCstateAfterNs         idle time after which a PCPU is taken to be in the deep
 *                                  C-state; default {@link Long#MAX_VALUE} (never)
 * @param timerSlopNs               Xen's {@code timer_slop}: how late a timer may fire, so that
 *                                  timers close together are coalesced; default 0
 * @param migrationFixedNs          fixed part of what a VCPU loses after moving to a PCPU that
 *                                  shares no cache with the previous one; default 0
 * @param cacheRefillBytesPerSecond rate at which a moved VCPU refills its working set into the
 *                                  new cache, bytes per second; 0 (the default) when refilling
 *                                  costs nothing
 * @param cacheBytes                size of a last-level cache: the most a refill brings in,
 *                                  bytes; default {@link Long#MAX_VALUE} (no limit)
 * @param vmExitNs                  a hardware-virtualisation VM exit plus entry round trip
 *                                  (HVM guests); default 0
 * @param hypercallNs               a paravirtual hypercall round trip (PV guests); default 0
 * @param eventChannelNotifyNs      sending an event-channel notification (the hypercall plus
 *                                  marking the port pending); default 0
 * @param sharedCacheSlowdownPpm    how much longer a VCPU's CPU work takes while another PCPU
 *                                  sharing its last-level cache is busy, parts per million (see
 *                                  {@link #slowdownPpm}); default 0
 * @param memoryBusSlowdownPpm      how much longer it takes per other busy PCPU of its socket
 *                                  (the memory bus they share), parts per million; default 0
 */
public record PlatformCosts(long contextSwitchNs, long ipiLatencyNs, long crossSocketIpiNs, boolean usesCstates,
                            long cstateExitNs, long deepCstateExitNs, long deepCstateAfterNs, long timerSlopNs,
                            long migrationFixedNs, long cacheRefillBytesPerSecond, long cacheBytes, long vmExitNs,
                            long hypercallNs, long eventChannelNotifyNs, long sharedCacheSlowdownPpm,
                            long memoryBusSlowdownPpm) {

    /** Every field at its default: nothing costs anything, no C-states. */
    public static final PlatformCosts DEFAULTS = new PlatformCosts(0, 0, 0, false, 0, 0, Long.MAX_VALUE, 0, 0, 0,
            Long.MAX_VALUE, 0, 0, 0, 0, 0);

    /** The largest slowdown either contention field may give, parts per million (ten times as long). */
    public static final long MAX_SLOWDOWN_PPM = 10_000_000;

    /**
     * Validates every field: no negative duration, rate or size, and the deep C-state no
     * quicker to leave than the shallow one.
     *
     * @throws InvalidParameterException naming the field, the value and what is allowed
     */
    public PlatformCosts {
        duration("contextSwitchNs", contextSwitchNs);
        duration("ipiLatencyNs", ipiLatencyNs);
        duration("crossSocketIpiNs", crossSocketIpiNs);
        duration("cstateExitNs", cstateExitNs);
        duration("deepCstateExitNs", deepCstateExitNs);
        duration("deepCstateAfterNs", deepCstateAfterNs);
        duration("timerSlopNs", timerSlopNs);
        duration("migrationFixedNs", migrationFixedNs);
        if (cacheRefillBytesPerSecond < 0) {
            throw new InvalidParameterException("cacheRefillBytesPerSecond", Long.toString(cacheRefillBytesPerSecond),
                    "a rate >= 0 bytes per second (0: refilling costs nothing)");
        }
        if (cacheBytes < 0) {
            throw new InvalidParameterException("cacheBytes", Long.toString(cacheBytes), "a size >= 0 bytes");
        }
        duration("vmExitNs", vmExitNs);
        duration("hypercallNs", hypercallNs);
        duration("eventChannelNotifyNs", eventChannelNotifyNs);
        slowdown("sharedCacheSlowdownPpm", sharedCacheSlowdownPpm);
        slowdown("memoryBusSlowdownPpm", memoryBusSlowdownPpm);
        if (deepCstateExitNs < cstateExitNs) {
            throw new InvalidParameterException("deepCstateExitNs", deepCstateExitNs + "ns",
                    "at least cstateExitNs (" + cstateExitNs + "ns): the deeper state is not quicker to leave");
        }
    }

    /** A builder starting from {@link #DEFAULTS}. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder starting from these costs, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Time to refill {@code workingSetBytes} (at most {@link #cacheBytes}) at
     * {@link #cacheRefillBytesPerSecond}, rounded up to the nanosecond; 0 when refilling costs
     * nothing. Exact integer arithmetic.
     *
     * @throws IllegalArgumentException if {@code workingSetBytes < 0}
     * @throws ArithmeticException      if the time does not fit in a long
     */
    public long cacheRefillNs(long workingSetBytes) {
        if (workingSetBytes < 0) {
            throw new IllegalArgumentException("negative working set " + workingSetBytes + " bytes");
        }
        if (cacheRefillBytesPerSecond == 0) {
            return 0;
        }
        long bytes = Math.min(workingSetBytes, cacheBytes);
        if (Math.multiplyHigh(bytes, Durations.S) == 0 && bytes * Durations.S >= 0) {
            long product = bytes * Durations.S;
            long ns = product / cacheRefillBytesPerSecond;
            return product % cacheRefillBytesPerSecond == 0 ? ns : ns + 1;
        }
        BigInteger rate = BigInteger.valueOf(cacheRefillBytesPerSecond);
        return BigInteger.valueOf(bytes).multiply(BigInteger.valueOf(Durations.S))
                .add(rate.subtract(BigInteger.ONE)).divide(rate).longValueExact();
    }

    /** Whether either contention field is set. */
    public boolean modelsContention() {
        return sharedCacheSlowdownPpm != 0 || memoryBusSlowdownPpm != 0;
    }

    /**
     * The factor, in parts per million, by which contention stretches CPU work that starts now:
     * 1,000,000 plus {@link #sharedCacheSlowdownPpm} if another PCPU sharing the cache is busy,
     * plus {@link #memoryBusSlowdownPpm} for each other busy PCPU of the socket. The engine takes
     * the busy PCPUs as they are when a VCPU's work starts or resumes, and keeps the factor until
     * it stops: a sample, exact for work shorter than the co-runners' runs.
     *
     * @param cacheSiblingBusy   whether a PCPU sharing the last-level cache runs a VCPU
     * @param otherBusyInSocket  how many other PCPUs of the socket run a VCPU
     */
    public long slowdownPpm(boolean cacheSiblingBusy, int otherBusyInSocket) {
        return 1_000_000 + (cacheSiblingBusy ? sharedCacheSlowdownPpm : 0) + otherBusyInSocket * memoryBusSlowdownPpm;
    }

    private static void slowdown(String field, long ppm) {
        if (ppm < 0 || ppm > MAX_SLOWDOWN_PPM) {
            throw new InvalidParameterException(field, Long.toString(ppm), "parts per million in [0, " + MAX_SLOWDOWN_PPM
                    + "]");
        }
    }

    private static void duration(String field, long ns) {
        if (ns < 0) {
            throw new InvalidParameterException(field, ns + "ns", "a duration >= 0ns");
        }
    }

    /**
     * Builds {@link PlatformCosts}, starting from {@link #DEFAULTS} or from existing costs.
     * Every setter returns this builder; {@link #build()} validates.
     */
    public static final class Builder {
        private long contextSwitchNs;
        private long ipiLatencyNs;
        private long crossSocketIpiNs;
        private boolean usesCstates;
        private long cstateExitNs;
        private long deepCstateExitNs;
        private long deepCstateAfterNs;
        private long timerSlopNs;
        private long migrationFixedNs;
        private long cacheRefillBytesPerSecond;
        private long cacheBytes;
        private long vmExitNs;
        private long hypercallNs;
        private long eventChannelNotifyNs;
        private long sharedCacheSlowdownPpm;
        private long memoryBusSlowdownPpm;

        private Builder(PlatformCosts c) {
            contextSwitchNs = c.contextSwitchNs;
            ipiLatencyNs = c.ipiLatencyNs;
            crossSocketIpiNs = c.crossSocketIpiNs;
            usesCstates = c.usesCstates;
            cstateExitNs = c.cstateExitNs;
            deepCstateExitNs = c.deepCstateExitNs;
            deepCstateAfterNs = c.deepCstateAfterNs;
            timerSlopNs = c.timerSlopNs;
            migrationFixedNs = c.migrationFixedNs;
            cacheRefillBytesPerSecond = c.cacheRefillBytesPerSecond;
            cacheBytes = c.cacheBytes;
            vmExitNs = c.vmExitNs;
            hypercallNs = c.hypercallNs;
            eventChannelNotifyNs = c.eventChannelNotifyNs;
            sharedCacheSlowdownPpm = c.sharedCacheSlowdownPpm;
            memoryBusSlowdownPpm = c.memoryBusSlowdownPpm;
        }

        /** Sets {@link PlatformCosts#contextSwitchNs}. */
        public Builder contextSwitchNs(long ns) {
            contextSwitchNs = ns;
            return this;
        }

        /** Sets {@link PlatformCosts#ipiLatencyNs}. */
        public Builder ipiLatencyNs(long ns) {
            ipiLatencyNs = ns;
            return this;
        }

        /** Sets {@link PlatformCosts#crossSocketIpiNs}. */
        public Builder crossSocketIpiNs(long ns) {
            crossSocketIpiNs = ns;
            return this;
        }

        /**
         * One C-state: idle PCPUs enter it (suspending the scheduler tick) and take
         * {@code exitNs} to leave it, however long they were idle.
         */
        public Builder cstates(long exitNs) {
            return cstates(exitNs, exitNs, Long.MAX_VALUE);
        }

        /**
         * Two C-states: an idle PCPU is in the shallow one, which takes {@code exitNs} to
         * leave, until it has been idle {@code deepAfterNs}; from then on it is in the deep
         * one, which takes {@code deepExitNs}.
         */
        public Builder cstates(long exitNs, long deepExitNs, long deepAfterNs) {
            usesCstates = true;
            cstateExitNs = exitNs;
            deepCstateExitNs = deepExitNs;
            deepCstateAfterNs = deepAfterNs;
            return this;
        }

        /** No C-states: idle PCPUs keep their tick and wake at once (the default). */
        public Builder noCstates() {
            usesCstates = false;
            cstateExitNs = 0;
            deepCstateExitNs = 0;
            deepCstateAfterNs = Long.MAX_VALUE;
            return this;
        }

        /** Sets {@link PlatformCosts#timerSlopNs}. */
        public Builder timerSlopNs(long ns) {
            timerSlopNs = ns;
            return this;
        }

        /** Sets {@link PlatformCosts#migrationFixedNs}. */
        public Builder migrationFixedNs(long ns) {
            migrationFixedNs = ns;
            return this;
        }

        /** Sets {@link PlatformCosts#cacheRefillBytesPerSecond}. */
        public Builder cacheRefillBytesPerSecond(long bytesPerSecond) {
            cacheRefillBytesPerSecond = bytesPerSecond;
            return this;
        }

        /** Sets {@link PlatformCosts#cacheBytes}. */
        public Builder cacheBytes(long bytes) {
            cacheBytes = bytes;
            return this;
        }

        /** Sets {@link PlatformCosts#vmExitNs}. */
        public Builder vmExitNs(long ns) {
            vmExitNs = ns;
            return this;
        }

        /** Sets {@link PlatformCosts#hypercallNs}. */
        public Builder hypercallNs(long ns) {
            hypercallNs = ns;
            return this;
        }

        /**
         * Sets {@link PlatformCosts#sharedCacheSlowdownPpm} and
         * {@link PlatformCosts#memoryBusSlowdownPpm}.
         */
        public Builder contention(long sharedCachePpm, long memoryBusPpm) {
            sharedCacheSlowdownPpm = sharedCachePpm;
            memoryBusSlowdownPpm = memoryBusPpm;
            return this;
        }

        /** Sets {@link PlatformCosts#eventChannelNotifyNs}. */
        public Builder eventChannelNotifyNs(long ns) {
            eventChannelNotifyNs = ns;
            return this;
        }

        /**
         * The costs set so far.
         *
         * @throws InvalidParameterException naming the field, the value and what is allowed
         */
        public PlatformCosts build() {
            return new PlatformCosts(contextSwitchNs, ipiLatencyNs, crossSocketIpiNs, usesCstates, cstateExitNs,
                    deepCstateExitNs, deepCstateAfterNs, timerSlopNs, migrationFixedNs, cacheRefillBytesPerSecond,
                    cacheBytes, vmExitNs, hypercallNs, eventChannelNotifyNs, sharedCacheSlowdownPpm, memoryBusSlowdownPpm);
        }
    }
}
