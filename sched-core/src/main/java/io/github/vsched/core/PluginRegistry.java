package io.github.vsched.core;

import io.github.vsched.api.PlatformProvider;
import io.github.vsched.api.Provider;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.api.WorkloadProvider;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The installed plugins, found through {@link ServiceLoader}: schedulers, platforms and
 * workloads by id. Ids must be unique per kind and look like {@code credit} or
 * {@code x86-q6600}; a duplicate fails loudly, naming both jars.
 */
public final class PluginRegistry {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9.-]*");

    private final Map<String, SchedulerProvider> schedulers;
    private final Map<String, PlatformProvider> platforms;
    private final Map<String, WorkloadProvider> workloads;

    private PluginRegistry(ClassLoader loader) {
        schedulers = load(SchedulerProvider.class, "scheduler", loader);
        platforms = load(PlatformProvider.class, "platform", loader);
        workloads = load(WorkloadProvider.class, "workload", loader);
    }

    /** The plugins visible to {@code loader}. */
    public static PluginRegistry load(ClassLoader loader) {
        return new PluginRegistry(loader);
    }

    /** The plugins visible to this class's loader. */
    public static PluginRegistry load() {
        return load(PluginRegistry.class.getClassLoader());
    }

    private static <P extends Provider> Map<String, P> load(Class<P> type, String kind, ClassLoader loader) {
        Map<String, P> byId = new LinkedHashMap<>();
        List<P> found = new ArrayList<>();
        try {
            for (P p : ServiceLoader.load(type, loader)) {
                found.add(p);
            }
        } catch (ServiceConfigurationError e) {
            throw new PluginLoadException(e.getMessage(), e);
        }
        found.sort(Comparator.comparing(Provider::id));
        for (P p : found) {
            String id = p.id();
            if (id == null || !ID.matcher(id).matches()) {
                throw new PluginLoadException(kind + " provider " + p.getClass().getName() + " from " + source(p)
                        + " has invalid id '" + id + "' (lowercase letters, digits, '.' and '-', starting with a letter)");
            }
            P other = byId.putIfAbsent(id, p);
            if (other != null) {
                throw new DuplicatePluginException("two " + kind + " plugins have the id '" + id + "': "
                        + other.getClass().getName() + " from " + source(other) + " and "
                        + p.getClass().getName() + " from " + source(p));
            }
        }
        return Collections.unmodifiableMap(byId);
    }

    /** Where a provider's class was loaded from: a jar or class directory path. */
    public static String source(Object provider) {
        CodeSource cs = provider.getClass().getProtectionDomain().getCodeSource();
        URL url = cs == null ? null : cs.getLocation();
        return url == null ? "(unknown location)" : url.getPath();
    }

    /** Installed schedulers by id, sorted. */
    public Map<String, SchedulerProvider> schedulers() {
        return schedulers;
    }

    /** Installed platforms by id, sorted. */
    public Map<String, PlatformProvider> platforms() {
        return platforms;
    }

    /** Installed workloads by id, sorted. */
    public Map<String, WorkloadProvider> workloads() {
        return workloads;
    }

    /** The scheduler with this id. */
    public SchedulerProvider scheduler(String id) {
        return find(schedulers, "scheduler", id);
    }

    /** The platform with this id. */
    public PlatformProvider platform(String id) {
        return find(platforms, "platform", id);
    }

    /** The workload with this id. */
    public WorkloadProvider workload(String id) {
        return find(workloads, "workload", id);
    }

    private static <P> P find(Map<String, P> map, String kind, String id) {
        P p = map.get(id);
        if (p == null) {
            List<String> known = new ArrayList<>(map.keySet());
            String hint = io.github.vsched.api.Parameters.closest(id, known);
            throw new UnknownPluginException("unknown " + kind + " '" + id + "'"
                    + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                    + "; known " + kind + "s: " + (known.isEmpty() ? "none installed" : String.join(", ", known)));
        }
        return p;
    }
}
