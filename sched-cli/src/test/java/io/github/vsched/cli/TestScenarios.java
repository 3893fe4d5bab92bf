package io.github.vsched.cli;

import io.github.vsched.core.SimulationFactory;
import io.github.vsched.core.Simulations;
import io.github.vsched.scenario.DocumentReader;
import io.github.vsched.scenario.ResolvedScenario;
import io.github.vsched.scenario.ScenarioResolver;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The test scenarios of {@code src/test/resources/scenarios}, and a factory over the test plugins. */
public final class TestScenarios {
    /** Plugins on the test class path: the installed ones and the test plugins. */
    public static final SimulationFactory FACTORY = Simulations.factory();

    private TestScenarios() {
    }

    /** The file of test scenario {@code name}. */
    public static Path path(String name) {
        try {
            return Path.of(TestScenarios.class.getResource("/scenarios/" + name + ".yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A test scenario resolved under its own scheduler. */
    public static ResolvedScenario resolved(String name) {
        try {
            String text = java.nio.file.Files.readString(path(name));
            return new ScenarioResolver(FACTORY.registry(), FACTORY).resolve(DocumentReader.read(name + ".yaml", text),
                    null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
