package io.github.vsched.core;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.util.Modules;

/** The composition root: builds a {@link SimulationFactory} with Guice. */
public final class Simulations {
    private Simulations() {
    }

    /**
     * A factory with the default wiring overridden by {@code overrides}.
     *
     * @throws PluginLoadException if the installed plugins cannot be loaded
     */
    public static SimulationFactory factory(Module... overrides) {
        return build(new VschedModule(), overrides);
    }

    /**
     * A factory whose plugins come from {@code pluginLoader}.
     *
     * @throws PluginLoadException if they cannot be loaded
     */
    public static SimulationFactory factory(ClassLoader pluginLoader, Module... overrides) {
        return build(new VschedModule(pluginLoader), overrides);
    }

    private static SimulationFactory build(Module base, Module... overrides) {
        quietGuice();
        return Guice.createInjector(Modules.override(base).with(overrides)).getInstance(SimulationFactory.class);
    }

    /** The system property with which Guice's bytecode generation is chosen. */
    static final String GUICE_BYTECODE_GEN = "guice_bytecode_gen_option";

    /**
     * Turns off Guice's bytecode generation unless the JVM was given a choice: it serves method
     * interception, which this wiring does not use, and it calls {@code sun.misc.Unsafe}, which
     * JDK 24 and later warn about on every run. Guice then builds objects by reflection, a
     * one-time cost when a factory is made. Guice reads the property once, when its first
     * injector is made in the JVM.
     */
    static void quietGuice() {
        if (System.getProperty(GUICE_BYTECODE_GEN) == null) {
            System.setProperty(GUICE_BYTECODE_GEN, "DISABLED");
        }
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
