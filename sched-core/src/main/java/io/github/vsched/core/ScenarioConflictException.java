package io.github.vsched.core;

/**
 * A scenario whose settings contradict each other or the platform, found when the simulation
 * is created: a workload that issues I/O with no driver domain, two driver domains, a guest
 * type the platform does not model, more memory than the platform has. Names the domain and
 * the setting concerned, so a tool can point at the line that set it.
 */
public class ScenarioConflictException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The setting of a domain a conflict is about. */
    public enum Setting {
        /** Its guest type (PV or HVM). */
        TYPE,
        /** Its memory. */
        MEMORY,
        /** Whether it is the driver domain. */
        DRIVER,
        /** Its workload. */
        WORKLOAD,
        /** Its cpupool. */
        POOL,
        /** Its VCPUs' hard affinity. */
        AFFINITY
    }

    private final String domain;
    private final Setting setting;

    /**
     * @param message what contradicts what, and how to resolve it
     * @param domain  the domain concerned
     * @param setting its setting concerned
     */
    public ScenarioConflictException(String message, String domain, Setting setting) {
        super(message);
        this.domain = domain;
        this.setting = setting;
    }

    /** The name of the domain concerned. */
    public String domain() {
        return domain;
    }

    /** The setting of that domain concerned. */
    public Setting setting() {
        return setting;
    }
}
