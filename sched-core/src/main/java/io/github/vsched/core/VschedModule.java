package io.github.vsched.core;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.github.vsched.core.observe.SimulationListener;

/**
 * The default wiring: the plugin registry from the class path and no extra listeners. Override
 * it (with {@link Simulations#factory(com.google.inject.Module...)}) to add recorders or trace
 * sinks to every simulation:
 *
 * <pre>{@code
 * Simulations.factory(new AbstractModule() {
 *     protected void configure() {
 *         Multibinder.newSetBinder(binder(), SimulationListener.class).addBinding().to(MyRecorder.class);
 *     }
 * });
 * }</pre>
 */
public class VschedModule extends AbstractModule {
    private final PluginRegistry registry;

    /**
     * Plugins from this library's class loader.
     *
     * @throws PluginLoadException if they cannot be loaded
     */
    public VschedModule() {
        this(VschedModule.class.getClassLoader());
    }

    /**
     * Plugins from the given class loader (for example one over a plugin directory), loaded now,
     * so a broken plugin is reported as itself rather than as an injector error.
     *
     * @throws PluginLoadException if they cannot be loaded
     */
    public VschedModule(ClassLoader pluginLoader) {
        this.registry = PluginRegistry.load(pluginLoader);
    }

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), SimulationListener.class);
        bind(PluginRegistry.class).toInstance(registry);
        bind(SimulationFactory.class).in(Singleton.class);
    }
}
