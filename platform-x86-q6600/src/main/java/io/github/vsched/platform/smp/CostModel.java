package io.github.vsched.platform.smp;

import io.github.vsched.api.Durations;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;

import java.util.List;

/**
 * The CPU and hypervisor costs of a modelled Xen machine: everything but its topology, clock
 * and devices. Both {@code x86-q6600} and {@code generic-smp} take these parameters; their
 * defaults are the Q6600 figures, each with its source in {@link #specs()} and in the module's
 * {@code README.md}. Figures the README marks as estimates are reasoned, not measured.
 *
 * @param contextSwitchNs         switching a PCPU from one VCPU to another (Xen's
 *                                {@code schedule()} + {@code context_switch()}), ns
 * @param ipiLatencyNs            raising a softirq on another PCPU until it runs there, ns
 * @param usesCstates             whether idle PCPUs enter C-states through Xen's cpuidle
 *                                (suspending the scheduler tick)
 * @param c1ExitNs                leaving C1 (HLT) after a short idle period, ns
 * @param c1eExitNs               leaving C1E (enhanced halt: lowered voltage and clock), ns
 * @param c1ePromotionNs          idle time after which the PCPU is taken to be in C1E, ns
 * @param timerSlopNs             Xen's {@code timer_slop}: how late a timer may fire, ns
 * @param migrationFixedNs        fixed part of the cost of moving a VCPU to a PCPU that does
 *                                not share its last-level cache, ns
 * @param cacheRefillBytesPerSecond rate at which a moved VCPU refills its working set into the
 *                                new cache, bytes per second
 * @param vmTransitionCycles      hardware VM exit + VM entry round trip, core cycles
 * @param vmExitHandlerNs         Xen's software path for one VM exit (decode, dispatch,
 *                                return), ns
 * @param vmExitTlbRefillNs       TLB refill after one exit/entry pair: first-generation VT-x
 *                                has no VPID, so both transitions flush the TLB, ns
 * @param hypercallNs             a paravirtual hypercall round trip, ns
 * @param eventChannelSendNs      what an event-channel send adds to its hypercall (marking the
 *                                port pending, kicking the target VCPU), ns
 * @param interruptNs             dom0 CPU for one physical device interrupt, ns
 * @param pvBlockBackendNs        blkback CPU per request stage, ns
 * @param grantMapPerPageNs       grant map (request stage) or unmap (completion stage) of one
 *                                4 KiB page, ns
 * @param pvNetBackendNs          netback CPU per request stage, ns
 * @param copyBytesPerSecond      memory-to-memory copy rate (grant copy, device-model copy,
 *                                page-cache copy), bytes per second
 * @param deviceModelRequestNs    qemu-dm CPU per request stage, apart from its per-access work,
 *                                ns
 * @param deviceModelAccessNs     qemu-dm CPU per emulated register access forwarded to it, ns
 * @param hvmDiskExits            VM exits an HVM guest takes per emulated disk request
 * @param hvmNetExits             VM exits an HVM guest takes per emulated network exchange
 * @param sharedCacheSlowdownPpm  how much longer CPU work takes while a PCPU sharing its
 *                                last-level cache is busy, parts per million
 * @param memoryBusSlowdownPpm    how much longer per other busy PCPU of the socket, parts per
 *                                million
 */
