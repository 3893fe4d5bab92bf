package io.github.vsched.core;

/**
 * The names under which plugin parameters are resolved ({@code Parameters.owner()}), and so
 * the prefix of the parameter a rejection names ({@code workload phases of domain web.runCv}).
 * Declared once here so that whoever created the parameters, and whoever reads a rejection to
 * find the value in a scenario file, agree on them.
 */
public final class ParameterOwner {
    private ParameterOwner() {
    }

    /** A platform's parameters: {@code platform ID}. */
    public static String platform(String platformId) {
        return "platform " + platformId;
    }

    /** A scheduler's global parameters: {@code scheduler ID}. */
    public static String scheduler(String schedulerId) {
        return "scheduler " + schedulerId;
    }

    /** The global parameters of a cpupool's scheduler: {@code scheduler ID of cpupool NAME}. */
    public static String poolScheduler(String pool, String schedulerId) {
        return "scheduler " + schedulerId + " of cpupool " + pool;
    }

    /** A scheduler's parameters of one domain: {@code domain NAME ID}. */
    public static String domain(String domain, String schedulerId) {
        return "domain " + domain + " " + schedulerId;
    }

    /** A scheduler's parameters of one VCPU: {@code vcpu NAME/N ID}. */
    public static String vcpu(String domain, int index, String schedulerId) {
        return "vcpu " + domain + "/" + index + " " + schedulerId;
    }

    /** A workload's parameters in one domain: {@code workload ID of domain NAME}. */
    public static String workload(String workloadId, String domain) {
        return "workload " + workloadId + " of domain " + domain;
    }
}
