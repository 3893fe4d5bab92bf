package io.github.vsched.scenario;

import io.github.vsched.api.Capability;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Provider;
import io.github.vsched.core.PluginRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plugin ids a scenario names (its platform, schedulers and workloads) looked up among the
 * installed plugins; an unknown id is a problem that lists the installed ones and the closest.
 */
final class PluginLookup {
    private final List<Problem> problems;
    private final PluginRegistry registry;

    PluginLookup(List<Problem> problems, PluginRegistry registry) {
        this.problems = problems;
        this.registry = registry;
    }

    /** The installed plugins. */
    PluginRegistry registry() {
        return registry;
    }

    /**
     * The plugin {@code id} of {@code installed}; null, with a problem at {@code at}'s origin
     * and key, if none is installed.
     *
     * @param kind what the plugin is, as messages and {@code vsched list} name it: scheduler,
     *             platform, workload
     */
    <P extends Provider> P lookup(Map<String, P> installed, String kind, String id, Problem at) {
        P p = installed.get(id);
        if (p == null) {
            String hint = Parameters.closest(id, new ArrayList<>(installed.keySet()));
            problems.add(new Problem(at.origin(), at.key(), "unknown " + kind + " " + Problem.quote(id)
                    + (hint == null ? "" : " (did you mean '" + hint + "'?)") + "; installed " + kind + "s: "
                    + known(installed) + " (see 'vsched list " + kind + "s'; add plugin jars with"
                    + " --plugin-path DIR)"));
        }
        return p;
    }

    /** The installed schedulers that can run a cpupool smaller than the machine. */
    String poolCapable() {
        List<String> ids = new ArrayList<>();
        registry.schedulers().forEach((id, p) -> {
            if (p.capabilities().contains(Capability.CPUPOOLS)) {
                ids.add(id);
            }
        });
        return ids.isEmpty() ? "none installed" : String.join(", ", ids);
    }

    /** The ids of {@code installed}, or {@code none}. */
    static String known(Map<String, ?> installed) {
        return installed.isEmpty() ? "none" : String.join(", ", installed.keySet());
    }
}
