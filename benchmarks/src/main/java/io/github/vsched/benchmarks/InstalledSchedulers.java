package io.github.vsched.benchmarks;

import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.core.PluginRegistry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scheduler plugins installed on the class path, as the benchmarks see them through
 * {@link PluginRegistry}: the source of the {@code scheduler} parameter's values.
 *
 * <p>JMH needs literal {@code @Param} values at compile time, so the benchmarks list the
 * project's own schedulers as defaults and check each id in their setup against the registry
 * ({@link #require}). To measure exactly what is installed, a third-party plugin included, pass
 * the list this class prints:
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar:my-plugin.jar org.openjdk.jmh.Main SchedulerHotPath \
 *     -p scheduler=$(java -cp benchmarks/target/benchmarks.jar:my-plugin.jar \
 *                    io.github.vsched.benchmarks.InstalledSchedulers)
 * }</pre>
 *
 * (or {@code -p scheduler=my-id} for one plugin). JMH forks its measurement JVMs with the same
 * class path, so the plugin is found there too.
 */
public final class InstalledSchedulers {
    private InstalledSchedulers() {
    }

    /** Prints the ids of the installed schedulers, comma-separated, for {@code -p scheduler=...}. */
    public static void main(String[] args) {
        System.out.println(ids());
    }

    /** The installed scheduler ids, sorted and comma-separated (the registry's order). */
    public static String ids() {
        return String.join(",", PluginRegistry.load().schedulers().keySet());
    }

    /**
     * The installed scheduler {@code id}, or an exception that says it is not installed, which
     * ones are, and how to choose among them.
     */
    public static SchedulerProvider require(String id) {
        Map<String, SchedulerProvider> installed = PluginRegistry.load().schedulers();
        SchedulerProvider p = installed.get(id);
        if (p == null) {
            throw new IllegalStateException("scheduler '" + id + "' is not installed on this class path (installed: "
                    + String.join(", ", installed.keySet()) + "); pass -p scheduler=" + ids()
                    + " to measure the installed ones, or add the plugin's jar to the class path");
        }
        return p;
    }

    /**
     * The scheduler parameters of a benchmark's {@code schedulerParams}: {@code NAME=VALUE}
     * pairs separated by {@code ;} (JMH splits a parameter's values at commas), empty for none.
     */
    public static Map<String, String> parameters(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : text.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("schedulerParams '" + text + "': '" + pair.strip()
                        + "' is not NAME=VALUE; write the parameters as NAME=VALUE;NAME=VALUE");
            }
            String name = pair.substring(0, eq).strip();
            if (out.put(name, pair.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException("schedulerParams '" + text + "': '" + name + "' is given twice");
            }
        }
        return out;
    }
}
