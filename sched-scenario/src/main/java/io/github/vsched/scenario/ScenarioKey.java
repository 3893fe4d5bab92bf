package io.github.vsched.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * The single-valued keys of a scenario file, declared once: where each one sits (the top
 * level, a domain, the report), the kind of value it takes, its default and what it means.
 * {@link DocumentReader} reads the keys this table lists, {@link ScenarioOverride} sets them
 * ({@code --set}), {@link ScenarioDocument} holds them by constant, {@link ScenarioResolver}
 * and the resolver of each section ({@code DomainResolver}, {@code PoolResolver},
 * {@code ReportResolver}) read them from it to check each value and give it its meaning, and
 * the module README's list of keys is checked against this table. A new key is one constant
 * here and its use in the resolver of its place.
 *
 * <p>Keys that hold structure (a plugin with parameters, the list of domains, per-VCPU
 * settings, the report's VCPUs and window) are read by {@link DocumentReader} itself.
 */
public enum ScenarioKey {
    /** The scenario's name in reports. */
    NAME(Place.TOP, "name", Kind.TEXT, "the file name without .yaml", "a short name, shown in reports"),
    /** Free text. */
    DESCRIPTION(Place.TOP, "description", Kind.TEXT, "none", "free text"),
    /** The seed every random stream is split from. */
    SEED(Place.TOP, "seed", Kind.WHOLE_NUMBER, "1", "the seed every random stream is split from"),
    /** Simulated time to run. */
    DURATION(Place.TOP, "duration", Kind.DURATION, "required", "simulated time to run"),
    /** Checked mode. */
    CHECKED(Place.TOP, "checked", Kind.BOOLEAN, "false", "verify the engine's invariants after every event"),
    /** PV or HVM. */
    DOMAIN_TYPE(Place.DOMAIN, "type", Kind.CHOICE, "pv", "pv (paravirtualised) or hvm (hardware virtual machine)"),
    /** Number of VCPUs. */
    DOMAIN_VCPUS(Place.DOMAIN, "vcpus", Kind.WHOLE_NUMBER, "1; a driver domain: one per PCPU",
            "number of VCPUs, 1 to 4096"),
    /** Memory. */
    DOMAIN_MEMORY(Place.DOMAIN, "memory", Kind.MEMORY, "256", "memory; the total must fit the platform"),
    /** Whether the domain serves the others' I/O. */
    DOMAIN_DRIVER(Place.DOMAIN, "driver", Kind.BOOLEAN, "true for a domain named dom0",
            "whether it is the driver domain, serving the others' I/O"),
    /** The driver domain's VCPU for physical interrupts and notifications. */
    DOMAIN_IRQ_VCPU(Place.DOMAIN, "irqVcpu", Kind.WHOLE_NUMBER, "0",
            "driver domain: the VCPU that takes physical interrupts and frontend notifications"),
    /** HVM: Xen's HVM_PARAM_TIMER_MODE for the domain's virtual periodic timers. */
    DOMAIN_TIMER_MODE(Place.DOMAIN, "timerMode", Kind.WHOLE_NUMBER, "1 (xend's default for HVM)",
            "HVM only: Xen's timer_mode for the emulated periodic clock: ticks missed while preempted are"
                    + " delivered back to back (0, 1) or dropped (2) or collapsed into one (3)"),
    /** Hard affinity of every VCPU of the domain. */
    DOMAIN_AFFINITY(Place.DOMAIN, "affinity", Kind.PCPU_LIST, "all PCPUs", "hard affinity of every VCPU"),
    /** The cpupool the domain runs in. */
    DOMAIN_POOL(Place.DOMAIN, "pool", Kind.TEXT, "Pool-0",
            "the cpupool it runs in: Pool-0 or the name of a pool of 'pools'; its VCPUs run only on that pool's"
                    + " PCPUs, under its scheduler; the driver domain stays in Pool-0"),
    /** A cpupool's PCPUs. */
    POOL_CPUS(Place.POOL, "cpus", Kind.PCPU_LIST, "required",
            "the pool's PCPUs, taken from Pool-0 (which keeps the rest and runs the scenario's scheduler)"),
    /** The focus VCPUs' expected dispatch period. */
    REPORT_PERIOD(Place.REPORT, "period", Kind.DURATION, "none",
            "the VCPUs' expected period: results give the share of dispatch intervals within 10% of it"),
    /** Waits after a wake-up longer than this are attributed to their cause. */
    REPORT_WAIT_THRESHOLD(Place.REPORT, "waitThreshold", Kind.DURATION, "10% of the period, else 1ms",
            "waits after a wake-up longer than this are attributed to their cause");

    /** Where a key sits in the file. */
    public enum Place {
        /** The top level of the file. */
        TOP,
        /** Each entry of {@code domains}. */
        DOMAIN,
        /** The {@code report} mapping. */
        REPORT,
        /** Each entry of {@code pools}. */
        POOL
    }

    /** The kind of value a key takes, as the resolver checks it. */
    public enum Kind {
        /** Any text. */
        TEXT("text"),
        /** A whole number. */
        WHOLE_NUMBER("a whole number"),
        /** A duration with a unit ({@code 2.3ms}, {@code 60000tsc}). */
        DURATION("a duration with a unit: ns, us, ms, s, min, tsc"),
        /** {@code true} or {@code false}. */
        BOOLEAN("true or false"),
        /** One of a few words. */
        CHOICE("one of the words in the meaning"),
        /** A number of MiB, or with a unit. */
        MEMORY("MiB: 512, 512MiB, 512M, 2GiB, 2G"),
        /** A PCPU list: {@code 0-3,6}, a number, or a YAML list of numbers. */
        PCPU_LIST("PCPUs: 0-3,6 or [0, 1]");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** What a value of this kind looks like, for documentation. */
        public String description() {
            return description;
        }
    }

    private final Place place;
    private final String name;
    private final Kind kind;
    private final String defaultValue;
    private final String meaning;

    ScenarioKey(Place place, String name, Kind kind, String defaultValue, String meaning) {
        this.place = place;
        this.name = name;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.meaning = meaning;
    }

    /** Where the key sits. */
    public Place place() {
        return place;
    }

    /** The key as written in its mapping ({@code waitThreshold}). */
    public String key() {
        return name;
    }

    /** The kind of value it takes. */
    public Kind kind() {
        return kind;
    }

    /** The default when the key is absent, in words. */
    public String defaultValue() {
        return defaultValue;
    }

    /** What it means. */
    public String meaning() {
        return meaning;
    }

    /**
     * The key as a path in messages and {@code --set}: {@code duration},
     * {@code report.waitThreshold}; a domain key's path starts with its domain
     * ({@code domains[dom0].irqVcpu} in a file, {@code domain.dom0.irqVcpu} for {@code --set}), a
     * pool key's with its pool ({@code pools[rt].cpus}, {@code pool.rt.cpus}).
     */
    public String path() {
        return switch (place) {
            case TOP -> name;
            case DOMAIN -> "domain.NAME." + name;
            case REPORT -> "report." + name;
            case POOL -> "pool.NAME." + name;
        };
    }

    /** The keys of one place, in the order of the table. */
    public static List<String> keys(Place place) {
        List<String> out = new ArrayList<>();
        for (ScenarioKey k : values()) {
            if (k.place == place) {
                out.add(k.name);
            }
        }
        return out;
    }

    /** The key {@code name} of {@code place}, or null if there is none. */
    public static ScenarioKey find(Place place, String name) {
        for (ScenarioKey k : values()) {
            if (k.place == place && k.name.equals(name)) {
                return k;
            }
        }
        return null;
    }
}
