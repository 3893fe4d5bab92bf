package io.github.vsched.core;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
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
    private final ClassLoader pluginLoader;

    /** Plugins from this library's class loader. */
    public VschedModule() {
        this(VschedModule.class.getClassLoader());
    }

    /** Plugins from the given class loader (for example one over a plugin directory). */
    public VschedModule(ClassLoader pluginLoader) {
        this.pluginLoader = pluginLoader;
    }

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), SimulationListener.class);
        bind(SimulationFactory.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    PluginRegistry registry() {
        return PluginRegistry.load(pluginLoader);
    }
}
