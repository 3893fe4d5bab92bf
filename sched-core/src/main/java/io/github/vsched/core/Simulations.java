package io.github.vsched.core;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.util.Modules;

/** The composition root: builds a {@link SimulationFactory} with Guice. */
public final class Simulations {
    private Simulations() {
    }

    /** A factory with the default wiring overridden by {@code overrides}. */
    public static SimulationFactory factory(Module... overrides) {
        return Guice.createInjector(Modules.override(new VschedModule()).with(overrides))
                .getInstance(SimulationFactory.class);
    }

    /** A factory whose plugins come from {@code pluginLoader}. */
    public static SimulationFactory factory(ClassLoader pluginLoader, Module... overrides) {
        return Guice.createInjector(Modules.override(new VschedModule(pluginLoader)).with(overrides))
                .getInstance(SimulationFactory.class);
    }

    /** Creates a simulation of {@code scenario} with the default wiring. */
    public static Simulation create(Scenario scenario) {
        return DefaultFactory.INSTANCE.create(scenario);
    }

    /** Built on first use: loading plugins and Guice wiring happen once. */
    private static final class DefaultFactory {
        static final SimulationFactory INSTANCE = factory();
    }
}