public record CostModel(long contextSwitchNs, long ipiLatencyNs, boolean usesCstates, long c1ExitNs,
                        long c1eExitNs, long c1ePromotionNs, long timerSlopNs, long migrationFixedNs,
                        long cacheRefillBytesPerSecond, long vmTransitionCycles, long vmExitHandlerNs,
                        long vmExitTlbRefillNs, long hypercallNs, long eventChannelSendNs, long interruptNs,
                        long pvBlockBackendNs, long grantMapPerPageNs, long pvNetBackendNs,
                        long copyBytesPerSecond, long deviceModelRequestNs, long deviceModelAccessNs,
                        int hvmDiskExits, int hvmNetExits, long sharedCacheSlowdownPpm,
                        long memoryBusSlowdownPpm) {

    /** Parameter name of {@link #contextSwitchNs}. */
    public static final String CONTEXT_SWITCH = "contextSwitch";
    /** Parameter name of {@link #ipiLatencyNs}. */
    public static final String IPI_LATENCY = "ipiLatency";
    /** Parameter name of {@link #usesCstates}. */
    public static final String CSTATES = "cstates";
    /** Parameter name of {@link #c1ExitNs}. */
    public static final String C1_EXIT = "c1Exit";
    /** Parameter name of {@link #c1eExitNs}. */
    public static final String C1E_EXIT = "c1eExit";
    /** Parameter name of {@link #c1ePromotionNs}. */
    public static final String C1E_PROMOTION = "c1ePromotion";
    /** Parameter name of {@link #timerSlopNs}. */
    public static final String TIMER_SLOP = "timerSlop";
    /** Parameter name of {@link #migrationFixedNs}. */
    public static final String MIGRATION_FIXED = "migrationFixed";
    /** Parameter name of {@link #cacheRefillBytesPerSecond} (in MB/s). */
    public static final String CACHE_REFILL_BANDWIDTH = "cacheRefillBandwidth";
    /** Parameter name of {@link #vmTransitionCycles}. */
    public static final String VM_TRANSITION_CYCLES = "vmTransitionCycles";
    /** Parameter name of {@link #vmExitHandlerNs}. */
    public static final String VM_EXIT_HANDLER = "vmExitHandler";
    /** Parameter name of {@link #vmExitTlbRefillNs}. */
    public static final String VM_EXIT_TLB_REFILL = "vmExitTlbRefill";
    /** Parameter name of {@link #hypercallNs}. */
    public static final String HYPERCALL = "hypercall";
    /** Parameter name of {@link #eventChannelSendNs}. */
    public static final String EVENT_CHANNEL_SEND = "eventChannelSend";
    /** Parameter name of {@link #interruptNs}. */
    public static final String DEVICE_INTERRUPT = "deviceInterrupt";
    /** Parameter name of {@link #pvBlockBackendNs}. */
    public static final String PV_BLOCK_BACKEND = "pvBlockBackend";
    /** Parameter name of {@link #grantMapPerPageNs}. */
    public static final String GRANT_MAP_PER_PAGE = "grantMapPerPage";
    /** Parameter name of {@link #pvNetBackendNs}. */
    public static final String PV_NET_BACKEND = "pvNetBackend";
    /** Parameter name of {@link #copyBytesPerSecond} (in MB/s). */
    public static final String COPY_BANDWIDTH = "copyBandwidth";
    /** Parameter name of {@link #deviceModelRequestNs}. */
    public static final String DEVICE_MODEL_REQUEST = "deviceModelRequest";
    /** Parameter name of {@link #deviceModelAccessNs}. */
    public static final String DEVICE_MODEL_ACCESS = "deviceModelAccess";
    /** Parameter name of {@link #hvmDiskExits}. */
    public static final String HVM_DISK_EXITS = "hvmDiskExits";
    /** Parameter name of {@link #hvmNetExits}. */
    public static final String HVM_NET_EXITS = "hvmNetExits";
    /** Parameter name of {@link #sharedCacheSlowdownPpm} (in percent). */
    public static final String SHARED_CACHE_SLOWDOWN = "sharedCacheSlowdown";
    /** Parameter name of {@link #memoryBusSlowdownPpm} (in percent). */
    public static final String MEMORY_BUS_SLOWDOWN = "memoryBusSlowdown";

    /** Page size used to count grant mappings, bytes. */
    public static final long PAGE_BYTES = 4096;

    private static final long US = Durations.US;
    private static final long MS = Durations.MS;

    private static final List<ParameterSpec> SPECS = List.of(
            ParameterSpec.duration(CONTEXT_SWITCH, 3 * US, 0, MS,
                    "VCPU context switch on a PCPU (schedule() + context_switch(), HVM VMCS switch); estimate"
                            + " anchored on Denali's measured 1.4-9 us VM switch (Whitaker et al., OSDI 2002)"),
            ParameterSpec.duration(IPI_LATENCY, 2 * US, 0, MS,
                    "delay from raising a softirq on another PCPU (an IPI over the FSB) until it is handled;"
                            + " estimate, see README"),
            ParameterSpec.flag(CSTATES, true,
                    "idle PCPUs enter C1/C1E through Xen 4.0's cpuidle, which suspends the scheduler tick"
                            + " (xen-credit-reference section 3)"),
            ParameterSpec.duration(C1_EXIT, US, 0, 10 * MS,
                    "wake-up latency from C1 (HLT) after a short idle period; estimate (ACPI treats C1 as"
                            + " near-instant; Linux intel_idle lists 3 us for Nehalem's C1)"),
            ParameterSpec.duration(C1E_EXIT, 10 * US, 0, 10 * MS,
                    "wake-up latency from C1E (voltage and ratio lowered); estimate from Linux intel_idle's"
                            + " 10 us for C1E on Nehalem"),
            ParameterSpec.duration(C1E_PROMOTION, 20 * US, 0, Durations.S,
                    "idle time after which a PCPU is taken to be in C1E rather than C1; estimate (intel_idle's"
                            + " C1E target residency on Nehalem)"),
            ParameterSpec.duration(TIMER_SLOP, 50 * US, 0, 10 * MS,
                    "Xen timer_slop: timers may fire this late and are coalesced; Xen default 50 us"
                            + " (xen-credit-reference 1.2, 13.11)"),
            ParameterSpec.duration(MIGRATION_FIXED, 2 * US, 0, 10 * MS,
                    "fixed cost of moving a VCPU to a PCPU outside its shared cache (hypervisor per-VCPU"
                            + " state refetched over the FSB); estimate"),
            ParameterSpec.decimal(CACHE_REFILL_BANDWIDTH, "MB/s", 4000.0, 1.0, 1_000_000.0,
                    "rate of refilling a moved VCPU's working set (up to the cache size); estimate: about half"
                            + " the Q6600's 8.5 GB/s FSB peak (1066 MT/s x 8 bytes), since refills are demand misses"),
            ParameterSpec.integer(VM_TRANSITION_CYCLES, "cycles", 1200, 0, 1_000_000,
                    "hardware VM exit + VM entry round trip on first-generation VT-x (Core 2 Merom core);"
                            + " estimate, well below Prescott's (Adams & Agesen, ASPLOS 2006)"),
            ParameterSpec.duration(VM_EXIT_HANDLER, US, 0, MS,
                    "Xen's software path per VM exit (vmx_vmexit_handler decode, dispatch, resume); estimate"),
            ParameterSpec.duration(VM_EXIT_TLB_REFILL, 500, 0, MS,
                    "TLB refill per exit/entry pair: without VPID both transitions flush the TLB; estimate"
                            + " (about 40 page walks of 30 cycles)"),
            ParameterSpec.duration(HYPERCALL, 500, 0, MS,
                    "PV hypercall round trip; estimate from a guest trap bounced through Xen measured at"
                            + " 0.33-0.55 us (Xen changeset 'faster int 0x80 handling for compat mode guests')"),
            ParameterSpec.duration(EVENT_CHANNEL_SEND, 500, 0, MS,
                    "what EVTCHNOP_send adds to its hypercall (set the port pending, kick the VCPU); estimate"),
            ParameterSpec.duration(DEVICE_INTERRUPT, 5 * US, 0, MS,
                    "dom0 CPU per physical device interrupt (Xen do_IRQ, pirq event to dom0, driver handler,"
                            + " EOI hypercall); estimate"),
            ParameterSpec.duration(PV_BLOCK_BACKEND, 8 * US, 0, MS,
                    "blkback CPU per request stage (ring, bio submit or completion, response, notify);"
                            + " estimate"),
            ParameterSpec.duration(GRANT_MAP_PER_PAGE, US, 0, MS,
                    "grant map (request) or unmap with TLB flush (completion) per 4 KiB page; estimate"),
            ParameterSpec.duration(PV_NET_BACKEND, 6 * US, 0, MS,
                    "netback CPU per exchange stage, apart from copying (ring, bridge, notify); estimate"),
            ParameterSpec.decimal(COPY_BANDWIDTH, "MB/s", 2000.0, 1.0, 1_000_000.0,
                    "memory copy rate for grant copies, qemu-dm and page-cache hits; estimate: a copy reads"
                            + " and writes across the 8.5 GB/s FSB with cache misses"),
            ParameterSpec.duration(DEVICE_MODEL_REQUEST, 20 * US, 0, 10 * MS,
                    "qemu-dm CPU per request stage apart from register accesses (file I/O system calls,"
                            + " DMA completion, virtual IRQ); estimate"),
            ParameterSpec.duration(DEVICE_MODEL_ACCESS, 8 * US, 0, 10 * MS,
                    "dom0 CPU per emulated register access forwarded to qemu-dm (event to dom0, switch to"
                            + " qemu-dm, emulate, notify back); estimate"),
            ParameterSpec.integer(HVM_DISK_EXITS, "", 15, 0, 1000,
                    "VM exits per emulated IDE DMA request (taskfile and bus-master register accesses, status"
                            + " reads, EOI); estimate from the ATA register protocol, see README"),
            ParameterSpec.integer(HVM_NET_EXITS, "", 11, 0, 1000,
                    "VM exits per emulated NIC exchange (transmit, two interrupts' status and ack, receive"
                            + " ring pointer, EOIs); estimate, see README"),
            ParameterSpec.decimal(SHARED_CACHE_SLOWDOWN, "%", 0, 0, 1000,
                    "how much longer CPU work takes while the other core of its L2 pair runs a VCPU (the two"
                            + " evict each other's lines), sampled when the work starts; default 0 (not modelled;"
                            + " no source measures it for these guests)"),
            ParameterSpec.decimal(MEMORY_BUS_SLOWDOWN, "%", 0, 0, 1000,
                    "how much longer CPU work takes per other busy core of the socket (the shared front-side"
                            + " bus), sampled when the work starts; default 0 (not modelled)"));

    /**
     * Validates every cost: none negative, bandwidths positive, and C1E no faster to leave
     * than C1.
     *
     * @throws InvalidParameterException naming the parameter, the value and what is allowed
     */
    public CostModel {
        nonNegative(CONTEXT_SWITCH, contextSwitchNs);
        nonNegative(IPI_LATENCY, ipiLatencyNs);
        nonNegative(C1_EXIT, c1ExitNs);
        nonNegative(C1E_EXIT, c1eExitNs);
        nonNegative(C1E_PROMOTION, c1ePromotionNs);
        nonNegative(TIMER_SLOP, timerSlopNs);
        nonNegative(MIGRATION_FIXED, migrationFixedNs);
        positiveRate(CACHE_REFILL_BANDWIDTH, cacheRefillBytesPerSecond);
        if (vmTransitionCycles < 0) {
            throw new InvalidParameterException(VM_TRANSITION_CYCLES, Long.toString(vmTransitionCycles),
                    "a number of cycles >= 0");
        }
        nonNegative(VM_EXIT_HANDLER, vmExitHandlerNs);
        nonNegative(VM_EXIT_TLB_REFILL, vmExitTlbRefillNs);
        nonNegative(HYPERCALL, hypercallNs);
        nonNegative(EVENT_CHANNEL_SEND, eventChannelSendNs);
        nonNegative(DEVICE_INTERRUPT, interruptNs);
        nonNegative(PV_BLOCK_BACKEND, pvBlockBackendNs);
        nonNegative(GRANT_MAP_PER_PAGE, grantMapPerPageNs);
        nonNegative(PV_NET_BACKEND, pvNetBackendNs);
        positiveRate(COPY_BANDWIDTH, copyBytesPerSecond);
        nonNegative(DEVICE_MODEL_REQUEST, deviceModelRequestNs);
        nonNegative(DEVICE_MODEL_ACCESS, deviceModelAccessNs);
        if (hvmDiskExits < 0) {
            throw new InvalidParameterException(HVM_DISK_EXITS, Integer.toString(hvmDiskExits), "a count >= 0");
        }
        if (hvmNetExits < 0) {
            throw new InvalidParameterException(HVM_NET_EXITS, Integer.toString(hvmNetExits), "a count >= 0");
        }
        slowdown(SHARED_CACHE_SLOWDOWN, sharedCacheSlowdownPpm);
        slowdown(MEMORY_BUS_SLOWDOWN, memoryBusSlowdownPpm);
        if (c1eExitNs < c1ExitNs) {
            throw new InvalidParameterException(C1E_EXIT, Durations.format(c1eExitNs),
                    "at least c1Exit (" + Durations.format(c1ExitNs) + "): the deeper state is not quicker to leave");
        }
    }

    /** The parameters this record is built from, with units, defaults, ranges and sources. */
    public static List<ParameterSpec> specs() {
        return SPECS;
    }

    /** Builds the record from resolved parameters that include {@link #specs()}. */
    public static CostModel from(Parameters p) {
        return new CostModel(p.duration(CONTEXT_SWITCH), p.duration(IPI_LATENCY), p.flag(CSTATES),
                p.duration(C1_EXIT), p.duration(C1E_EXIT), p.duration(C1E_PROMOTION), p.duration(TIMER_SLOP),
                p.duration(MIGRATION_FIXED), megabytesPerSecond(p.decimal(CACHE_REFILL_BANDWIDTH)),
                p.integer(VM_TRANSITION_CYCLES), p.duration(VM_EXIT_HANDLER), p.duration(VM_EXIT_TLB_REFILL),
                p.duration(HYPERCALL), p.duration(EVENT_CHANNEL_SEND), p.duration(DEVICE_INTERRUPT),
                p.duration(PV_BLOCK_BACKEND), p.duration(GRANT_MAP_PER_PAGE), p.duration(PV_NET_BACKEND),
                megabytesPerSecond(p.decimal(COPY_BANDWIDTH)), p.duration(DEVICE_MODEL_REQUEST),
                p.duration(DEVICE_MODEL_ACCESS), Math.toIntExact(p.integer(HVM_DISK_EXITS)),
                Math.toIntExact(p.integer(HVM_NET_EXITS)), percentToPpm(p.decimal(SHARED_CACHE_SLOWDOWN)),
                percentToPpm(p.decimal(MEMORY_BUS_SLOWDOWN)));
    }

    /** Parts per million in {@code percent} percent, rounded. */
    static long percentToPpm(double percent) {
        return Math.round(percent * 10_000.0);
    }

    private static void slowdown(String name, long ppm) {
        if (ppm < 0 || ppm > 10_000_000) {
            throw new InvalidParameterException(name, ppm / 10_000.0 + "%", "a percentage in [0, 1000]");
        }
    }

    /** Bytes per second in {@code mbps} megabytes (10^6 bytes) per second, rounded. */
    static long megabytesPerSecond(double mbps) {
        return Math.round(mbps * 1_000_000.0);
    }

    /**
     * VM exit plus entry as the engine charges it: the hardware round trip at
     * {@code coreHz}, Xen's handler and the TLB refill.
     */
    public long vmExitNs(long coreHz) {
        return MulDiv.of(vmTransitionCycles, Durations.S, coreHz, java.math.RoundingMode.HALF_EVEN)
                + vmExitHandlerNs + vmExitTlbRefillNs;
    }

    /** An event-channel notification: the hypercall plus the send. */
    public long eventChannelNotifyNs() {
        return hypercallNs + eventChannelSendNs;
    }

    /** 4 KiB pages spanned by a request of {@code bytes} (rounded up). */
    public static long pages(long bytes) {
        return (bytes + PAGE_BYTES - 1) / PAGE_BYTES;
    }

    private static void nonNegative(String name, long ns) {
        if (ns < 0) {
            throw new InvalidParameterException(name, ns + "ns", "a duration >= 0ns");
        }
    }

    private static void positiveRate(String name, long bytesPerSecond) {
        if (bytesPerSecond <= 0) {
            throw new InvalidParameterException(name, bytesPerSecond + " B/s", "a rate > 0 MB/s");
        }
    }
}
